/// A check of a successful call's result: a problem, or `nil` when the result is right.
typealias ResultCheck = @Sendable (JSONValue?) -> String?

/// What the contract says a call must answer.
enum Expected: Sendable, CustomStringConvertible {
    /// Success, with an optional check of the result.
    case success(ResultCheck?)
    /// An object the caller may not read: the error `errorName` (any error when `nil`),
    /// answered exactly as the same call on a missing object (the cell's twin) once the real
    /// text is replaced by the missing one.
    case hidden(errorName: String?, twin: Twin)
    /// `AccessDenied` whose message names one of `rights`.
    case accessDenied(naming: [String])
    /// Any failure with this error name.
    case failure(String)

    var description: String {
        switch self {
        case .success: "success"
        case .hidden(let name, _): "\(name?.split(separator: ".").last.map(String.init) ?? "an error") like a missing object"
        case .accessDenied(let rights): "AccessDenied naming \(rights.joined(separator: " or "))"
        case .failure(let name): "failure \(name)"
        }
    }

    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}

/// The call on a missing object that a hidden object's call must answer exactly like.
struct Twin: Sendable {
    let call: PlannedCall
    /// What to replace in the hidden cell's error message (an ID or a path) …
    let realText: String
    /// … and what with.
    let missingText: String
}

/// One cell of the matrix: a principal's call at an entry point on a target, and what the
/// rules say it must answer.
struct MatrixCell: Sendable, CustomStringConvertible {
    let principal: TestPrincipal
    /// `P3 step`, `S1`, `tspm-reader's P1 entry`, `class SMS_TaskSequencePackage`.
    let target: String
    /// `Get Name`, `GetObject`, `ExecQuery packages`.
    let entryPoint: String
    let call: PlannedCall
    let expected: Expected

    var description: String { "\(principal) · \(entryPoint) · \(target)" }

    /// What is wrong with `outcome`, when something is: one line per problem.
    func problems(in transcript: SessionTranscript) -> [String] {
        guard let outcome = transcript[call.id] else { return ["\(self): the session has no outcome for it"] }
        switch expected {
        case .success(let check):
            guard outcome.ok else { return ["\(self): expected success, got \(outcome)"] }
            if let problem = check?(outcome.result) { return ["\(self): \(problem)"] }
            return []
        case .hidden(let errorName, let twin):
            guard !outcome.ok else { return ["\(self): UNAUTHORIZED SUCCESS, expected \(expected): \(outcome)"] }
            var problems: [String] = []
            if let errorName, outcome.errorName != errorName {
                problems.append("\(self): expected \(errorName), got \(outcome)")
            }
            guard let missing = transcript[twin.call.id] else { return problems + ["\(self): no outcome for its missing twin"] }
            if missing.ok || missing.errorName != outcome.errorName
                || (outcome.errorMessage ?? "").replacingOccurrences(of: twin.realText, with: twin.missingText) != missing.errorMessage {
                problems.append("\(self): answers unlike a missing object — hidden: \(outcome); missing: \(missing)")
            }
            return problems
        case .accessDenied(let rights):
            guard !outcome.ok else { return ["\(self): UNAUTHORIZED SUCCESS, expected \(expected): \(outcome)"] }
            guard outcome.errorName == Provider.accessDeniedError, rights.contains(where: { (outcome.errorMessage ?? "").contains($0) }) else {
                return ["\(self): expected \(expected), got \(outcome)"]
            }
            return []
        case .failure(let errorName):
            guard !outcome.ok else { return ["\(self): expected \(errorName), got success: \(outcome)"] }
            return outcome.errorName == errorName ? [] : ["\(self): expected \(errorName), got \(outcome)"]
        }
    }
}

/// The cells of one principal's session, in call order, with the twin calls they need.
struct MatrixPlan: Sendable {
    let principal: TestPrincipal
    private(set) var cells: [MatrixCell] = []
    private(set) var calls: [PlannedCall] = []

    init(principal: TestPrincipal) {
        self.principal = principal
    }

    /// Adds a cell; its call (and its twin's, for a hidden object) joins the session.
    mutating func add(_ target: String, _ entryPoint: String, _ call: PlannedCall, _ expected: Expected) {
        cells.append(MatrixCell(principal: principal, target: target, entryPoint: entryPoint, call: call, expected: expected))
        calls.append(call)
        if case .hidden(_, let twin) = expected { calls.append(twin.call) }
    }

    /// A fresh call ID.
    var nextID: String { "c\(calls.count)" }

    /// The cells the rules refuse that succeeded anyway.
    func unauthorizedSuccesses(in transcript: SessionTranscript) -> [MatrixCell] {
        cells.filter { !$0.expected.isSuccess && transcript[$0.call.id]?.ok == true }
    }
}
