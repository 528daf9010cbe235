/// Values numbered by first appearance, so that edge algebras can carry them as 32-bit ids.
struct Interner<Element: Hashable> {
    private(set) var elements: [Element] = []
    private var ids: [Element: UInt32] = [:]

    /// The id of `element`, numbering it if it is new.
    mutating func intern(_ element: Element) -> UInt32 {
        if let id = ids[element] { return id }
        let id = UInt32(elements.count)
        elements.append(element)
        ids[element] = id
        return id
    }

    subscript(id: UInt32) -> Element { elements[Int(id)] }

    var count: Int { elements.count }
}
