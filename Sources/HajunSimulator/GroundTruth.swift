import HajunCore

/// What a generated post really is: the answer key for dedup and classification quality.
public struct GroundTruth: Sendable, Hashable {
    /// How the post came about.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The first report of an incident.
        case original
        /// A forward of the original into another channel (Bot API `forward_origin` of type `channel`).
        case forward
        /// The original's text reposted with another channel's emoji and signature.
        case repost
        /// Another subscriber's own wording of the same incident (maybe in another language, maybe rounded).
        case rewording
        /// A repost with typos or Latin look-alike letters.
        case variant
        /// An edit of the original (same chat and message id).
        case edit
        /// A channel notice or other noise; identical notices share an incident.
        case notice
    }

    /// Posts of one incident share this id.
    public var incident: String
    public var category: Category
    /// The region of the main place in the text; nil when the text names none.
    public var region: Region?
    public var language: Language
    public var kind: Kind

    public init(incident: String, category: Category, region: Region?, language: Language, kind: Kind) {
        self.incident = incident
        self.category = category
        self.region = region
        self.language = language
        self.kind = kind
    }
}
