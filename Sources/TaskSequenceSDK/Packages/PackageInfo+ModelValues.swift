internal import TaskSequenceModel

extension PackageReference {
    /// The references of a References value: `a(sss)` (Package, Program, Application).
    static func list(_ value: PropertyValue) -> [PackageReference] {
        guard case .list(let entries) = value else { return [] }
        return entries.compactMap { entry in
            guard case .list(let fields) = entry, fields.count == 3 else { return nil }
            return PackageReference(package: fields[0].text, program: fields[1].text, application: fields[2].text)
        }
    }
}

extension PackageValue {
    /// A property kept by name as the provider serves it (see ``PropertyValue/init(_:_:)``);
    /// `nil` when the value has another shape than `definition`'s CIM type.
    init?(_ value: PropertyValue, _ definition: PropertyDefinition) {
        switch (ExtendedPackageProperties.kind(of: definition), value) {
        case (.text, .string(let text)): self = .text(text)
        case (.number, .int(let number)):
            guard let number = UInt32(exactly: number) else { return nil }
            self = .number(number)
        case (.boolean, .bool(let flag)): self = .boolean(flag)
        case (.dateTime, .string(let text)):
            if text.isEmpty { self = .dateTime(0); return }
            guard let seconds = CIMDateTime.seconds(from: text) else { return nil }
            self = .dateTime(seconds)
        case (.bytes, .list(let items)):
            let bytes = items.compactMap { $0.intValue.flatMap { UInt8(exactly: $0) } }
            guard bytes.count == items.count else { return nil }
            self = .bytes(bytes)
        case (.texts, .list(let items)): self = .texts(items.map(\.text))
        case (.objects, .list(let items)) where definition.type.objectClassName == OperatingSystemDetails.className:
            let platforms = items.compactMap { item -> EmbeddedInstance? in
                guard case .list(let fields) = item, fields.count == 4 else { return nil }
                return OperatingSystemDetails(maxVersion: fields[0].text, minVersion: fields[1].text, name: fields[2].text, platform: fields[3].text).instance
            }
            guard platforms.count == items.count else { return nil }
            self = .objects(platforms)
        case (.objects, .list(let items)):
            let objects = items.compactMap { item -> EmbeddedInstance? in
                guard case .dictionary(let entries) = item, let className = entries[PackageValue.classKey]?.text else { return nil }
                let fields = entries.filter { $0.key != PackageValue.classKey }.sorted { $0.key < $1.key }
                    .map { EmbeddedInstance.Property(name: $0.key, value: $0.value.text) }
                return EmbeddedInstance(className: className, properties: fields)
            }
            guard objects.count == items.count else { return nil }
            self = .objects(objects)
        default: return nil
        }
    }

    /// The key of an `aa{ss}` object entry that names its class (RefreshSchedule's tokens).
    static let classKey = "__CLASS"
}

extension PropertyValue {
    /// A property kept by name as the provider serves it on D-Bus: datetimes as CIM text,
    /// bytes as numbers, SMS_OS_Details as (MaxVersion, MinVersion, Name, Platform), other
    /// embedded objects as dictionaries with their class under `__CLASS`.
    init(_ value: PackageValue, _ definition: PropertyDefinition) {
        switch value {
        case .text(let text): self = .string(text)
        case .number(let number): self = .int(Int64(number))
        case .boolean(let flag): self = .bool(flag)
        case .dateTime(let seconds): self = .string(CIMDateTime.wireText(fromSeconds: seconds))
        case .bytes(let bytes): self = .list(bytes.map { .int(Int64($0)) })
        case .texts(let texts): self = .list(texts.map(PropertyValue.string))
        case .objects(let objects) where definition.type.objectClassName == OperatingSystemDetails.className:
            self = .list(objects.map(OperatingSystemDetails.init).map {
                .list([.string($0.maxVersion), .string($0.minVersion), .string($0.name), .string($0.platform)])
            })
        case .objects(let objects):
            self = .list(objects.map { object in
                var entries: [String: PropertyValue] = [PackageValue.classKey: .string(object.className)]
                for field in object.properties { if let text = field.value { entries[field.name] = .string(text) } }
                return .dictionary(entries)
            })
        }
    }
}

/// The JSON keys of the model's values inside a package's JSON: WMI's, as the provider serves
/// them (the model's own Codable form keeps its Swift names).
enum PackageInfoJSON {
    enum PlatformKeys: String, CodingKey {
        case maxVersion = "MaxVersion", minVersion = "MinVersion", name = "Name", platform = "Platform"
    }

    enum ReferenceKeys: String, CodingKey {
        case package = "Package", program = "Program", application = "Application"
    }

    static func encode(_ platforms: [OperatingSystemDetails], into container: inout UnkeyedEncodingContainer) throws {
        for platform in platforms {
            var fields = container.nestedContainer(keyedBy: PlatformKeys.self)
            try fields.encode(platform.maxVersion, forKey: .maxVersion)
            try fields.encode(platform.minVersion, forKey: .minVersion)
            try fields.encode(platform.name, forKey: .name)
            try fields.encode(platform.platform, forKey: .platform)
        }
    }

    static func encode(_ references: [PackageReference], into container: inout UnkeyedEncodingContainer) throws {
        for reference in references {
            var fields = container.nestedContainer(keyedBy: ReferenceKeys.self)
            try fields.encode(reference.package, forKey: .package)
            try fields.encode(reference.program, forKey: .program)
            try fields.encode(reference.application, forKey: .application)
        }
    }

    static func platforms(from container: inout UnkeyedDecodingContainer) throws -> [OperatingSystemDetails] {
        var platforms: [OperatingSystemDetails] = []
        while !container.isAtEnd {
            let fields = try container.nestedContainer(keyedBy: PlatformKeys.self)
            platforms.append(OperatingSystemDetails(
                maxVersion: try fields.decode(String.self, forKey: .maxVersion), minVersion: try fields.decode(String.self, forKey: .minVersion),
                name: try fields.decode(String.self, forKey: .name), platform: try fields.decode(String.self, forKey: .platform)))
        }
        return platforms
    }

    static func references(from container: inout UnkeyedDecodingContainer) throws -> [PackageReference] {
        var references: [PackageReference] = []
        while !container.isAtEnd {
            let fields = try container.nestedContainer(keyedBy: ReferenceKeys.self)
            references.append(PackageReference(
                package: try fields.decode(String.self, forKey: .package), program: try fields.decode(String.self, forKey: .program),
                application: try fields.decode(String.self, forKey: .application)))
        }
        return references
    }
}
