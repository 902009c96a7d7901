import ProviderStore
import TaskSequenceModel

/// What the dry-run planner needs to know about a deployment, in one read each.
extension ProviderService {
    /// The variables a deployment brings to computer `name` (without case): each collection
    /// it is a member of and the caller may read, in CollectionID order, with its variables, then
    /// the computer's own; masked values included, for evaluation only (see
    /// ``DeploymentEnvironment``).
    ///
    /// - Throws: ``ProviderError/notFound(_:)`` when there is no such computer or the caller
    ///   may not read it.
    public func deploymentVariables(forComputer name: String, for caller: Caller) throws -> DeploymentEnvironment {
        try read(caller) { db in try deploymentEnvironment(forComputer: name, for: caller, in: db) }
    }

    /// ``deploymentVariables(forComputer:for:)`` inside a read that is already open.
    func deploymentEnvironment(forComputer name: String, for caller: Caller, in db: StoreDatabase) throws -> DeploymentEnvironment {
        let computer = try readableComputer(named: name, for: caller, in: db)
        return try deploymentEnvironment(of: computer, holding: try collectionsHolding(resourceID: computer.resourceID, in: db), for: caller, in: db)
    }

    /// The environment of a computer already found, given the collections that hold it.
    func deploymentEnvironment(
        of computer: (resourceID: UInt32, row: ComputerRow), holding: [(collectionID: String, name: String)], for caller: Caller, in db: StoreDatabase
    ) throws -> DeploymentEnvironment {
        var collections: [DeploymentEnvironment.CollectionVariables] = []
        var hidden = 0
        for collection in holding {
            guard try canRead(.collection(collection.collectionID), for: caller, in: db) else {
                hidden += 1
                continue
            }
            collections.append(.init(collectionID: collection.collectionID, name: collection.name,
                                     variables: try storedVariables(of: .collection(collection.collectionID), in: db)))
        }
        return DeploymentEnvironment(
            resourceID: computer.resourceID, computerName: computer.row.name, collections: collections, hiddenCollectionCount: hidden,
            computerVariables: try storedVariables(of: .computer(resourceID: computer.resourceID), in: db))
    }

    /// The advertisements of task sequence package `packageID` that reach computer `name`:
    /// those whose collection holds the computer, and, when IncludeSubCollection is set, those
    /// whose collection has a sub-collection (at any depth) that holds it. Only advertisements
    /// the caller may read, in ID order.
    public func advertisements(ofPackage packageID: String, toComputer name: String, for caller: Caller) throws -> [Advertisement] {
        try read(caller) { db in try advertisements(ofPackage: packageID, toComputer: name, for: caller, in: db).map(\.advertisement) }
    }

    /// ``advertisements(ofPackage:toComputer:for:)`` inside a read that is already open.
    func advertisements(ofPackage packageID: String, toComputer name: String, for caller: Caller, in db: StoreDatabase) throws -> [AdvertisementRow] {
        try require(.read, on: .package(packageID), for: caller, in: db)
        let computer = try readableComputer(named: name, for: caller, in: db)
        let holding = try collectionsHolding(resourceID: computer.resourceID, in: db).map(\.collectionID)
        return try advertisements(ofPackage: packageID, reaching: holding, for: caller, in: db)
    }

    /// The readable advertisements of a package (whose Read the caller holds) that reach a
    /// computer held by collections `holding`.
    func advertisements(ofPackage packageID: String, reaching holding: [String], for caller: Caller, in db: StoreDatabase) throws -> [AdvertisementRow] {
        let direct = Set(holding.map { $0.uppercased() })
        // A collection reaches the computer through sub-collections when it is above one
        // that holds it.
        var above: Set<String> = []
        for id in holding { above.formUnion(try collectionAncestry(id, in: db).map { $0.uppercased() }) }
        return try AdvertisementRow.fetchAll(db, packageID: packageID).filter { advertisement in
            let target = advertisement.collectionID.uppercased()
            guard direct.contains(target) || (advertisement.includeSubCollection && above.contains(target)) else { return false }
            return try canRead(.advertisement(advertisement.advertisementID), for: caller, in: db)
        }
    }
}
