/// One channel post as a feed delivered it, before any judgement: the output of every feed parser.
public struct Report: Sendable, Hashable {
    /// The configured feed's name.
    public var feed: String
    /// The channel's username without `@`, or its numeric id as a string when it has none.
    public var chat: String
    /// The post's id in its channel, when the format has one.
    public var messageID: Int64?
    /// A link to the post, when known.
    public var url: String?
    /// When the post was made (its own time, used for dedup windows).
    public var postedAt: Timestamp
    /// When the post was last edited, for edits.
    public var editedAt: Timestamp?
    /// Plain text (text or caption; entities flattened).
    public var text: String
    /// The author or signature, when the format gives one.
    public var author: String?
    /// The original post when this one is a forward.
    public var forwardOrigin: ForwardOrigin?
    /// Where in the input the post came from, for error messages and ground truth.
    public var position: SourcePosition

    public init(
        feed: String,
        chat: String,
        messageID: Int64? = nil,
        url: String? = nil,
        postedAt: Timestamp,
        editedAt: Timestamp? = nil,
        text: String,
        author: String? = nil,
        forwardOrigin: ForwardOrigin? = nil,
        position: SourcePosition = SourcePosition()
    ) {
        self.feed = feed
        self.chat = chat
        self.messageID = messageID
        self.url = url
        self.postedAt = postedAt
        self.editedAt = editedAt
        self.text = text
        self.author = author
        self.forwardOrigin = forwardOrigin
        self.position = position
    }
}

/// The post a forward was taken from.
public struct ForwardOrigin: Sendable, Hashable {
    /// The origin channel's username or numeric id, when the forward names a chat.
    public var chat: String?
    /// The origin post's id, when known.
    public var messageID: Int64?
    /// A user or sender name, for forwards from people (`forward_origin.type == "user"` or hidden users).
    public var senderName: String?

    public init(chat: String? = nil, messageID: Int64? = nil, senderName: String? = nil) {
        self.chat = chat
        self.messageID = messageID
        self.senderName = senderName
    }
}

/// A position in an input: line (1-based) and byte offset (0-based), either possibly unknown.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var byteOffset: Int?

    public init(line: Int? = nil, byteOffset: Int? = nil) {
        self.line = line
        self.byteOffset = byteOffset
    }

    public var description: String {
        switch (line, byteOffset) {
        case let (line?, offset?): return "line \(line), byte \(offset)"
        case let (line?, nil): return "line \(line)"
        case let (nil, offset?): return "byte \(offset)"
        case (nil, nil): return "unknown position"
        }
    }
}
