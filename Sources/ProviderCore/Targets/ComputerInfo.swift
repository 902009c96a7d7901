import ProviderStore

extension ComputerInfo {
    /// The computer a stored row describes.
    init(_ row: ComputerRow) {
        self.init(
            resourceID: UInt32(clamping: row.resourceID ?? 0), name: row.name, smbiosGUID: row.smbiosGUID,
            macAddresses: row.macAddresses, creationDate: row.creationDate)
    }
}

/// What an import (`ImportMachineEntry`, one CSV line) says about a computer.
public struct ComputerEntry: Sendable, Hashable {
    public var name: String
    /// MAC addresses in any accepted spelling; the import writes them canonically.
    public var macAddresses: [String]
    /// In any accepted spelling, or empty.
    public var smbiosGUID: String
    /// The computer whose user state moves to this one (side-by-side migration): a name or a
    /// ResourceID; `nil` for none.
    public var sourceComputer: String?

    public init(name: String, macAddresses: [String] = [], smbiosGUID: String = "", sourceComputer: String? = nil) {
        self.name = name
        self.macAddresses = macAddresses
        self.smbiosGUID = smbiosGUID
        self.sourceComputer = sourceComputer
    }
}

/// A side-by-side migration association (SMS_StateMigration).
public struct ComputerAssociation: Sendable, Hashable {
    public var sourceResourceID: UInt32
    public var destinationResourceID: UInt32
    /// The source's name; `nil` when the caller may not read the source.
    public var sourceName: String?
    public var destinationName: String
    /// Seconds since 1970 (UTC).
    public var creationDate: Int64

    public init(sourceResourceID: UInt32, destinationResourceID: UInt32, sourceName: String?, destinationName: String, creationDate: Int64) {
        self.sourceResourceID = sourceResourceID
        self.destinationResourceID = destinationResourceID
        self.sourceName = sourceName
        self.destinationName = destinationName
        self.creationDate = creationDate
    }
}
