import Foundation
internal import CLibXML2
import TaskSequenceModel

/// Reads task sequences from every format ConfigMgr and MDT write.
///
/// ```swift
/// let reader = TaskSequenceReader()
/// let document = try reader.document(from: Data(contentsOf: url))
/// print(document.format, document.package.name, document.sequence.steps.count)
/// ```
///
/// The format is detected from the content: a zip export, a bare `<sequence>` (ConfigMgr or
/// MDT), the 2007 `<SmsTaskSequencePackage>` wrapper or a 2012+ `object.xml`. Bytes are handed
/// to libxml2 as they are, so the encoding named in the XML declaration is honoured. Parsing is
/// safe against hostile input (see ``XMLLimits`` and ``XMLCodecError``); a reader is a value
/// and may be used from any thread.
public struct TaskSequenceReader: Sendable {
    public var limits: XMLLimits
    /// When set, every reading method validates sequences against this catalog as an import
    /// does (``ValidationStrength/imported``): the warnings are returned with the sequence
    /// (``TaskSequenceDocument/warnings``, ``CheckedSequence/warnings``), and a sequence with
    /// errors fails with ``XMLCodecError/invalidSequence(_:)`` listing every error (up to
    /// ``ImportValidation/defaultErrorLimit``). A bare `<sequence>` is checked as it is read,
    /// and nothing more of it is built after its first error.
    public var validation: ActionCatalog?

    public init(limits: XMLLimits = .default, validation: ActionCatalog? = nil) {
        self.limits = limits
        self.validation = validation
    }

    /// The reader an import uses — the provider's and `tsctl xml check`'s, so both report the
    /// same warnings and errors: validating against the built-in catalog.
    public static func importing(limits: XMLLimits = .default) -> TaskSequenceReader {
        TaskSequenceReader(limits: limits, validation: .builtIn)
    }

    /// Every task sequence package in `data`: one for an XML file, each package for a zip.
    public func documents(from data: Data) throws(XMLCodecError) -> [TaskSequenceDocument] {
        var documents = try documents(from: data, archiveNesting: 0)
        for index in documents.indices { documents[index] = try validated(documents[index]) }
        return documents
    }

    /// The one task sequence package in `data`, or the one with `packageID` when a zip holds
    /// several.
    ///
    /// - Throws: ``XMLCodecError/severalPackages(_:)`` when `data` holds several packages and no
    ///   `packageID` is given; ``XMLCodecError/packageNotFound(_:available:)`` when none has it.
    public func document(from data: Data, packageID: String? = nil) throws(XMLCodecError) -> TaskSequenceDocument {
        guard !ZipExportReader.isZip(data) else {
            // Only the chosen package of an archive is checked.
            return try validated(select(packageID, among: documents(from: data, archiveNesting: 0)))
        }
        let document = try withBytes(of: data) { bytes throws(XMLCodecError) in
            try xmlDocument(from: bytes, embeddedText: false, validating: validation)
        }
        return try select(packageID, among: [document])
    }

    /// ``document(from:packageID:)`` for a file that arrived as text (its UTF-8 bytes are read
    /// in place, not copied; an encoding named in its declaration is honoured as for bytes).
    public func document(fromFileText text: String, packageID: String? = nil) throws(XMLCodecError) -> TaskSequenceDocument {
        try withUTF8Bytes(of: text) { bytes throws(XMLCodecError) -> TaskSequenceDocument in
            // Only the chosen package of an archive is checked; an XML file is checked as it is
            // read (checking it again afterwards found the same and cost a sixth of an import).
            if ZipExportReader.isZip(bytes) { return try validated(select(packageID, among: documents(from: Data(bytes), archiveNesting: 0))) }
            return try select(packageID, among: [xmlDocument(from: bytes, embeddedText: false, validating: validation)])
        }
    }

    private func select(_ packageID: String?, among documents: [TaskSequenceDocument]) throws(XMLCodecError) -> TaskSequenceDocument {
        let available = documents.map(\.package.packageID)
        if let packageID {
            guard let match = documents.first(where: { $0.package.packageID.equalsIgnoringCase(packageID) }) else {
                throw .packageNotFound(packageID, available: available)
            }
            return match
        }
        guard documents.count == 1, let only = documents.first else { throw .severalPackages(available) }
        return only
    }

    /// The task sequence in XML text (any of the XML formats, not a zip). The text is already
    /// Unicode, so an encoding named in its declaration is ignored.
    public func document(fromXML text: String) throws(XMLCodecError) -> TaskSequenceDocument {
        try withUTF8Bytes(of: text) { bytes throws(XMLCodecError) in try xmlDocument(from: bytes, embeddedText: true, validating: validation) }
    }

    /// A bare `<sequence>` document, as `SMS_TaskSequencePackage.SetSequence` and
    /// `ImportSequence` take it.
    public func sequence(fromXML text: String) throws(XMLCodecError) -> TaskSequence {
        try checkedSequence(fromXML: text).sequence
    }

    /// ``sequence(fromXML:)`` with the warnings validation found.
    public func checkedSequence(fromXML text: String) throws(XMLCodecError) -> CheckedSequence {
        try withUTF8Bytes(of: text) { bytes throws(XMLCodecError) in try streamedSequence(from: bytes, validating: validation) }
    }

    /// A bare `<sequence>` in `bytes` (UTF-8 text), mapped (and checked against `catalog`)
    /// while it is parsed.
    func streamedSequence(from bytes: UnsafeRawBufferPointer, validating catalog: ActionCatalog? = nil) throws(XMLCodecError) -> CheckedSequence {
        let stream = SequenceStream(validatingWith: catalog)
        let sequence = try SafeXMLParser.withDocument(bytes, limits: limits, embeddedText: true, stream: stream) { document throws(XMLCodecError) in
            try SequenceMapper.taskSequence(from: rootElement(of: document), streamed: stream.streamedRootChildren)
        }
        return try finishValidation(of: sequence, streamedBy: stream, catalog: catalog)
    }

    /// Applies what the stream could not check: the sequence's own rules (its global variables,
    /// which come before any step's in document order), then what the stream found in the steps.
    private func finishValidation(of sequence: TaskSequence, streamedBy stream: SequenceStream, catalog: ActionCatalog?) throws(XMLCodecError) -> CheckedSequence {
        guard let catalog else { return CheckedSequence(sequence: sequence) }
        guard stream.validatedSteps else { return try validated(sequence, catalog: catalog) }
        let ownParts = TaskSequence(attributes: sequence.attributes, children: sequence.children.filter {
            if case .step = $0 { false } else { true }
        })
        var found = ownParts.importValidation(catalog: catalog)
        // Within the limits of the whole, as checking the finished sequence would keep them.
        found.append(stream.stepValidation, errorLimit: ImportValidation.defaultErrorLimit, warningLimit: ImportValidation.defaultWarningLimit)
        if found.refuses { throw .invalidSequence(found) }
        return CheckedSequence(sequence: sequence, warnings: found.warnings, omittedWarnings: found.omittedWarnings)
    }

    private func validated(_ sequence: TaskSequence, catalog: ActionCatalog) throws(XMLCodecError) -> CheckedSequence {
        let found = sequence.importValidation(catalog: catalog)
        if found.refuses { throw .invalidSequence(found) }
        return CheckedSequence(sequence: sequence, warnings: found.warnings, omittedWarnings: found.omittedWarnings)
    }

    private func validated(_ document: TaskSequenceDocument) throws(XMLCodecError) -> TaskSequenceDocument {
        guard let validation else { return document }
        var document = document
        let checked = try validated(document.sequence, catalog: validation)
        document.warnings = checked.warnings
        document.omittedWarnings = checked.omittedWarnings
        return document
    }

    // MARK: - Internals shared with the container readers

    func documents(from data: Data, archiveNesting: Int) throws(XMLCodecError) -> [TaskSequenceDocument] {
        if ZipExportReader.isZip(data) {
            return try ZipExportReader(reader: self).documents(in: data, nesting: archiveNesting)
        }
        let document = try withBytes(of: data) { bytes throws(XMLCodecError) in try xmlDocument(from: bytes, embeddedText: false) }
        return [document]
    }

    /// The document in `bytes`; with `catalog`, only when its sequence passes validation.
    func xmlDocument(from bytes: UnsafeRawBufferPointer, embeddedText: Bool, validating catalog: ActionCatalog? = nil) throws(XMLCodecError) -> TaskSequenceDocument {
        let stream = SequenceStream(validatingWith: catalog)
        var document = try SafeXMLParser.withDocument(bytes, limits: limits, embeddedText: embeddedText, stream: stream) { document throws(XMLCodecError) in
            let root = try rootElement(of: document)
            switch root.isUnprefixed ? root.localName : root.qualifiedName {
            case "sequence":
                return sequenceDocument(try SequenceMapper.taskSequence(from: root, streamed: stream.streamedRootChildren))
            case "SmsTaskSequencePackage":
                return try Package2007Reader(reader: self).document(from: root)
            case "INSTANCE":
                return try ObjectXMLReader(reader: self).document(from: root)
            default:
                throw .notATaskSequence(rootElement: root.qualifiedName, line: root.line)
            }
        }
        let checked = try finishValidation(of: document.sequence, streamedBy: stream, catalog: catalog)
        document.sequence = checked.sequence
        document.warnings = checked.warnings
        document.omittedWarnings = checked.omittedWarnings
        return document
    }

    /// A bare sequence as a document: MDT when `<sequence>` has a `name`, whose name and
    /// description then describe the package too.
    private func sequenceDocument(_ sequence: TaskSequence) -> TaskSequenceDocument {
        guard let name = sequence.attributes["name"] else { return TaskSequenceDocument(format: .sequence, sequence: sequence) }
        var package = PackageProperties()
        package.name = name
        package.description = sequence.attributes["description"] ?? ""
        return TaskSequenceDocument(format: .mdt, package: package, sequence: sequence)
    }

    /// Parses a sequence that a container holds as text (a CDATA section or escaped text).
    /// Positions in errors are moved to the container's lines, counting from `startLine`.
    func embeddedSequence(_ text: String, startLine: Int) throws(XMLCodecError) -> TaskSequence {
        do {
            return try withUTF8Bytes(of: text) { bytes throws(XMLCodecError) in try streamedSequence(from: bytes).sequence }
        } catch {
            throw error.embedded(startingAtLine: startLine)
        }
    }
}

func rootElement(of document: UnsafeMutablePointer<xmlDoc>) throws(XMLCodecError) -> XMLNodePointer {
    guard let root = xmlDocGetRootElement(document) else {
        throw .malformed(line: 1, column: 1, message: "no root element; expected a <sequence> or container document")
    }
    return root
}

/// Runs `body` over the bytes of `data` without copying them.
func withBytes<Result>(of data: Data, _ body: (UnsafeRawBufferPointer) throws(XMLCodecError) -> Result) throws(XMLCodecError) -> Result {
    let outcome = data.withUnsafeBytes { bytes in
        Swift.Result { () throws(XMLCodecError) -> Result in try body(bytes) }
    }
    return try outcome.get()
}

/// Runs `body` over the UTF-8 bytes of `text`.
func withUTF8Bytes<Result>(of text: String, _ body: (UnsafeRawBufferPointer) throws(XMLCodecError) -> Result) throws(XMLCodecError) -> Result {
    var text = text
    let outcome = text.withUTF8 { bytes in
        Swift.Result { () throws(XMLCodecError) -> Result in try body(UnsafeRawBufferPointer(bytes)) }
    }
    return try outcome.get()
}

extension XMLCodecError {
    /// The error of a document embedded in a container, with lines counted in the container.
    func embedded(startingAtLine startLine: Int) -> XMLCodecError {
        let shift = max(startLine, 1) - 1
        let note = " (in the sequence embedded at line \(startLine))"
        switch self {
        case .malformed(let line, let column, let message):
            return .malformed(line: line + shift, column: column, message: message + note)
        case .tooDeep(let limit, let line, let column):
            return .tooDeep(limit: limit, line: line + shift, column: column)
        case .forbiddenDTD(let line, let column):
            return .forbiddenDTD(line: line + shift, column: column)
        case .notATaskSequence(let root, let line):
            return .notATaskSequence(rootElement: root, line: line + shift)
        default:
            return self
        }
    }
}
