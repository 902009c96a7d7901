import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// The SMS_Package IDs the caller may read, in ID order.
    public func smsPackageIDs(for caller: Caller) throws -> [String] {
        try read(caller) { db in
            let readable = try policy.readableSMSPackages(for: caller, in: db)
            return readable.isKnownEmpty ? [] : try SecuredTable.smsPackage.keys(db, in: readable)
        }
    }

    /// One SMS_Package.
    public func smsPackage(_ packageID: String, for caller: Caller) throws -> SMSPackage {
        try read(caller) { db in
            try require(.read, on: .smsPackage(packageID), for: caller, in: db)
            return try smsPackageRow(packageID, in: db).package
        }
    }

    /// Creates an SMS_Package. An empty PackageID is assigned; a given one (moving packages
    /// from another site) must be free. Task sequences referencing it stop dangling.
    public func createSMSPackage(_ package: SMSPackage, for caller: Caller) throws -> String {
        try write(caller) { db, events in
            try require(.create, on: .class(ClassName.smsPackage), for: caller, in: db)
            var row = SMSPackageRow(package: package, createdByUID: caller.uid)
            if row.package.packageID.isEmpty {
                row.package.packageID = try ProviderStore.allocatePackageID(siteCode: configuration.siteCode, in: db)
            } else {
                guard Self.isPackageID(row.package.packageID) else {
                    throw ProviderError.validationFailed(property: "PackageID", rule: "'\(row.package.packageID)' is not a PackageID (three-character site code and five hex digits)")
                }
                row.package.packageID = row.package.packageID.uppercased()
                if try SMSPackageRow.exists(db, packageID: row.package.packageID) || PackageRow.exists(db, packageID: row.package.packageID) {
                    throw ProviderError.invalidArgument(name: "PackageID", problem: "\(row.package.packageID) is already taken")
                }
            }
            row.package.sourceDate = configuration.now()
            try row.insert(db)
            events.append(ChangeRecord(kind: .created, className: ClassName.smsPackage, object: .smsPackage(row.package.packageID)))
            try grantCreatorRights(on: .package, instanceKey: row.package.packageID, caller: caller, db: db, events: &events)
            try refreshPackagesReferencing(row.package.packageID, caller: caller, db: db, events: &events)
            return row.package.packageID
        }
    }

    /// Deletes an SMS_Package; task sequences referencing it are flagged DANGLING_REF.
    public func deleteSMSPackage(_ packageID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.delete, on: .smsPackage(packageID), for: caller, in: db)
            let row = try smsPackageRow(packageID, in: db)
            try row.delete(db)
            var entryEvents: [ChangeRecord] = []
            let readers = try removeInstanceEntries(of: .package, instanceKey: packageID, caller: caller, db: db, events: &entryEvents)
            events.append(ChangeRecord(kind: .deleted, className: ClassName.smsPackage, object: .smsPackage(packageID), formerReaders: readers))
            events += entryEvents
            try refreshPackagesReferencing(row.package.packageID, caller: caller, db: db, events: &events)
        }
    }

    func smsPackageRow(_ packageID: String, in db: StoreDatabase) throws -> SMSPackageRow {
        guard let row = try SMSPackageRow.fetchOne(db, packageID: packageID) else { throw ProviderError.notFound(object: ObjectReference.smsPackage(packageID).relativePath) }
        return row
    }

    /// Recomputes TaskSequenceFlags of the task sequences that reference `packageID`.
    ///
    /// `Database` until `refreshDerivedFacts` (the packages area) takes a `StoreDatabase`.
    private func refreshPackagesReferencing(_ packageID: String, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        for id in try SMSPackageRow.referencingSequencePackages(db, packageID: packageID) {
            let changed = try refreshDerivedFacts(id, in: db)
            if !changed.isEmpty {
                events.append(ChangeRecord(kind: .modified, className: ClassName.taskSequencePackage, object: .package(id), changedProperties: changed))
            }
        }
    }
}
