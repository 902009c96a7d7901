import DBusKit
internal import TaskSequenceModel

extension ComputerInfo {
    /// A computer from the properties of its object.
    init(_ properties: OrderedProperties) {
        let macs: [String] = if case .array(_, let values)? = properties["MACAddresses"] { values.compactMap(\.stringValue) } else { [] }
        self.init(
            resourceID: properties.uint32("ResourceID"), name: properties.string("Name"), smbiosGUID: properties.string("SMBIOSGUID"),
            macAddresses: macs, creationDate: CIMDateTime.seconds(from: properties.string("CreationDate")) ?? 0)
    }
}

extension ComputerInfo {
    /// A computer as `GetComputers` lists it: (ResourceID, Name, SMBIOSGUID, MACAddresses, CreationDate).
    init?(listed value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 5, case .uint32(let id) = fields[0], let name = fields[1].stringValue,
              let guid = fields[2].stringValue, case .array(_, let macs) = fields[3], let created = fields[4].stringValue else { return nil }
        self.init(
            resourceID: id, name: name, smbiosGUID: guid, macAddresses: macs.compactMap(\.stringValue),
            creationDate: CIMDateTime.seconds(from: created) ?? 0)
    }
}

extension ComputerImportLine {
    /// A line from `ImportCsv`'s reply: (Line, Name, ResourceID, Problem).
    init?(_ value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 4,
              case .uint32(let line) = fields[0], let name = fields[1].stringValue,
              case .uint32(let id) = fields[2], let problem = fields[3].stringValue else { return nil }
        self.init(line: Int(line), name: name, resourceID: id, problem: problem)
    }
}

/// A side-by-side migration association (`SMS_StateMigration`).
public struct ComputerAssociationInfo: Sendable, Hashable, Codable {
    public var sourceResourceID: UInt32
    /// Empty when you may not read the source.
    public var sourceName: String
    public var destinationResourceID: UInt32
    public var destinationName: String

    enum CodingKeys: String, CodingKey {
        case sourceResourceID = "SourceClientResourceID", sourceName = "SourceName"
        case destinationResourceID = "RestoreClientResourceID", destinationName = "RestoreName"
    }

    init?(_ value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 4,
              case .uint32(let source) = fields[0], let sourceName = fields[1].stringValue,
              case .uint32(let destination) = fields[2], let destinationName = fields[3].stringValue else { return nil }
        sourceResourceID = source
        self.sourceName = sourceName
        destinationResourceID = destination
        self.destinationName = destinationName
    }
}
