import ProviderStore
import TaskSequenceModel

/// `SMS_Advertisement`: deploying a task sequence package to a collection (reference §2.5,
/// rights §6.1 "Advertise (deploy) a TS").
///
/// Every change needs, besides its own right on the advertisement (Create on the class, Modify
/// or Delete on the instance), Advertise on the target collection (class or instance) and Read
/// on the task sequence package. An advertisement the caller may not read does not exist for it.
extension ProviderService {
    /// The AdvertisementIDs the caller may read, in order.
    public func advertisementIDs(for caller: Caller) throws -> [String] {
        try advertisements(for: caller).map(\.advertisementID)
    }

    /// The advertisements the caller may read, optionally only those of one package or one
    /// collection, in ID order.
    public func advertisements(packageID: String? = nil, collectionID: String? = nil, for caller: Caller) throws -> [Advertisement] {
        try read(caller) { db in
            // The caller's Read applied in the query, as ExecQuery applies it.
            let readable = try policy.readableInstances(of: .advertisement, for: caller, in: db)
            if readable.isKnownEmpty { return [] }
            return try AdvertisementRow.fetchAll(db, packageID: packageID, collectionID: collectionID, readable: readable)
                .map(\.advertisement)
        }
    }

    /// One advertisement.
    public func advertisement(_ advertisementID: String, for caller: Caller) throws -> Advertisement {
        try read(caller) { db in
            try require(.read, on: .advertisement(advertisementID), for: caller, in: db)
            return try advertisementRow(advertisementID, in: db).advertisement
        }
    }

    /// Creates an advertisement from `properties` (names of ``AdvertisementProperty``, values as
    /// text); returns its AdvertisementID (the site code and five hex digits, numbered apart
    /// from PackageIDs). AdvertisementName, CollectionID and PackageID are required; ProgramName
    /// is `*` (a task sequence has no other program). The creator gets Read|Modify|Delete on it.
    public func createAdvertisement(_ properties: [(name: String, value: String)], for caller: Caller) throws -> String {
        var row = AdvertisementRow(Advertisement(sourceSite: configuration.siteCode))
        row.presentTime = configuration.now()
        for (name, value) in properties {
            guard let property = AdvertisementProperty(named: name) else {
                throw ProviderError.unknownProperty(named: "\(name) (\(ClassName.advertisement) has \(AdvertisementProperty.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            try property.apply(value, to: &row)
        }
        return try write(caller) { db, events in
            try require(.create, on: .class(ClassName.advertisement), for: caller, in: db)
            for property in [AdvertisementProperty.advertisementName, .collectionID, .packageID, .programName] where property.text(in: row).isEmpty {
                throw ProviderError.validationFailed(property: property.rawValue, rule: "is Not_Null: an advertisement needs it")
            }
            guard row.programName == "*" else {
                throw ProviderError.validationFailed(property: "ProgramName", rule: "must be * for a task sequence package, got '\(row.programName)'")
            }
            try requireDeploymentRights(collectionID: &row.advertisement.collectionID, packageID: &row.advertisement.packageID, caller: caller, in: db)
            row.advertisementID = try AdvertisementRow.allocateID(siteCode: configuration.siteCode, in: db)
            row.createdByUID = caller.uid
            try row.insert(db)
            events.append(ChangeRecord(kind: .created, className: ClassName.advertisement, object: .advertisement(row.advertisementID)))
            try grantCreatorRights(on: .advertisement, instanceKey: row.advertisementID, caller: caller, db: db, events: &events)
            return row.advertisementID
        }
    }

    /// Changes properties of an advertisement. AdvertisementName, CollectionID, PackageID and
    /// ProgramName are fixed once it exists: changing one fails naming it (equal values pass).
    public func modifyAdvertisement(_ advertisementID: String, changes: [(name: String, value: String)], for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.modify, on: .advertisement(advertisementID), for: caller, in: db)
            let stored = try advertisementRow(advertisementID, in: db)
            var row = stored
            var changed: [String] = []
            for (name, value) in changes {
                guard let property = AdvertisementProperty(named: name) else {
                    throw ProviderError.unknownProperty(named: "\(name) (\(ClassName.advertisement))")
                }
                let before = property.text(in: row)
                try property.apply(value, to: &row)
                let after = property.text(in: row)
                if AdvertisementProperty.immutable.contains(property) {
                    guard after.equalsIgnoringCase(before) else {
                        throw ProviderError.readOnly(property: "\(property.rawValue) (fixed once the advertisement exists, reference §2.5: delete \(stored.advertisementID) and deploy again to change it)")
                    }
                    // The same value in another case: no change, the stored spelling stays.
                    try property.apply(before, to: &row)
                    continue
                }
                if after != before, !changed.contains(property.rawValue) { changed.append(property.rawValue) }
            }
            var collectionID = stored.collectionID
            var packageID = stored.packageID
            try requireDeploymentRights(collectionID: &collectionID, packageID: &packageID, caller: caller, in: db)
            guard !changed.isEmpty else { return }
            try row.update(db)
            events.append(ChangeRecord(kind: .modified, className: ClassName.advertisement, object: .advertisement(stored.advertisementID), changedProperties: changed))
        }
    }

    /// Deletes an advertisement and the rights entries on it.
    public func deleteAdvertisement(_ advertisementID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.delete, on: .advertisement(advertisementID), for: caller, in: db)
            let row = try advertisementRow(advertisementID, in: db)
            var collectionID = row.collectionID
            var packageID = row.packageID
            try requireDeploymentRights(collectionID: &collectionID, packageID: &packageID, caller: caller, in: db)
            try row.delete(db)
            var entryEvents: [ChangeRecord] = []
            let readers = try removeInstanceEntries(of: .advertisement, instanceKey: row.advertisementID, caller: caller, db: db, events: &entryEvents)
            events.append(ChangeRecord(kind: .deleted, className: ClassName.advertisement, object: .advertisement(row.advertisementID), formerReaders: readers))
            events += entryEvents
        }
    }

    func advertisementRow(_ advertisementID: String, in db: StoreDatabase) throws -> AdvertisementRow {
        guard let row = try AdvertisementRow.fetchOne(db, advertisementID: advertisementID) else {
            throw ProviderError.notFound(object: ObjectReference.advertisement(advertisementID).relativePath)
        }
        return row
    }

    /// Advertise on the collection and Read on the task sequence package; spells both IDs as
    /// stored. A package that is not a task sequence package is refused by name.
    private func requireDeploymentRights(collectionID: inout String, packageID: inout String, caller: Caller, in db: StoreDatabase) throws {
        guard let storedPackage = try PackageRow.fetchOne(db, packageID: packageID.uppercased()) ?? PackageRow.fetchOne(db, packageID: packageID) else {
            if try SMSPackageRow.exists(db, packageID: packageID.uppercased()), try canRead(.smsPackage(packageID.uppercased()), for: caller, in: db) {
                throw ProviderError.validationFailed(property: "PackageID", rule: "\(packageID.uppercased()) is an SMS_Package; only task sequence packages are deployed here")
            }
            throw ProviderError.notFound(object: ObjectReference.package(packageID).relativePath)
        }
        packageID = storedPackage.packageID
        try require(.read, on: .package(packageID), for: caller, in: db)
        collectionID = try storedCollectionID(collectionID, in: db)
        try require(.advertise, on: .collection(collectionID), for: caller, in: db)
    }

    /// Refuses to delete a task sequence package that advertisements deploy, naming them
    /// (deleting it would leave deployments of nothing).
    func refuseDeletingDeployedPackage(_ packageID: String, in db: StoreDatabase) throws {
        let ids = try AdvertisementRow.ids(deployingPackage: packageID, db)
        guard !ids.isEmpty else { return }
        throw ProviderError.validationFailed(property: "PackageID", rule: "\(packageID) is deployed by \(ids.joined(separator: ", ")); delete those advertisements first")
    }
}
