import Foundation

/// Resolves relative paths in a config file against the file's own directory.
enum ConfigPaths {
    static func resolve(_ path: String, against baseDirectory: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((baseDirectory as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }
}
