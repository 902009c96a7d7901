import DBusKit

/// A computer (`SMS_R_System`) as the provider describes it, read in one round trip. JSON keys
/// are the WMI property names, as `tsctl computer show --json` prints them.
public struct ComputerInfo: Sendable, Hashable, Codable {
    /// The key, assigned on import (16777217 and up).
    public var resourceID: UInt32
    /// The NetBIOS name.
    public var name: String
    /// MAC addresses as `00:11:22:AA:BB:CC`.
    public var macAddresses: [String]
    /// The SMBIOS GUID in upper case, or empty.
    public var smbiosGUID: String
    /// When it was imported, as a CIM datetime.
    public var creationDate: String

    enum CodingKeys: String, CodingKey {
        case resourceID = "ResourceID", name = "Name", macAddresses = "MACAddresses", smbiosGUID = "SMBIOSGUID", creationDate = "CreationDate"
    }

    /// A computer from its values.
    public init(resourceID: UInt32, name: String, macAddresses: [String], smbiosGUID: String, creationDate: String) {
        self.resourceID = resourceID
        self.name = name
        self.macAddresses = macAddresses
        self.smbiosGUID = smbiosGUID
        self.creationDate = creationDate
    }

    init(_ properties: OrderedProperties) {
        let macs: [String] = if case .array(_, let values)? = properties["MACAddresses"] { values.compactMap(\.stringValue) } else { [] }
        self.init(
            resourceID: properties.uint32("ResourceID"), name: properties.string("Name"), macAddresses: macs,
            smbiosGUID: properties.string("SMBIOSGUID"), creationDate: properties.string("CreationDate"))
    }
}

extension ComputerInfo {
    /// A computer as `GetComputers` lists it: (ResourceID, Name, SMBIOSGUID, MACAddresses, CreationDate).
    init?(listed value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 5, case .uint32(let id) = fields[0], let name = fields[1].stringValue,
              let guid = fields[2].stringValue, case .array(_, let macs) = fields[3], let created = fields[4].stringValue else { return nil }
        self.init(resourceID: id, name: name, macAddresses: macs.compactMap(\.stringValue), smbiosGUID: guid, creationDate: created)
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
