import ProviderStore

/// The collections and computers deployments point at, as the deployment code needs them.
extension ProviderService {
    /// A collection's ID spelt as stored; `notFound` when there is none.
    func storedCollectionID(_ collectionID: String, in db: StoreDatabase) throws -> String {
        guard let stored = try CollectionRow.storedID(db, collectionID) else {
            throw ProviderError.notFound(object: ObjectReference.collection(collectionID).relativePath)
        }
        return stored
    }

    func collectionExists(_ collectionID: String, in db: StoreDatabase) throws -> Bool {
        try CollectionRow.storedID(db, collectionID) != nil
    }

    func computerExists(resourceID: UInt32, in db: StoreDatabase) throws -> Bool {
        try ComputerRow.fetchOne(db, resourceID: Int64(resourceID)) != nil
    }

    /// The computer named `name` (without case), when the caller may read it; `notFound`
    /// otherwise, naming the computer as the caller wrote it.
    func readableComputer(named name: String, for caller: Caller, in db: StoreDatabase) throws -> (resourceID: UInt32, row: ComputerRow) {
        let missing = ProviderError.notFound(object: "\(ClassName.computer).Name=\"\(name)\"")
        guard let row = try ComputerRow.fetchOne(db, name: name), let id = row.resourceID, let resourceID = UInt32(exactly: id) else { throw missing }
        guard try canRead(.computer(resourceID), for: caller, in: db) else { throw missing }
        return (resourceID, row)
    }

    /// The collections computer `resourceID` is a member of, in CollectionID order.
    func collectionsHolding(resourceID: UInt32, in db: StoreDatabase) throws -> [(collectionID: String, name: String)] {
        try CollectionMemberRow.collectionIDs(db, containing: Int64(resourceID)).compactMap { id in
            try CollectionRow.fetchOne(db, collectionID: id).map { ($0.collectionID, $0.name) }
        }
    }

    /// `collectionID` and every collection above it.
    func collectionAncestry(_ collectionID: String, in db: StoreDatabase) throws -> [String] {
        try CollectionRow.ancestry(db, of: collectionID)
    }
}
