import TaskSequenceModel

/// Writes the ConfigMgr 2007 console export wrapper (reference §7.3).
struct Package2007Serializer {
    let output: XMLOutput
    /// Whether the sequence inside `<SequenceData>` is indented (canonical layout); the wrapper's
    /// own elements always are, as the 2007 console wrote them.
    let indentsSequence: Bool

    static let rootAttributes: AttributeList = [
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
    ]

    func write(_ sequence: TaskSequence, properties: PackageProperties) throws(XMLCodecError) {
        try output.startElement("SmsTaskSequencePackage", attributes: Self.rootAttributes, indentsChildren: true)
        try property("BootImageID", properties.bootImageID)
        try property("Category", properties.category)
        // Not in the observed 2007 files, which had none: written in XmlSerializer's (alphabetical)
        // order so a custom progress text and the refresh time survive a round trip.
        if !properties.customProgressMessage.isEmpty { try property("CustomProgressMsg", properties.customProgressMessage) }
        try property("DependentProgram", properties.dependentProgram)
        try property("Description", properties.description)
        try property("Duration", String(properties.duration))
        if properties.lastRefreshTime != 0 { try property("LastRefreshTime", PackageDates.xsdDateTime(fromSeconds: properties.lastRefreshTime)) }
        try property("Name", properties.name)
        try property("ProgramFlags", String(properties.programFlags))
        try output.startElement("SequenceData", attributes: [:], indentsChildren: indentsSequence)
        try SequenceSerializer(output: output, indents: indentsSequence).write(sequence)
        output.endElement()
        try property("SourceDate", PackageDates.xsdDateTime(fromSeconds: properties.sourceDate))
        try property("SupportedOperatingSystems", "")
        try property("IconSize", String(properties.iconSize))
        output.endElement()
    }

    /// `<Name>value</Name>`, or `<Name />` when empty, as .NET's XmlSerializer writes them.
    private func property(_ name: String, _ value: String) throws(XMLCodecError) {
        try output.textElement(name, attributes: [:], text: value, selfClosingWhenEmpty: true)
    }
}
