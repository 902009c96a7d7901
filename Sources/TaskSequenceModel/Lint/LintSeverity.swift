/// How much a lint finding matters.
///
/// Only ``error`` makes `tsctl lint` exit 1: something that breaks a deployment or leaks a
/// secret. ``warning`` is probably wrong; ``info`` is worth a reviewer's glance.
public enum LintSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}
