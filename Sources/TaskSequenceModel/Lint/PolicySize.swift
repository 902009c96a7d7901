/// The size budgets ConfigMgr puts on a task sequence, and the estimate of its policy's size.
///
/// ConfigMgr warns when a task sequence is larger than 2 MB as stored, and a client refuses a
/// task sequence policy larger than 32 MB. The policy carries the sequence XML as text inside
/// another XML document, so every `&`, `<`, `>`, `"` and `'` grows to an entity.
public enum PolicySize {
    /// The stored-sequence budget: 2 MB.
    public static let storedSequenceBudget = 2 * 1024 * 1024
    /// The policy budget: 32 MB.
    public static let policyBudget = 32 * 1024 * 1024

    /// The bytes `sequenceXML` takes once escaped into a policy document.
    public static func estimatedPolicyBytes(forSequenceXML sequenceXML: String) -> Int {
        var bytes = 0
        for unit in sequenceXML.utf8 {
            switch unit {
            case UInt8(ascii: "&"): bytes += 5
            case UInt8(ascii: "<"), UInt8(ascii: ">"): bytes += 4
            case UInt8(ascii: "\""), UInt8(ascii: "'"): bytes += 6
            default: bytes += 1
            }
        }
        return bytes
    }

    /// `2.0 MB` style, one decimal.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
