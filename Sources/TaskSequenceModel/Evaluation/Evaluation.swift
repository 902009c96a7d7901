/// The outcome of evaluating a condition without running the task sequence: true, false, or
/// unknown when it depends on facts about the machine that nobody supplied.
///
/// Combining follows three-valued (Kleene) logic: `false` wins an AND and `true` wins an OR even
/// when other operands are unknown.
public enum Evaluation: Sendable, Hashable, CustomStringConvertible {
    case `true`
    case `false`
    case unknown

    public init(_ value: Bool) {
        self = value ? .true : .false
    }

    /// AND over `values`: true when all are true (also when there are none), false when any is.
    public static func all<S: Sequence>(_ values: S) -> Evaluation where S.Element == Evaluation {
        var sawUnknown = false
        for value in values {
            switch value {
            case .false: return .false
            case .unknown: sawUnknown = true
            case .true: break
            }
        }
        return sawUnknown ? .unknown : .true
    }

    /// OR over `values`: true when any is true, false when all are false (also when there are none).
    public static func any<S: Sequence>(_ values: S) -> Evaluation where S.Element == Evaluation {
        var sawUnknown = false
        for value in values {
            switch value {
            case .true: return .true
            case .unknown: sawUnknown = true
            case .false: break
            }
        }
        return sawUnknown ? .unknown : .false
    }

    public var negated: Evaluation {
        switch self {
        case .true: .false
        case .false: .true
        case .unknown: .unknown
        }
    }

    /// Whether the step would certainly run.
    public var isTrue: Bool { self == .true }

    public var description: String {
        switch self {
        case .true: "true"
        case .false: "false"
        case .unknown: "unknown"
        }
    }
}
