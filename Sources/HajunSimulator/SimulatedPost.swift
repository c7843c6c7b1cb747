import HajunCore

/// One generated channel post (or an edit of one), with its ground truth.
public struct SimulatedPost: Sendable, Hashable {
    /// A formatting entity in UTF-16 code units, as the Bot API counts them.
    public struct Entity: Sendable, Hashable {
        public var type: String
        public var offset: Int
        public var length: Int
    }

    /// The channel post a forward was taken from.
    public struct Origin: Sendable, Hashable {
        public var chat: SimulatedChannel
        public var messageID: Int64
        public var date: Timestamp
        public var authorSignature: String?
    }

    public var chat: SimulatedChannel
    public var messageID: Int64
    /// When the post was made (for an edit: the original post's time, as Telegram keeps it).
    public var date: Timestamp
    /// For edits: when the edit was made.
    public var editDate: Timestamp?
    public var text: String
    public var entities: [Entity]
    /// A photo post: the text is its caption.
    public var hasPhoto: Bool
    public var authorSignature: String?
    public var forwardOrigin: Origin?
    public var truth: GroundTruth

    /// True for an edit of an earlier post.
    public var isEdit: Bool { editDate != nil }

    /// `https://t.me/<channel>/<id>`
    public var url: String { "https://t.me/\(chat.username)/\(messageID)" }
}
