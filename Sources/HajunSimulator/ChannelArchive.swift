import HajunCore

/// The posts of each channel as they stand now: one per message id, edits applied, in message-id order.
/// This is what formats that show a channel's current state (exports, RSS) contain.
public struct ChannelArchive: Sendable {
    public private(set) var channels: [SimulatedChannel] = []
    private var posts: [String: [SimulatedPost]] = [:]
    private var positions: [String: [Int64: Int]] = [:]

    public init() {}

    /// Adds a post, or applies an edit to the post it edits.
    public mutating func add(_ post: SimulatedPost) {
        let chat = post.chat.username
        if posts[chat] == nil {
            channels.append(post.chat)
            posts[chat] = []
            positions[chat] = [:]
        }
        if let index = positions[chat]?[post.messageID] {
            var edited = post
            edited.truth.kind = posts[chat]![index].truth.kind
            posts[chat]![index] = edited
        } else {
            positions[chat]![post.messageID] = posts[chat]!.count
            posts[chat]!.append(post)
        }
    }

    /// A channel's posts, oldest first.
    public func posts(of channel: String) -> [SimulatedPost] {
        posts[channel] ?? []
    }
}
