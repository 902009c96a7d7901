import TaskSequenceModel

/// Writes task sequences as XML: the bare `<sequence>` document, or the ConfigMgr 2007
/// `<SmsTaskSequencePackage>` wrapper around it.
///
/// ```swift
/// let writer = TaskSequenceWriter(layout: .canonical, form: .export)
/// let xml = try writer.sequenceXML(document.sequence)
/// ```
///
/// What was read is written back as the same XML: elements, attributes in their order, values,
/// text and comments, in the same order. Only insignificant whitespace may differ, and the
/// ``Layout`` decides it.
public struct TaskSequenceWriter: Sendable {
    /// How the XML is laid out.
    public enum Layout: String, Sendable, Hashable, CaseIterable {
        /// Compact, as ConfigMgr writes it: no whitespace between elements, no XML declaration.
        case faithful
        /// Indented by two spaces, LF line ends, an XML declaration, a final newline:
        /// deterministic and friendly to line-based diffs. Elements that hold text are written
        /// inline, so no text changes.
        case canonical
    }

    /// Whether secret values are kept.
    public enum Form: String, Sendable, Hashable, CaseIterable {
        /// Everything as stored (SaveToXml: passwords and keys kept).
        case storage
        /// For leaving the site (ExportXml): Secret and QuasiSecret action properties blanked.
        case export
    }

    public var layout: Layout
    public var form: Form
    /// Which action properties are Secret or QuasiSecret, for the export form.
    public var catalog: ActionCatalog

    public init(layout: Layout = .faithful, form: Form = .storage, catalog: ActionCatalog = .builtIn) {
        self.layout = layout
        self.form = form
        self.catalog = catalog
    }

    /// The `<sequence>` document. `expectedBytes`, when known (the size of the file the
    /// sequence was read from), lets a large document be written without growing its buffer.
    public func sequenceXML(_ sequence: TaskSequence, expectedBytes: Int = 0) throws(XMLCodecError) -> String {
        let output = try XMLOutput(declaration: layout == .canonical, expectedBytes: expectedBytes)
        try SequenceSerializer(output: output, indents: layout == .canonical).write(prepared(sequence))
        if layout == .canonical { output.finalNewline() }
        return output.finish()
    }

    /// The ConfigMgr 2007 `<SmsTaskSequencePackage>` wrapper: the package properties that format
    /// carries, in its order (reference §7.3), with the sequence as an element in
    /// `<SequenceData>`.
    public func packageXML(_ sequence: TaskSequence, properties: PackageProperties) throws(XMLCodecError) -> String {
        let output = try XMLOutput(declaration: true)
        try Package2007Serializer(output: output, indentsSequence: layout == .canonical)
            .write(prepared(sequence), properties: properties)
        output.finalNewline()
        return output.finish()
    }

    /// A ConfigMgr 2012+ `object.xml`: CIM-XML of the SMS_TaskSequencePackage instance with
    /// every property (``ObjectXMLSerializer``), the sequence in a CDATA section of `Sequence`,
    /// as `Export-CMTaskSequence` writes it into its zip. `server` names the site server in
    /// `__PATH`.
    public func objectXML(_ sequence: TaskSequence, properties: PackageProperties, server: String = "TSPROVIDER") throws(XMLCodecError) -> String {
        // The embedded sequence is always compact, as ConfigMgr stores it.
        let sequenceXML = try TaskSequenceWriter(layout: .faithful, form: form, catalog: catalog).sequenceXML(sequence)
        let output = try XMLOutput(declaration: false)
        try ObjectXMLSerializer(output: output, server: server).write(sequenceXML, properties: properties)
        output.finalNewline()
        return output.finish()
    }

    /// The sequence as this form writes it.
    private func prepared(_ sequence: TaskSequence) -> TaskSequence {
        switch form {
        case .storage: sequence
        case .export: sequence.blankingSecrets(catalog: catalog)
        }
    }
}
