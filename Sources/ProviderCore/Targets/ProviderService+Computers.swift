import ProviderStore

/// Computers (SMS_R_System): imported by name with a MAC address or SMBIOS GUID, as the
/// console's Import Computer Information does, and deleted. Who sees which computer follows
/// the collections (``PermissionPolicy``); importing needs ImportMachine on the SMS_Collection
/// class.
extension ProviderService {
    /// The computers the caller may read, by ResourceID.
    public func computers(for caller: Caller) throws -> [ComputerInfo] {
        try read(caller) { db in
            try readableComputerRows(for: caller, in: db).map(ComputerInfo.init)
        }
    }

    /// One computer.
    public func computer(_ resourceID: UInt32, for caller: Caller) throws -> ComputerInfo {
        try read(caller) { db in ComputerInfo(try readableComputerRow(resourceID, for: caller, in: db)) }
    }

    /// The computer named `nameOrID` (without regard to case), or with that ResourceID.
    public func computer(named nameOrID: String, for caller: Caller) throws -> ComputerInfo {
        try read(caller) { db in ComputerInfo(try resolveComputer(nameOrID, for: caller, in: db)) }
    }

    /// Imports one computer, as `SMS_Site.ImportMachineEntry` does: a name and a MAC address
    /// or an SMBIOS GUID (or both). A computer of that name is refused unless `overwrite`,
    /// which replaces its MAC addresses and GUID (keeping its ResourceID and collections).
    /// With a source computer the two are associated for side-by-side migration. Returns the
    /// ResourceID.
    public func importComputer(_ entry: ComputerEntry, overwrite: Bool = false, for caller: Caller) throws -> UInt32 {
        try write(caller) { db, events in
            try require(.importMachine, on: .class(ClassName.collection), for: caller, in: db)
            let resourceID = try importEntry(entry, overwrite: overwrite, caller: caller, db: db, events: &events)
            try reevaluateQueryRules(caller: caller, db: db, events: &events)
            return resourceID
        }
    }

    /// Imports the computers of a CSV file in the console wizard's format — `Name,SMBIOS GUID,
    /// MAC Address[,Source Computer]` per line, an optional header line — and reports each line.
    ///
    /// Good lines are imported in one transaction; bad lines (a wrong field, a name already
    /// taken, a MAC address or GUID of another computer, a name twice in the file, an unknown
    /// source) are left out and reported by line, changing nothing. Only a failure of the store
    /// itself, or a caller without ImportMachine, imports nothing.
    public func importComputers(csv: String, overwrite: Bool = false, for caller: Caller) throws -> [ComputerImportLine] {
        let lines = ComputerCSV.parse(csv)
        return try write(caller) { db, events in
            try require(.importMachine, on: .class(ClassName.collection), for: caller, in: db)
            var results: [ComputerImportLine] = []
            var namesInFile: [String: Int] = [:]
            for line in lines {
                switch line.content {
                case .failure(let problem):
                    results.append(ComputerImportLine(line: line.number, name: line.name, outcome: .failed(problem.message)))
                    continue
                case .success(let entry):
                    // A later line of the same name would overwrite (or be refused for) what an
                    // earlier one imported: name the line instead.
                    if let first = namesInFile[entry.name.trimmingWhitespace.lowercased()] {
                        results.append(ComputerImportLine(line: line.number, name: entry.name, outcome: .failed("\(entry.name) is already imported by line \(first)")))
                        continue
                    }
                    // Each line in a savepoint: a bad one leaves no trace, the good ones stay.
                    var lineEvents: [ChangeRecord] = []
                    do {
                        let resourceID = try db.inSavepoint {
                            try importEntry(entry, overwrite: overwrite, caller: caller, db: db, events: &lineEvents)
                        }
                        events += lineEvents
                        namesInFile[entry.name.trimmingWhitespace.lowercased()] = line.number
                        results.append(ComputerImportLine(line: line.number, name: entry.name, outcome: .imported(resourceID)))
                    } catch let error as ProviderError {
                        results.append(ComputerImportLine(line: line.number, name: entry.name, outcome: .failed(error.lineProblem)))
                    }
                }
            }
            try reevaluateQueryRules(caller: caller, db: db, events: &events)
            return results
        }
    }

    /// Deletes a computer: its memberships and associations go with it. Needs Delete Resource
    /// on the collection class or on a collection it is a member of.
    public func deleteComputer(_ resourceID: UInt32, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.delete, on: .computer(resourceID), for: caller, in: db)
            let row = try computerRow(resourceID, in: db)
            let collections = try CollectionMemberRow.collectionIDs(db, containing: Int64(resourceID))
            // Who read it through a collection's entries: the memberships go with it.
            let readers = try collections.flatMap { collectionID in
                try PermissionRow.fetchAll(db, objectKey: SecuredClass.collection.objectKey, instanceKey: collectionID)
                    .filter { !Rights(rawValue: $0.rights).isDisjoint(with: [.read, .readResource]) }.map(\.principal)
            }.uniqued()
            try row.delete(db)
            events.append(ChangeRecord(kind: .deleted, className: ClassName.computer, object: .computer(resourceID), formerReaders: readers))
            for collectionID in collections {
                events.append(ChangeRecord(kind: .modified, className: ClassName.collection, object: .collection(collectionID), changedProperties: Self.memberProperties))
            }
        }
    }

    /// Associates two computers for side-by-side migration: the source's user state goes to the
    /// destination. Needs ImportMachine on the collection class and Read on both.
    public func associateComputers(source: String, destination: String, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.importMachine, on: .class(ClassName.collection), for: caller, in: db)
            let sourceRow = try resolveComputer(source, for: caller, in: db)
            let destinationRow = try resolveComputer(destination, for: caller, in: db)
            try associate(source: sourceRow, destination: destinationRow, db: db, events: &events)
        }
    }

    /// The associations whose destination the caller may read, by destination then source.
    public func computerAssociations(for caller: Caller) throws -> [ComputerAssociation] {
        try read(caller) { db in
            var names: [Int64: String] = [:]
            for row in try readableComputerRows(for: caller, in: db) {
                if let id = row.resourceID { names[id] = row.name }
            }
            return try ComputerAssociationRow.fetchAllOrdered(db).compactMap { row in
                guard let destinationName = names[row.destinationResourceID] else { return nil }
                return ComputerAssociation(
                    sourceResourceID: UInt32(clamping: row.sourceResourceID), destinationResourceID: UInt32(clamping: row.destinationResourceID),
                    sourceName: names[row.sourceResourceID], destinationName: destinationName, creationDate: row.creationDate)
            }
        }
    }

    // MARK: Rules

    static let memberProperties = ["MemberCount", "LastMemberChangeTime"]

    /// Inserts or (with `overwrite`) updates the computer `entry` describes; associates it with
    /// its source. Checks every rule first, so a refused entry changes nothing.
    private func importEntry(_ entry: ComputerEntry, overwrite: Bool, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws -> UInt32 {
        let name = try HardwareIdentity.computerName(entry.name)
        let macs = try entry.macAddresses.map { try HardwareIdentity.macAddress($0) }.uniqued()
        let guid = entry.smbiosGUID.trimmingWhitespace.isEmpty ? "" : try HardwareIdentity.smbiosGUID(entry.smbiosGUID)
        guard !macs.isEmpty || !guid.isEmpty else {
            throw ProviderError.invalidArgument(name: "MACAddress", problem: "\(name) needs a MAC address or an SMBIOS GUID")
        }
        let source = try entry.sourceComputer.map { try resolveComputer($0, for: caller, in: db) }
        var row: ComputerRow
        if let existing = try ComputerRow.fetchOne(db, name: name) {
            guard overwrite else {
                throw ProviderError.invalidArgument(name: "NetbiosName", problem: "a computer named \(existing.name) already exists; overwrite it to replace its MAC addresses and GUID")
            }
            row = existing
            row.macAddresses = macs
            row.smbiosGUID = guid
        } else {
            row = ComputerRow(name: name, smbiosGUID: guid, macAddresses: macs, creationDate: configuration.now(), createdByUID: caller.uid)
        }
        if let other = try ComputerRow.fetchMatchingHardware(db, smbiosGUID: guid, macAddresses: macs, except: row.resourceID) {
            let shared = other.smbiosGUID == guid && !guid.isEmpty ? "SMBIOS GUID \(guid)" : "MAC address \(Set(other.macAddresses).intersection(macs).sorted().joined(separator: ", "))"
            throw ProviderError.invalidArgument(name: "MACAddress", problem: "\(shared) already identifies another computer (\(other.name))")
        }
        let isNew = row.resourceID == nil
        if isNew { try row.insert(db) } else { try row.update(db) }
        guard let stored = row.resourceID, let resourceID = UInt32(exactly: stored) else { throw ProviderError.storage("computer \(name) got no ResourceID") }
        events.append(isNew
            ? ChangeRecord(kind: .created, className: ClassName.computer, object: .computer(resourceID))
            : ChangeRecord(kind: .modified, className: ClassName.computer, object: .computer(resourceID), changedProperties: ["MACAddresses", "SMBIOSGUID"]))
        if let source {
            try associate(source: source, destination: row, db: db, events: &events)
        }
        return resourceID
    }

    private func associate(source: ComputerRow, destination: ComputerRow, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        guard let sourceID = source.resourceID, let destinationID = destination.resourceID else { throw ProviderError.storage("computer without ResourceID") }
        guard sourceID != destinationID else {
            throw ProviderError.invalidArgument(name: "SourceComputer", problem: "\(source.name) cannot migrate to itself")
        }
        if try ComputerAssociationRow.exists(db, source: sourceID, destination: destinationID) { return }
        try ComputerAssociationRow(sourceResourceID: sourceID, destinationResourceID: destinationID, creationDate: configuration.now()).insert(db)
        events.append(ChangeRecord(kind: .modified, className: ClassName.computer, object: .computer(UInt32(clamping: destinationID)),
                                  detail: "associated with source computer \(source.name) for side-by-side migration"))
    }

    func computerRow(_ resourceID: UInt32, in db: StoreDatabase) throws -> ComputerRow {
        guard let row = try ComputerRow.fetchOne(db, resourceID: Int64(resourceID)) else {
            throw ProviderError.notFound(object: ObjectReference.computer(resourceID).relativePath)
        }
        return row
    }

    /// The computer, when the caller may read it; `notFound` otherwise, as if it did not exist.
    func readableComputerRow(_ resourceID: UInt32, for caller: Caller, in db: StoreDatabase) throws -> ComputerRow {
        try require(.read, on: .computer(resourceID), for: caller, in: db)
        return try computerRow(resourceID, in: db)
    }

    /// A computer by name (without case) or by ResourceID, when the caller may read it.
    func resolveComputer(_ nameOrID: String, for caller: Caller, in db: StoreDatabase) throws -> ComputerRow {
        let trimmed = nameOrID.trimmingWhitespace
        if let row = try ComputerRow.fetchOne(db, name: trimmed), let id = row.resourceID, try canRead(.computer(UInt32(clamping: id)), for: caller, in: db) {
            return row
        }
        if let id = UInt32(trimmed) {
            return try readableComputerRow(id, for: caller, in: db)
        }
        throw ProviderError.notFound(object: "computer \(trimmed)")
    }

    /// The computers the caller may read, the policy's readable set applied in the SQL.
    func readableComputerRows(for caller: Caller, in db: StoreDatabase) throws -> [ComputerRow] {
        let readable = try policy.readableComputers(for: caller, in: db)
        if readable.isKnownEmpty { return [] }
        return try ComputerRow.fetchAll(db, readable: readable)
    }
}

extension ProviderError {
    /// The error as one line of an import report, without the property prefix noise.
    var lineProblem: String {
        switch self {
        case .validationFailed(_, let rule): rule
        case .invalidArguments(let message):
            // `argument NAME: problem` → the problem; the line already names the field.
            message.hasPrefix("argument ") ? message.firstRange(of: ": ").map { String(message[$0.upperBound...]) } ?? message : message
        default: wireMessage
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
