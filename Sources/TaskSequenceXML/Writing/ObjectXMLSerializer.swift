import TaskSequenceModel

/// Writes a ConfigMgr 2012+ `object.xml`: the CIM-XML `INSTANCE` of one SMS_TaskSequencePackage,
/// laid out as the console's exports in the corpus are — instance qualifiers, the WMI system
/// properties, then every property in WMI's (case-insensitive alphabetical) order, each with its
/// CIMTYPE qualifier, the sequence as CDATA in `Sequence`.
struct ObjectXMLSerializer {
    let output: XMLOutput
    /// The server name `__PATH` and `__SERVER` carry.
    let server: String

    static let packageClass = PackageClass.taskSequencePackage
    static let baseClass = PackageClass.packageBase

    /// Properties the corpus's exports mark `PROPAGATED="true"`.
    private static let propagated: Set<String> = [
        "BaseBoardProductID", "DriverManufacturer", "DriverModel", "DriverOSVersion", "DriverPkgVersion",
        "IsVersionCompatible", "LocalizedCategoryInstanceNames", "NumOfPrograms", "PackageSize", "PkgSourcePath",
    ]

    /// Every property of the class, in the order WMI writes them.
    static let properties: [PropertyDefinition] = ActionCatalog.builtIn.properties(of: packageClass)
        .sorted { $0.name.lowercased() < $1.name.lowercased() }

    private static let baseProperties = Set(ActionCatalog.builtIn.properties(of: baseClass).map(\.name))

    func write(_ sequenceXML: String, properties package: PackageProperties) throws(XMLCodecError) {
        let namespace = "root\\sms\\site_" + package.sourceSite
        let relativePath = "\(Self.packageClass).PackageID=\"\(package.packageID)\""
        try output.startElement("INSTANCE", attributes: ["CLASSNAME": Self.packageClass], indentsChildren: true)
        try qualifier("dynamic", type: "boolean", value: "TRUE", extra: ["PROPAGATED": "true"], toInstance: true)
        try qualifier("SecurityVerbs", type: "sint32", value: "-1", extra: [:], toInstance: false)
        try system("__PATH", "string", "\\\\\(server)\\\(namespace):\(relativePath)")
        try system("__NAMESPACE", "string", namespace)
        try system("__SERVER", "string", server)
        try output.startElement("PROPERTY.ARRAY", attributes: ["NAME": "__DERIVATION", "CLASSORIGIN": "___SYSTEM", "TYPE": "string"], indentsChildren: true)
        try output.startElement("VALUE.ARRAY", attributes: [:], indentsChildren: true)
        try output.textElement("VALUE", attributes: [:], text: Self.baseClass)
        try output.textElement("VALUE", attributes: [:], text: "SMS_BaseClass")
        output.endElement()
        output.endElement()
        try system("__PROPERTY_COUNT", "sint32", String(Self.properties.count))
        try system("__RELPATH", "string", relativePath)
        try system("__DYNASTY", "string", "SMS_BaseClass")
        try system("__SUPERCLASS", "string", Self.baseClass)
        try system("__CLASS", "string", Self.packageClass)
        try system("__GENUS", "sint32", "2")
        for definition in Self.properties {
            try property(definition, package: package, sequenceXML: sequenceXML)
        }
        output.endElement(fullEnd: true)
    }

    private func property(_ definition: PropertyDefinition, package: PackageProperties, sequenceXML: String) throws(XMLCodecError) {
        let name = definition.name
        var attributes: AttributeList = ["NAME": name, "CLASSORIGIN": Self.baseProperties.contains(name) ? Self.baseClass : Self.packageClass]
        if Self.propagated.contains(name) { attributes["PROPAGATED"] = "true" }
        if let className = definition.type.objectClassName {
            attributes["REFERENCECLASS"] = className
            try output.startElement("PROPERTY.OBJECTARRAY", attributes: attributes, indentsChildren: true)
            try cimType("object:" + className)
            let instances = name == "References" ? package.references.map(Self.referenceInstance) : objects(of: name, in: package)
            if !instances.isEmpty || name == "References" || name == "SupportedOperatingSystems" {
                try output.startElement("VALUE.OBJECTARRAY", attributes: [:], indentsChildren: true)
                for instance in instances { try embedded(instance) }
                output.endElement(fullEnd: true)
            }
            output.endElement(fullEnd: true)
            return
        }
        let typeName = Self.cimTypeName(definition.type.base)
        attributes["TYPE"] = typeName
        if definition.type.isArray {
            try output.startElement("PROPERTY.ARRAY", attributes: attributes, indentsChildren: true)
            try cimType(typeName)
            let values: [String]? = switch package.value(of: name) {
            case .bytes(let bytes)?: bytes.isEmpty ? nil : bytes.map { String($0) }
            case .texts(let texts)?: texts
            default: nil
            }
            if let values {
                try output.startElement("VALUE.ARRAY", attributes: [:], indentsChildren: true)
                for value in values { try output.textElement("VALUE", attributes: [:], text: value) }
                output.endElement(fullEnd: true)
            }
            output.endElement(fullEnd: true)
            return
        }
        try output.startElement("PROPERTY", attributes: attributes, indentsChildren: true)
        try cimType(typeName)
        if name == "Sequence" {
            try output.startElement("VALUE", attributes: [:], indentsChildren: false)
            try output.cdata(sequenceXML)
            output.endElement(fullEnd: true)
        } else if let text = Self.text(of: definition, in: package) {
            try output.textElement("VALUE", attributes: [:], text: text)
        }
        output.endElement(fullEnd: true)
    }

    /// The property's value as CIM-XML text; `nil` for NULL (an unset Reserved, a date never set).
    static func text(of definition: PropertyDefinition, in package: PackageProperties) -> String? {
        switch definition.name {
        case "SourceDate": return package.sourceDate == 0 ? nil : CIMDateTime.text(fromSeconds: package.sourceDate)
        case "LastRefreshTime": return package.lastRefreshTime == 0 ? nil : CIMDateTime.text(fromSeconds: package.lastRefreshTime)
        case "ReferencesCount": return String(package.referencesCount)
        case "Type": return String(package.type)
        case "TaskSequenceFlags": return String(package.taskSequenceFlags)
        case "SourceVersion": return String(package.sourceVersion)
        case "PackageType": return String(package.packageType)
        case "IconSize": return String(package.iconSize)
        case "Duration": return String(package.duration)
        case "ProgramFlags": return String(package.programFlags)
        case "PackageID": return package.packageID
        case "Name": return package.name
        case "Description": return package.description
        case "Version": return package.version
        case "Manufacturer": return package.manufacturer
        case "Language": return package.language
        case "Category": return package.category
        case "BootImageID": return package.bootImageID
        case "DependentProgram": return package.dependentProgram
        case "CustomProgressMsg": return package.customProgressMessage
        case "SourceSite": return package.sourceSite
        default: break
        }
        switch package.value(of: definition.name) {
        case .text(let text)?: return text.isEmpty && definition.name == "Reserved" ? nil : text
        case .number(let number)?: return String(number)
        case .boolean(let flag)?: return flag ? "TRUE" : "FALSE"
        case .dateTime(let seconds)?: return seconds == 0 ? nil : CIMDateTime.text(fromSeconds: seconds)
        default: return nil
        }
    }

    private func objects(of name: String, in package: PackageProperties) -> [EmbeddedInstance] {
        if case .objects(let objects)? = package.value(of: name) { objects } else { [] }
    }

    /// SMS_TaskSequence_Reference as current branch has it: Package, Program and Type (0 for a
    /// package). An application reference is written with its model name as Package and Type 1
    /// (an inference: no export in the corpus has one).
    static func referenceInstance(_ reference: PackageReference) -> EmbeddedInstance {
        let isApplication = reference.package.isEmpty && !reference.application.isEmpty
        return EmbeddedInstance(className: "SMS_TaskSequence_Reference", properties: [
            .init(name: "Package", value: isApplication ? reference.application : reference.package),
            .init(name: "Program", value: reference.program),
            .init(name: "Type", type: "uint32", value: isApplication ? "1" : "0"),
        ])
    }

    private func embedded(_ instance: EmbeddedInstance) throws(XMLCodecError) {
        try output.startElement("VALUE.OBJECT", attributes: [:], indentsChildren: true)
        try output.startElement("INSTANCE", attributes: ["CLASSNAME": instance.className], indentsChildren: true)
        try system("__CLASS", "string", instance.className)
        for field in instance.properties {
            try output.startElement("PROPERTY", attributes: ["NAME": field.name, "CLASSORIGIN": instance.className, "TYPE": field.type], indentsChildren: true)
            try cimType(field.type)
            if let value = field.value { try output.textElement("VALUE", attributes: [:], text: value) }
            output.endElement(fullEnd: true)
        }
        output.endElement(fullEnd: true)
        output.endElement(fullEnd: true)
    }

    private func system(_ name: String, _ type: String, _ value: String) throws(XMLCodecError) {
        try output.startElement("PROPERTY", attributes: ["NAME": name, "CLASSORIGIN": "___SYSTEM", "TYPE": type], indentsChildren: true)
        try output.textElement("VALUE", attributes: [:], text: value)
        output.endElement(fullEnd: true)
    }

    private func cimType(_ type: String) throws(XMLCodecError) {
        try qualifier("CIMTYPE", type: "string", value: type, extra: ["PROPAGATED": "true"], toInstance: true)
    }

    private func qualifier(_ name: String, type: String, value: String, extra: AttributeList, toInstance: Bool) throws(XMLCodecError) {
        var attributes: AttributeList = ["NAME": name]
        for attribute in extra { attributes[attribute.name] = attribute.value }
        attributes["TYPE"] = type
        if toInstance { attributes["TOINSTANCE"] = "true" } else { attributes["TOSUBCLASS"] = "false" }
        try output.startElement("QUALIFIER", attributes: attributes, indentsChildren: true)
        try output.textElement("VALUE", attributes: [:], text: value)
        output.endElement(fullEnd: true)
    }

    static func cimTypeName(_ base: CIMType.Base) -> String {
        switch base {
        case .string: "string"
        case .boolean: "boolean"
        case .uint8: "uint8"
        case .uint32: "uint32"
        case .sint32: "sint32"
        case .datetime: "datetime"
        case .object(let className): "object:" + className
        }
    }
}
