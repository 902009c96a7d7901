import ProviderStore

extension ProviderService {
    /// The instances of a deployment class the caller may read: its advertisements, or the
    /// settings of every collection or computer it may read (each has one).
    func deploymentInstances(ofClass className: String, for caller: Caller) throws -> [ObjectReference] {
        switch className {
        case ClassName.advertisement: return try advertisementIDs(for: caller).map(ObjectReference.advertisement)
        case ClassName.collectionSettings: return try collections(for: caller).map { .collectionSettings(collectionID: $0.collectionID) }
        default: return try computers(for: caller).map { .machineSettings(resourceID: $0.resourceID) }
        }
    }

    /// The deployment object a relative path names (`SMS_Advertisement.AdvertisementID="PS100001"`,
    /// `SMS_CollectionSettings.CollectionID="PS100010"`, `SMS_MachineSettings.ResourceID=16777217`),
    /// with its key spelt as stored, when the caller may read it.
    func deploymentObject(className: String, key: (String) throws -> String, for caller: Caller) throws -> ObjectReference {
        switch className {
        case ClassName.advertisement:
            return .advertisement(try advertisement(try key("AdvertisementID"), for: caller).advertisementID)
        case ClassName.collectionSettings:
            let reference = ObjectReference.collectionSettings(collectionID: try key("CollectionID"))
            return try read(caller) { db in
                let stored = ObjectReference.collectionSettings(collectionID: try storedCollectionID(try key("CollectionID"), in: db))
                guard try canRead(stored, for: caller, in: db) else { throw ProviderError.notFound(object: reference.relativePath) }
                return stored
            }
        default:
            let text = try key("ResourceID")
            guard let id = UInt32(text) else { throw ProviderError.invalidArgument(name: "relpath", problem: "ResourceID must be a number, got '\(text)'") }
            let reference = ObjectReference.machineSettings(resourceID: id)
            try read(caller) { db in
                guard try computerExists(resourceID: id, in: db), try canRead(reference, for: caller, in: db) else {
                    throw ProviderError.notFound(object: reference.relativePath)
                }
            }
            return reference
        }
    }

    /// Whether the settings object `reference` exists for the caller (the bus resolver's check).
    public func settingsExist(_ reference: ObjectReference, for caller: Caller) throws -> Bool {
        try read(caller) { db in
            switch reference {
            case .collectionSettings(let id): try collectionExists(id, in: db) && canRead(reference, for: caller, in: db)
            case .machineSettings(let id): try computerExists(resourceID: id, in: db) && canRead(reference, for: caller, in: db)
            default: false
            }
        }
    }
}
