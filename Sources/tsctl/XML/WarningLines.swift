import TaskSequenceModel

/// The lines `import` and `xml check` print about what validation found, so both say the same
/// thing the same way: `FILE: warning: PLACE: PROPERTY: RULE`.
enum WarningLines {
    static func warning(_ listed: String, in file: String) -> String {
        "\(file): warning: \(listed)"
    }

    static func error(_ listed: String, in file: String) -> String {
        "\(file): error: \(listed)"
    }

    /// One line per error, then `and N more errors` past the limit.
    static func errors(_ found: ImportValidation, in file: String) -> [String] {
        found.errors.map { error($0.listed, in: file) }
            + (found.omittedErrors > 0 ? ["\(file): error: and \(found.omittedErrors) more errors"] : [])
    }
}
