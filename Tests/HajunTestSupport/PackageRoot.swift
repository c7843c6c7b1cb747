import Foundation

/// The package's root directory, for tests that read fixtures, config and bundled feeds.
public enum PackageRoot {
    public static let path: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// A path below the package root.
    public static func path(_ relative: String) -> String {
        path + "/" + relative
    }

    /// `../shared/real-feeds` beside the checkout, where the real Telegram samples live.
    public static let realFeeds: String = {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("shared/real-feeds").path
    }()
}
