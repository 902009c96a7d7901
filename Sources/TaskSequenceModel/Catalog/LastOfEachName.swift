/// `elements` with one element of each name, names compared without regard to case: a later
/// element of a name takes the place of the first (a redefined class, a restated property), so
/// the order is that of first appearance. With the position of each lowercased name.
func lastOfEachName<Element>(_ elements: some Sequence<Element>, name: (Element) -> String) -> (elements: [Element], positions: [String: Int]) {
    var unique: [Element] = []
    var positions: [String: Int] = [:]
    for element in elements {
        let key = name(element).lowercased()
        if let existing = positions[key] {
            unique[existing] = element
        } else {
            positions[key] = unique.count
            unique.append(element)
        }
    }
    return (unique, positions)
}
