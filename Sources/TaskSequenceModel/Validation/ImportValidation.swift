/// What validating an imported sequence found: its warnings (kept with the import) and its
/// errors (which refuse it), no notes.
public struct ImportValidation: Sendable, Hashable {
    /// How many errors an import reports before it only counts them.
    public static let defaultErrorLimit = 100
    /// How many warnings an import keeps before it only counts them (a generated sequence can
    /// break one rule in every one of its thousands of steps).
    public static let defaultWarningLimit = 1000

    /// Warnings and errors in document order.
    public var issues: [ValidationIssue]
    /// Errors found beyond the limit, not in ``issues``.
    public var omittedErrors: Int
    /// Warnings found beyond the limit, not in ``issues``.
    public var omittedWarnings: Int

    public init(issues: [ValidationIssue] = [], omittedErrors: Int = 0, omittedWarnings: Int = 0) {
        self.issues = issues
        self.omittedErrors = omittedErrors
        self.omittedWarnings = omittedWarnings
    }

    public var warnings: [ValidationIssue] { issues.filter { $0.severity == .warning } }
    public var errors: [ValidationIssue] { issues.errors }
    /// Whether the import is refused.
    public var refuses: Bool { omittedErrors > 0 || issues.containsErrors }

    /// Adds what `other` found after this.
    public mutating func append(_ other: ImportValidation) {
        issues += other.issues
        omittedErrors += other.omittedErrors
        omittedWarnings += other.omittedWarnings
    }

    /// Adds what `other` found after this, keeping at most `errorLimit` errors and
    /// `warningLimit` warnings in all — what one validation of both parts would keep — and
    /// counting the rest as omitted.
    package mutating func append(_ other: ImportValidation, errorLimit: Int, warningLimit: Int) {
        var keptErrors = 0, keptWarnings = 0
        for issue in issues { if issue.severity == .error { keptErrors += 1 } else { keptWarnings += 1 } }
        for issue in other.issues {
            if issue.severity == .error {
                guard keptErrors < errorLimit else { omittedErrors += 1; continue }
                keptErrors += 1
            } else {
                guard keptWarnings < warningLimit else { omittedWarnings += 1; continue }
                keptWarnings += 1
            }
            issues.append(issue)
        }
        omittedErrors += other.omittedErrors
        omittedWarnings += other.omittedWarnings
    }

    /// The warnings as an import lists them, one line each, then `and N more warnings` past the
    /// limit.
    public static func listed(_ warnings: [ValidationIssue], omitted: Int) -> [String] {
        warnings.map(\.listed) + (omitted > 0 ? ["and \(omitted) more warnings"] : [])
    }
}

extension ValidationIssue {
    /// The issue without its severity, as an import lists its warnings:
    /// `group[1]/step[3] "Install": Description: length 300 exceeds AllowedLen 0-255 (kept)`.
    public var listed: String {
        let place = location.description
        return (place.isEmpty ? "" : place + ": ") + message
    }
}

extension ImportValidation {
    /// Every error on one line, separated by `; `, with `and N more errors` past the limit:
    /// `group[1]/step[2] "X": error: Name: is empty; AllowedLen 1-100; step[4] "Y": error: …`.
    public var errorSummary: String {
        var parts = errors.map(\.description)
        if omittedErrors > 0 { parts.append("and \(omittedErrors) more errors") }
        return parts.isEmpty ? "no errors" : parts.joined(separator: "; ")
    }
}
