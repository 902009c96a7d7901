import Foundation
import GRDB
import TaskSequenceModel

/// The columns migration "v4: every package property" adds to `package`: one per property
/// ``TaskSequenceModel/ExtendedPackageProperties`` keeps by name, named like the property.
///
/// Frozen with the migration: a property added to the catalog later needs a migration of its
/// own (``StoreSchemaTests`` checks that every kept property has its column).
enum PackagePropertyColumns {
    /// How a column holds its property.
    enum Affinity {
        /// Text, NOT NULL, with this default.
        case text(String)
        /// An integer (uint32, boolean 0/1, datetime as seconds since the epoch), NOT NULL.
        case integer(Int64)
        /// Bytes (Icon, ExtendedData, ISVData); NULL for none.
        case blob
        /// JSON of an array (string arrays, embedded objects), NOT NULL, `[]` for none.
        case json
    }

    static let v4: [(name: String, affinity: Affinity)] = [
        ("ActionInProgress", .integer(0)), ("AlternateContentProviders", .text("")),
        ("ExtendedData", .blob), ("ExtendedDataSize", .integer(0)),
        ("ForcedDisconnectDelay", .integer(5)), ("ForcedDisconnectEnabled", .integer(0)), ("ForcedDisconnectNumRetries", .integer(2)),
        ("Icon", .blob), ("IgnoreAddressSchedule", .integer(0)),
        ("ISVData", .blob), ("ISVDataSize", .integer(0)), ("ISVString", .text("")),
        ("BaseBoardProductID", .text("")), ("DriverManufacturer", .text("")), ("DriverModel", .text("")),
        ("DriverOSVersion", .text("")), ("DriverPkgVersion", .text("")), ("IsVersionCompatible", .integer(0)),
        ("ObjectPath", .text("")), ("PreDownloadRule", .text("")),
        ("LocalizedCategoryInstanceNames", .json),
        ("MIFFilename", .text("")), ("MIFName", .text("")), ("MIFPublisher", .text("")), ("MIFVersion", .text("")),
        ("NumOfPrograms", .integer(0)), ("PackageSize", .integer(0)), ("PkgFlags", .integer(0)),
        ("PkgSourceFlag", .integer(1)), ("PkgSourcePath", .text("")), ("PreferredAddressType", .text("")),
        ("Priority", .integer(0)), ("RefreshPkgSourceFlag", .integer(0)), ("RefreshSchedule", .json),
        ("SecuredScopeNames", .json), ("SedoObjectVersion", .text("")), ("ShareName", .text("")),
        ("ShareType", .integer(1)), ("StoredPkgPath", .text("")), ("StoredPkgVersion", .integer(0)),
        ("Reserved", .text("")), ("SupportedOperatingSystems", .json),
        ("CustomHighImpactHeadline", .text("")), ("CustomHighImpactSet", .integer(0)), ("CustomHighImpactWarning", .text("")),
        ("CustomHighImpactWarningInstall", .text("")), ("CustomHighImpactWarningTop", .text("")),
        ("EstimatedDownloadSizeMB", .integer(0)), ("EstimatedRunTimeMinutes", .integer(0)), ("HighImpactTaskSequence", .integer(0)),
        ("LocalizedTaskSequenceDescription", .text("")), ("LocalizedTaskSequenceName", .text("")),
        ("RestartRequired", .integer(0)), ("SourceSize", .integer(0)), ("TsEnabled", .integer(1)),
    ]

    static func addV4Columns(_ db: Database) throws {
        try db.alter(table: "package") { t in
            for (name, affinity) in v4 {
                switch affinity {
                case .text(let value): t.add(column: name, .text).notNull().defaults(to: value)
                case .integer(let value): t.add(column: name, .integer).notNull().defaults(to: value)
                case .blob: t.add(column: name, .blob)
                case .json: t.add(column: name, .text).notNull().defaults(to: "[]")
                }
            }
        }
    }

    // MARK: Property values ↔ column values

    /// A value as its column holds it: numbers, booleans and dates as integers, bytes as a
    /// blob (NULL when empty), arrays as JSON.
    static func sqlValue(of value: PackageValue) throws -> SQLValue {
        switch value {
        case .text(let text): .text(text)
        case .number(let number): .integer(Int64(number))
        case .boolean(let flag): .integer(flag ? 1 : 0)
        case .dateTime(let seconds): .integer(seconds)
        case .bytes(let bytes): bytes.isEmpty ? .null : .blob(bytes)
        case .texts(let texts): .text(try JSONColumn.encode(texts))
        case .objects(let objects): .text(try JSONColumn.encode(objects))
        }
    }

    /// The column's value as `definition` types it.
    static func value(_ stored: SQLValue, as definition: PropertyDefinition) throws -> PackageValue {
        switch ExtendedPackageProperties.kind(of: definition) {
        case .text: return .text(String.fromSQL(stored) ?? "")
        case .number: return .number(UInt32(clamping: Int64.fromSQL(stored) ?? 0))
        case .boolean: return .boolean((Int64.fromSQL(stored) ?? 0) != 0)
        case .dateTime: return .dateTime(Int64.fromSQL(stored) ?? 0)
        case .bytes: return .bytes(Data.fromSQL(stored).map { [UInt8]($0) } ?? [])
        // Nearly always empty: "[]" is read without the decoder, which every package read paid
        // for four columns.
        case .texts:
            let text = String.fromSQL(stored) ?? "[]"
            return .texts(text == "[]" ? [] : try JSONColumn.decode([String].self, from: text))
        case .objects:
            let text = String.fromSQL(stored) ?? "[]"
            return .objects(text == "[]" ? [] : try JSONColumn.decode([EmbeddedInstance].self, from: text))
        }
    }
}
