/// The SMS_TaskSequencePackage properties (reference §2.2–2.3, plus those every current-branch
/// `object.xml` carries) that ``PackageProperties`` keeps by name: every catalog property but
/// the ones with fields of their own and the Sequence.
public enum ExtendedPackageProperties {
    /// Properties with a field of their own in ``PackageProperties`` (and Sequence, which is the
    /// step tree).
    public static let fieldNames: Set<String> = [
        "PackageID", "Name", "Description", "Version", "Manufacturer", "Language", "Category", "BootImageID",
        "Duration", "ProgramFlags", "DependentProgram", "CustomProgressMsg", "Type", "TaskSequenceFlags",
        "References", "ReferencesCount", "SourceVersion", "SourceDate", "LastRefreshTime", "SourceSite",
        "PackageType", "IconSize", "Sequence",
    ]

    /// The properties kept by name, in the catalog's order.
    public static let definitions: [PropertyDefinition] = ActionCatalog.builtIn
        .properties(of: PackageClass.taskSequencePackage)
        .filter { !fieldNames.contains($0.name) }

    private static let byName: [String: PropertyDefinition] = Dictionary(
        definitions.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    /// The same by the names as the catalog spells them, which is how files and clients write
    /// them: found without lowercasing the name first.
    private static let bySpelling: [String: PropertyDefinition] = Dictionary(
        definitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The definition named `name` (case-insensitive), if it is kept by name.
    public static func definition(named name: String) -> PropertyDefinition? {
        bySpelling[name] ?? byName[name.lowercased()]
    }

    /// The definition named exactly `name`, as the catalog spells it.
    static func definition(spelled name: String) -> PropertyDefinition? {
        bySpelling[name]
    }

    /// Size properties that follow their blob: setting the blob sets the size.
    public static let sizeOfBlob: [String: String] = ["ExtendedData": "ExtendedDataSize", "ISVData": "ISVDataSize"]

    /// Whether a client may write `definition` (Properties.Set, package set): not read-only in
    /// the reference and not a size that follows its blob.
    public static func isWritable(_ definition: PropertyDefinition) -> Bool {
        !definition.isReadOnly && !sizeOfBlob.values.contains(definition.name)
    }

    /// The value a new package has: the reference's default, else zero, false or empty.
    public static func defaultValue(of definition: PropertyDefinition) -> PackageValue {
        let text = definition.defaultValue
        switch kind(of: definition) {
        case .text: return .text(text ?? "")
        case .number: return .number(text.flatMap { UInt32($0) } ?? 0)
        case .boolean: return .boolean(text?.lowercased() == "true")
        case .dateTime: return .dateTime(0)
        case .bytes: return .bytes([])
        case .texts: return .texts([])
        case .objects: return .objects([])
        }
    }

    /// The shape of a property's values.
    public enum Kind: Sendable, Hashable {
        case text, number, boolean, dateTime, bytes, texts, objects
    }

    /// The shape of `definition`'s values, from its CIM type.
    public static func kind(of definition: PropertyDefinition) -> Kind {
        let type = definition.type
        switch (type.base, type.isArray) {
        case (.uint8, true): return .bytes
        case (.string, true): return .texts
        case (.object, _): return .objects
        case (.boolean, _): return .boolean
        case (.datetime, _): return .dateTime
        case (.uint32, _), (.sint32, _), (.uint8, false): return .number
        default: return .text
        }
    }

    /// Whether values of `definition` are one scalar (a WQL column) rather than an array.
    public static func isScalar(_ definition: PropertyDefinition) -> Bool {
        switch kind(of: definition) {
        case .text, .number, .boolean, .dateTime: true
        case .bytes, .texts, .objects: false
        }
    }

    /// Whether `value` has the shape `definition` needs.
    public static func fits(_ value: PackageValue, _ definition: PropertyDefinition) -> Bool {
        switch (value, kind(of: definition)) {
        case (.text, .text), (.number, .number), (.boolean, .boolean), (.dateTime, .dateTime),
             (.bytes, .bytes), (.texts, .texts), (.objects, .objects): true
        default: false
        }
    }
}
