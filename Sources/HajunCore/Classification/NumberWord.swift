/// A number written as a word ("три", "тры", "три", "three"), so that counts written in words are found too.
public struct NumberWord: Sendable, Hashable {
    public var text: String
    public var language: Language
    public var value: Int

    public init(_ text: String, language: Language, value: Int) {
        self.text = text
        self.language = language
        self.value = value
    }
}
