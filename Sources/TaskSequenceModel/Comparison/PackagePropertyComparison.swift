/// The package properties a diff compares, and their changes.
///
/// Left out: what the provider assigns or derives (PackageID, SourceVersion, dates, SourceSite,
/// Type, TaskSequenceFlags, References, sizes) — they differ between any two packages and say
/// nothing about what an administrator changed.
enum PackagePropertyComparison {
    static func changes(from old: PackageProperties, to new: PackageProperties) -> [SequenceChange] {
        let before = values(of: old)
        let after = values(of: new)
        return Set(before.keys).union(after.keys).sorted().compactMap { name in
            guard before[name] != after[name] else { return nil }
            return SequenceChange(kind: .packagePropertyChanged, property: name, old: before[name], new: after[name])
        }
    }

    /// The compared properties by WMI name, as text.
    static func values(of properties: PackageProperties) -> [String: String] {
        var values: [String: String] = [
            "Name": properties.name,
            "Description": properties.description,
            "Version": properties.version,
            "Manufacturer": properties.manufacturer,
            "Language": properties.language,
            "Category": properties.category,
            "BootImageID": properties.bootImageID,
            "Duration": String(properties.duration),
            "ProgramFlags": String(properties.programFlags),
            "DependentProgram": properties.dependentProgram,
            "CustomProgressMsg": properties.customProgressMessage,
        ]
        for (name, value) in properties.extended where !sizeProperties.contains(name) {
            values[name] = text(of: value)
        }
        return values
    }

    /// Sizes follow their blobs; the blob's change is the one to report.
    private static let sizeProperties: Set<String> = ["IconSize", "ExtendedDataSize", "ISVDataSize"]

    private static func text(of value: PackageValue) -> String {
        switch value {
        case .text(let text): text
        case .number(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .dateTime(let seconds): String(seconds)
        case .bytes(let bytes): "\(bytes.count) bytes, checksum \(bytes.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) })"
        case .texts(let texts): texts.joined(separator: ", ")
        case .objects(let objects):
            objects.map { object in
                object.className + "(" + object.properties.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: ", ") + ")"
            }.joined(separator: "; ")
        }
    }
}
