import DBusKit
internal import TaskSequenceModel

extension OperatingSystemDetails {
    /// The platforms of a SupportedOperatingSystems value: `a(ssss)` (MaxVersion, MinVersion,
    /// Name, Platform).
    static func list(_ value: DBusValue?) -> [OperatingSystemDetails] {
        guard case .list(let entries)? = value.map({ PropertyValue($0) }) else { return [] }
        return entries.compactMap { entry in
            guard case .list(let fields) = entry, fields.count == 4 else { return nil }
            return OperatingSystemDetails(maxVersion: fields[0].text, minVersion: fields[1].text, name: fields[2].text, platform: fields[3].text)
        }
    }
}

extension PackageReference {
    /// The references of a References value: `a(sss)` (Package, Program, Application).
    static func list(_ value: DBusValue?) -> [PackageReference] {
        guard case .list(let entries)? = value.map({ PropertyValue($0) }) else { return [] }
        return entries.compactMap { entry in
            guard case .list(let fields) = entry, fields.count == 3 else { return nil }
            return PackageReference(package: fields[0].text, program: fields[1].text, application: fields[2].text)
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
