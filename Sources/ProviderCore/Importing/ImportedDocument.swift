import TaskSequenceXML
import TaskSequenceModel

/// A file the reader has parsed and validated, waiting to be stored: the new package's
/// properties, its sequence, and what the revision records about the import.
struct ImportedDocument {
    var properties: PackageProperties
    /// The model alone, so storing can let it go before the revision's XML is kept.
    private var sequence: TaskSequence
    /// The revision's Change: `import (FORMAT)`.
    let change: String
    let warnings: [String]
    /// The payload's size in bytes, which the canonical XML is expected to be about.
    let size: Int

    /// `name`, when given, replaces the name the file carries.
    init(_ document: consuming TaskSequenceDocument, size: Int, name: String?) {
        properties = document.package
        if let name { properties.name = name }
        change = "import (\(document.format.rawValue))"
        warnings = document.listedWarnings
        sequence = document.sequence
        self.size = size
    }

    /// The sequence, handed on: the document is used up.
    consuming func takeSequence() -> TaskSequence {
        sequence
    }
}
