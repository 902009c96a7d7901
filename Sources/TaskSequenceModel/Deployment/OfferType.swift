/// `SMS_Advertisement.OfferType`: whether a deployment must run or is offered to run.
public enum OfferType: UInt32, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Required (mandatory): runs on its schedule without anyone starting it.
    case required = 0
    /// Available: listed for someone to start.
    case available = 2

    /// `required` or `available`.
    public var description: String {
        switch self {
        case .required: "required"
        case .available: "available"
        }
    }

    /// The offer type named `text` (`required`, `available`, or the number), case-insensitive.
    public init?(text: String) {
        switch text.lowercased() {
        case "required", "0": self = .required
        case "available", "2": self = .available
        default: return nil
        }
    }
}
