/// The outcome of one line of a CSV computer import (`ImportCsv`, `tsctl computer import`):
/// the service builds it, ProviderDBus sends it as `(Line, Name, ResourceID, Problem)`, the
/// SDK reads it back. JSON: `Line`, `Name`, `ResourceID` (0 for a line left out), `Problem`
/// (empty for an imported line).
public struct ComputerImportLine: Sendable, Hashable, Codable {
    /// What became of the line.
    public enum Outcome: Sendable, Hashable {
        /// Imported (or overwritten) with this ResourceID.
        case imported(UInt32)
        /// Left out, for this reason.
        case failed(String)
    }

    /// 1-based line number in the file.
    public var line: Int
    /// The computer name the line gives (possibly empty or invalid).
    public var name: String
    /// What became of it.
    public var outcome: Outcome

    enum CodingKeys: String, CodingKey {
        case line = "Line", name = "Name", resourceID = "ResourceID", problem = "Problem"
    }

    /// A line's outcome.
    public init(line: Int, name: String, outcome: Outcome) {
        self.line = line
        self.name = name
        self.outcome = outcome
    }

    /// A line as the provider sends it: an empty `problem` means imported as `resourceID`.
    public init(line: Int, name: String, resourceID: UInt32, problem: String) {
        self.init(line: line, name: name, outcome: problem.isEmpty ? .imported(resourceID) : .failed(problem))
    }

    /// Whether the line was imported.
    public var isImported: Bool {
        if case .imported = outcome { return true }
        return false
    }

    /// The computer's ResourceID; 0 for a line that was left out.
    public var resourceID: UInt32 {
        if case .imported(let id) = outcome { return id }
        return 0
    }

    /// What is wrong with the line; empty for an imported one.
    public var problem: String {
        if case .failed(let reason) = outcome { return reason }
        return ""
    }

    /// `line N: <what is wrong>` for a failed line; `nil` for an imported one.
    public var located: String? {
        isImported ? nil : "line \(line): \(problem)"
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            line: try container.decode(Int.self, forKey: .line), name: try container.decode(String.self, forKey: .name),
            resourceID: try container.decode(UInt32.self, forKey: .resourceID), problem: try container.decode(String.self, forKey: .problem))
    }

    /// Every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(name, forKey: .name)
        try container.encode(resourceID, forKey: .resourceID)
        try container.encode(problem, forKey: .problem)
    }
}
