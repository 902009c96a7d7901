import TaskSequenceModel

/// A computer (`SMS_R_System`) as the provider serves it: the service builds it from its store,
/// the SDK reads it in one round trip. JSON keys are the WMI property names, as
/// `tsctl computer show --json` prints them (`CreationDate` as a CIM datetime).
public struct ComputerInfo: Sendable, Hashable, Codable {
    /// The key, assigned on import (16777217 and up).
    public var resourceID: UInt32
    /// The NetBIOS name (Name and NetbiosName).
    public var name: String
    /// The SMBIOS GUID in canonical upper case, or empty.
    public var smbiosGUID: String
    /// MAC addresses in canonical `00:11:22:AA:BB:CC` form.
    public var macAddresses: [String]
    /// When it was imported, in seconds since 1970 (UTC); 0 when unknown.
    public var creationDate: Int64

    enum CodingKeys: String, CodingKey {
        case resourceID = "ResourceID", name = "Name", macAddresses = "MACAddresses", smbiosGUID = "SMBIOSGUID", creationDate = "CreationDate"
    }

    /// A computer from its values.
    public init(resourceID: UInt32, name: String, smbiosGUID: String, macAddresses: [String], creationDate: Int64) {
        self.resourceID = resourceID
        self.name = name
        self.smbiosGUID = smbiosGUID
        self.macAddresses = macAddresses
        self.creationDate = creationDate
    }

    /// ``creationDate`` as the CIM datetime the provider sends (`20260102030405.000000+000`),
    /// empty when unknown.
    public var creationDateText: String { CIMDateTime.wireText(fromSeconds: creationDate) }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            resourceID: try container.decode(UInt32.self, forKey: .resourceID), name: try container.decode(String.self, forKey: .name),
            smbiosGUID: try container.decode(String.self, forKey: .smbiosGUID),
            macAddresses: try container.decode([String].self, forKey: .macAddresses),
            creationDate: CIMDateTime.seconds(from: try container.decode(String.self, forKey: .creationDate)) ?? 0)
    }

    /// Every key, the date as a CIM datetime.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resourceID, forKey: .resourceID)
        try container.encode(name, forKey: .name)
        try container.encode(macAddresses, forKey: .macAddresses)
        try container.encode(smbiosGUID, forKey: .smbiosGUID)
        try container.encode(creationDateText, forKey: .creationDate)
    }
}
