import TaskSequenceModel
import TaskSequenceXML

/// What `xml check` reports about one task sequence.
struct SequenceSummary: Codable, Equatable {
    var path: String
    var format: String
    var packageID: String?
    var archiveMember: String?
    var schemaVersion: String
    /// Steps that are not groups (actions, Run Task Sequence, untyped MDT steps).
    var steps: Int
    var groups: Int
    /// Steps and groups that have a condition.
    var conditions: Int
    /// Condition expressions (the individual tests) in those conditions.
    var expressions: Int
    /// Deepest step nesting: 1 for steps directly in the sequence.
    var maximumDepth: Int
    /// What an import would warn about, one line each (`PLACE: PROPERTY: RULE`).
    var warnings: [String]

    init(path: String, document: TaskSequenceDocument) {
        warnings = document.listedWarnings
        let counts = document.sequence.counts
        self.path = path
        format = document.format.rawValue
        packageID = document.package.packageID.isEmpty ? nil : document.package.packageID
        archiveMember = document.archiveMember
        schemaVersion = document.sequence.schemaVersion
        steps = counts.steps
        groups = counts.groups
        conditions = counts.conditions
        expressions = counts.expressionTotal
        maximumDepth = counts.maximumDepth
    }

    /// `PATH: format=… version=… steps=… groups=… conditions=… expressions=… depth=…` (plus the
    /// package and zip member when the file carries them).
    var line: String {
        var line = "\(path): format=\(format) version=\(schemaVersion) steps=\(steps) groups=\(groups)"
            + " conditions=\(conditions) expressions=\(expressions) depth=\(maximumDepth)"
        if let packageID { line += " package=\(packageID)" }
        if let archiveMember { line += " member=\(archiveMember)" }
        return line
    }
}
