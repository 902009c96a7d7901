internal import CLibXML2
import TaskSequenceModel

/// Reads the ConfigMgr 2007 console export: `<SmsTaskSequencePackage>` with one element per
/// package property and the sequence inside `<SequenceData>` (reference §7.3), as an element or
/// as escaped text.
struct Package2007Reader {
    let reader: TaskSequenceReader

    func document(from root: XMLNodePointer) throws(XMLCodecError) -> TaskSequenceDocument {
        var package = PackageProperties()
        var sequence: TaskSequence?
        for element in root.childElements {
            let name = element.localName
            if name == "SequenceData" {
                sequence = try self.sequence(in: element)
                continue
            }
            let value = element.textContent
            switch name {
            case "SourceDate":
                package.sourceDate = PackageDates.seconds(fromXSDDateTime: value.trimmingXMLWhitespace()) ?? package.sourceDate
            case "LastRefreshTime":
                package.lastRefreshTime = PackageDates.seconds(fromXSDDateTime: value.trimmingXMLWhitespace()) ?? package.lastRefreshTime
            // SupportedOperatingSystems and anything newer are not part of the model.
            default: package.setProperty(named: name, to: value)
            }
        }
        guard let sequence else {
            throw .unsupportedContainer("<SmsTaskSequencePackage> at line \(root.line) has no <SequenceData>; expected the sequence inside it")
        }
        return TaskSequenceDocument(format: .package2007, package: package, sequence: sequence)
    }

    /// The sequence in `<SequenceData>`: a `<sequence>` element, or the same document as text.
    private func sequence(in element: XMLNodePointer) throws(XMLCodecError) -> TaskSequence {
        if let child = element.firstChildElement {
            return try SequenceMapper.taskSequence(from: child)
        }
        let text = element.textContent
        guard !text.trimmingXMLWhitespace().isEmpty else {
            throw .unsupportedContainer("<SequenceData> at line \(element.line) is empty; expected a <sequence> document")
        }
        return try reader.embeddedSequence(text, startLine: element.line)
    }
}
