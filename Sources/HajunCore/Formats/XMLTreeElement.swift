/// An element of the small XML tree `XMLReader` builds for feed parsing.
final class XMLTreeElement {
    enum Content {
        case text(String)
        case element(XMLTreeElement)
    }

    /// The qualified name as written (`item`, `dc:creator`).
    let name: String
    let attributes: [(name: String, value: String)]
    /// Offset of the `<` of the start tag.
    let byteOffset: Int
    private(set) var content: [Content] = []
    /// False when the input ended (or broke) before the end tag.
    var isClosed = false

    init(name: String, attributes: [(name: String, value: String)], byteOffset: Int) {
        self.name = name
        self.attributes = attributes
        self.byteOffset = byteOffset
    }

    func append(_ element: XMLTreeElement) {
        content.append(.element(element))
    }

    /// Adds character data, joining it to text just before (text, CDATA and entities arrive in pieces).
    func append(text: String) {
        if case .text(let previous)? = content.last {
            content[content.count - 1] = .text(previous + text)
        } else {
            content.append(.text(text))
        }
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Child elements, in order.
    var elements: [XMLTreeElement] {
        content.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
    }

    func child(_ name: String) -> XMLTreeElement? {
        for case .element(let element) in content where element.name == name {
            return element
        }
        return nil
    }

    func children(_ name: String) -> [XMLTreeElement] {
        elements.filter { $0.name == name }
    }

    /// All character data inside the element, descendants included, in document order.
    var text: String {
        var result = ""
        for part in content {
            switch part {
            case .text(let text): result += text
            case .element(let element): result += element.text
            }
        }
        return result
    }

    /// The trimmed text of the first child named `name`; nil when there is none or it is blank.
    func childText(_ name: String) -> String? {
        FeedText.nonBlank(child(name)?.text)
    }
}
