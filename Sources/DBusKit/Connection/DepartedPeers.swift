/// The unique names of peers that left the bus, most recent kept: lets long work done for a
/// caller stop once the caller is gone. Unique names are never reused, so a hit is final.
struct DepartedPeers: Sendable {
    /// Enough to cover every caller whose work could still be running.
    static let capacity = 4_096
    private var names: Set<String> = []
    private var order: [String] = []
    private var oldest = 0

    mutating func insert(_ name: String) {
        guard names.insert(name).inserted else { return }
        if order.count < Self.capacity {
            order.append(name)
        } else {
            names.remove(order[oldest])
            order[oldest] = name
            oldest = (oldest + 1) % Self.capacity
        }
    }

    func contains(_ name: String) -> Bool { names.contains(name) }
}
