import Foundation
import GRDB
import TaskSequenceModel

// PackageRow reads and writes its columns by hand: the properties kept by name are one column
// each, which Codable's one-key-per-field cannot say.
extension PackageRow {
    public init(row: Row) throws {
        packageID = row["packageID"]
        name = row["name"]
        description = row["description"]
        version = row["version"]
        manufacturer = row["manufacturer"]
        language = row["language"]
        category = row["category"]
        bootImageID = row["bootImageID"]
        duration = row["duration"]
        programFlags = row["programFlags"]
        dependentProgram = row["dependentProgram"]
        customProgressMessage = row["customProgressMessage"]
        type = row["type"]
        taskSequenceFlags = row["taskSequenceFlags"]
        references = row["references"]
        referencesCount = row["referencesCount"]
        sourceVersion = row["sourceVersion"]
        sourceDate = row["sourceDate"]
        lastRefreshTime = row["lastRefreshTime"]
        sourceSite = row["sourceSite"]
        packageType = row["packageType"]
        iconSize = row["iconSize"]
        sequenceAttributes = row["sequenceAttributes"]
        layout = row["layout"]
        createdByUID = row["createdByUID"]
        extended = [:]
        for definition in ExtendedPackageProperties.definitions {
            let value = try Self.packageValue(row[definition.name] as DatabaseValue, for: definition)
            if value != ExtendedPackageProperties.defaultValue(of: definition) { extended[definition.name] = value }
        }
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["packageID"] = packageID
        container["name"] = name
        container["description"] = description
        container["version"] = version
        container["manufacturer"] = manufacturer
        container["language"] = language
        container["category"] = category
        container["bootImageID"] = bootImageID
        container["duration"] = duration
        container["programFlags"] = programFlags
        container["dependentProgram"] = dependentProgram
        container["customProgressMessage"] = customProgressMessage
        container["type"] = type
        container["taskSequenceFlags"] = taskSequenceFlags
        container["references"] = references
        container["referencesCount"] = referencesCount
        container["sourceVersion"] = sourceVersion
        container["sourceDate"] = sourceDate
        container["lastRefreshTime"] = lastRefreshTime
        container["sourceSite"] = sourceSite
        container["packageType"] = packageType
        container["iconSize"] = iconSize
        container["sequenceAttributes"] = sequenceAttributes
        container["layout"] = layout
        container["createdByUID"] = createdByUID
        for definition in ExtendedPackageProperties.definitions {
            let value = extended[definition.name] ?? ExtendedPackageProperties.defaultValue(of: definition)
            container[definition.name] = try Self.databaseValue(value)
        }
    }

    /// A value as its column holds it: numbers, booleans and dates as integers, bytes as a
    /// blob (NULL when empty), arrays as JSON.
    static func databaseValue(_ value: PackageValue) throws -> DatabaseValue {
        switch value {
        case .text(let text): text.databaseValue
        case .number(let number): Int64(number).databaseValue
        case .boolean(let flag): (flag ? 1 : 0 as Int64).databaseValue
        case .dateTime(let seconds): seconds.databaseValue
        case .bytes(let bytes): bytes.isEmpty ? .null : Data(bytes).databaseValue
        case .texts(let texts): try JSONColumn.encode(texts).databaseValue
        case .objects(let objects): try JSONColumn.encode(objects).databaseValue
        }
    }

    /// The column's value as `definition` types it.
    static func packageValue(_ stored: DatabaseValue, for definition: PropertyDefinition) throws -> PackageValue {
        switch ExtendedPackageProperties.kind(of: definition) {
        case .text: return .text(String.fromDatabaseValue(stored) ?? "")
        case .number: return .number(UInt32(clamping: Int64.fromDatabaseValue(stored) ?? 0))
        case .boolean: return .boolean((Int64.fromDatabaseValue(stored) ?? 0) != 0)
        case .dateTime: return .dateTime(Int64.fromDatabaseValue(stored) ?? 0)
        case .bytes: return .bytes(Data.fromDatabaseValue(stored).map { [UInt8]($0) } ?? [])
        case .texts: return .texts(try JSONColumn.decode([String].self, from: String.fromDatabaseValue(stored) ?? "[]"))
        case .objects: return .objects(try JSONColumn.decode([EmbeddedInstance].self, from: String.fromDatabaseValue(stored) ?? "[]"))
        }
    }
}
