internal import CLibXML2
import TaskSequenceModel

/// Reads a ConfigMgr 2012+ `object.xml`: CIM-XML of one `SMS_TaskSequencePackage` instance.
///
/// Package properties come from the instance's `PROPERTY` children; the sequence is the text of
/// the `Sequence` property's `VALUE` (a CDATA section in console exports), parsed as a document
/// of its own.
struct ObjectXMLReader {
    static let packageClass = "SMS_TaskSequencePackage"
    let reader: TaskSequenceReader

    func document(from instance: XMLNodePointer) throws(XMLCodecError) -> TaskSequenceDocument {
        let className = instance.attribute("CLASSNAME") ?? ""
        guard className == Self.packageClass else {
            throw .unsupportedContainer(
                "the object.xml instance at line \(instance.line) is of class \(className.isEmpty ? "(none)" : className); expected \(Self.packageClass)"
            )
        }
        var package = PackageProperties()
        var sequence: TaskSequence?
        for property in instance.childElements {
            guard let name = property.attribute("NAME") else { continue }
            switch property.localName {
            case "PROPERTY":
                // A PROPERTY without VALUE is NULL: the default stays.
                guard let value = property.childElements.first(where: { $0.hasLocalName("VALUE") }) else { continue }
                if name == "Sequence" {
                    sequence = try reader.embeddedSequence(value.textContent, startLine: value.line)
                } else {
                    apply(name, value.textContent, to: &package)
                }
            case "PROPERTY.OBJECTARRAY" where name == "References":
                package.references = references(in: property)
            case "PROPERTY.ARRAY":
                if let value = arrayValue(property, named: name) { package.setValue(value, of: name) }
            case "PROPERTY.OBJECTARRAY":
                if ExtendedPackageProperties.definition(named: name) != nil {
                    package.setValue(.objects(embeddedInstances(in: property)), of: name)
                }
            default:
                continue
            }
        }
        guard let sequence else {
            throw .unsupportedContainer("the object.xml instance at line \(instance.line) has no Sequence property value; expected the sequence in it")
        }
        return TaskSequenceDocument(format: .objectXML, package: package, sequence: sequence)
    }

    private func apply(_ property: String, _ value: String, to package: inout PackageProperties) {
        switch property {
        case "SourceDate": package.sourceDate = CIMDateTime.seconds(from: value) ?? package.sourceDate
        case "LastRefreshTime": package.lastRefreshTime = CIMDateTime.seconds(from: value) ?? package.lastRefreshTime
        // Text that is not a number keeps the default, as does a property the model lacks.
        default: package.setProperty(named: property, to: value)
        }
    }

    /// A `PROPERTY.ARRAY` of a property kept by name: `uint8` arrays as bytes, others as text.
    /// Without `VALUE.ARRAY` (NULL) or with a value that is not a byte, `nil`: the default stays.
    private func arrayValue(_ property: XMLNodePointer, named name: String) -> PackageValue? {
        guard let definition = ExtendedPackageProperties.definition(named: name),
              let array = property.childElements.first(where: { $0.hasLocalName("VALUE.ARRAY") }) else { return nil }
        let values = Array(array.childElements.filter { $0.hasLocalName("VALUE") }.map(\.textContent))
        switch ExtendedPackageProperties.kind(of: definition) {
        case .bytes:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(values.count)
            for value in values {
                guard let byte = UInt8(value.trimmingXMLWhitespace()) else { return nil }
                bytes.append(byte)
            }
            return .bytes(bytes)
        case .texts: return .texts(values)
        default: return nil
        }
    }

    /// The embedded objects of a `PROPERTY.OBJECTARRAY`: each instance's class and its
    /// properties other than the system ones (`__…`), in order.
    private func embeddedInstances(in property: XMLNodePointer) -> [EmbeddedInstance] {
        var instances: [EmbeddedInstance] = []
        for array in property.childElements where array.hasLocalName("VALUE.OBJECTARRAY") {
            for object in array.childElements where object.hasLocalName("VALUE.OBJECT") {
                for instance in object.childElements where instance.hasLocalName("INSTANCE") {
                    var fields: [EmbeddedInstance.Property] = []
                    for field in instance.childElements where field.hasLocalName("PROPERTY") {
                        guard let name = field.attribute("NAME"), !name.hasPrefix("__") else { continue }
                        let value = field.childElements.first(where: { $0.hasLocalName("VALUE") })?.textContent
                        fields.append(.init(name: name, type: field.attribute("TYPE") ?? "string", value: value))
                    }
                    instances.append(EmbeddedInstance(className: instance.attribute("CLASSNAME") ?? "", properties: fields))
                }
            }
        }
        return instances
    }

    /// `VALUE.OBJECTARRAY/VALUE.OBJECT/INSTANCE` of SMS_TaskSequence_Reference, each with
    /// `Package` and `Program` properties.
    private func references(in property: XMLNodePointer) -> [PackageReference] {
        var references: [PackageReference] = []
        for array in property.childElements where array.hasLocalName("VALUE.OBJECTARRAY") {
            for object in array.childElements where object.hasLocalName("VALUE.OBJECT") {
                for instance in object.childElements where instance.hasLocalName("INSTANCE") {
                    var reference = PackageReference(package: "")
                    for field in instance.childElements where field.hasLocalName("PROPERTY") {
                        guard let value = field.childElements.first(where: { $0.hasLocalName("VALUE") })?.textContent else { continue }
                        switch field.attribute("NAME") {
                        case "Package": reference.package = value
                        case "Program": reference.program = value
                        default: break
                        }
                    }
                    references.append(reference)
                }
            }
        }
        return references
    }
}
