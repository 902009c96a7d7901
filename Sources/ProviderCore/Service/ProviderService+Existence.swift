import ProviderStore

extension ProviderService {
    /// Whether `object` exists, whoever asks. For the provider's own log only — to tell a refusal
    /// of a hidden object from a call on a missing one — never for an answer to a caller, who
    /// must not learn of objects it may not read.
    public func objectExistsIgnoringRights(_ object: ObjectReference) -> Bool {
        let found = try? store.read { db -> Bool in
            switch object {
            case .class: return true
            case .package(let id), .sequence(let id): return try PackageRow.exists(db, packageID: id)
            case .smsPackage(let id): return try SMSPackageRow.exists(db, packageID: id)
            case .computer(let id): return try ComputerRow.fetchOne(db, resourceID: Int64(id)) != nil
            case .collection(let id): return try CollectionRow.storedID(db, id) != nil
            case .step(let id, let stepID):
                return try StepRow.fetchOne(db, id: stepID)?.packageID == id
            case .condition(let id, let stepID):
                guard let step = try StepRow.fetchOne(db, id: stepID), step.packageID == id else { return false }
                return step.hasCondition
            case .operand(let id, let stepID, let operandID):
                guard let step = try StepRow.fetchOne(db, id: stepID), step.packageID == id else { return false }
                return try ConditionOperandRow.fetchOne(db, id: operandID)?.stepID == stepID
            case .advertisement(let id): return try AdvertisementRow.fetchOne(db, advertisementID: id) != nil
            case .collectionSettings(let id): return try collectionExists(id, in: db)
            case .machineSettings(let id): return try computerExists(resourceID: id, in: db)
            case .classPermission, .instancePermission:
                return false
            }
        }
        return found ?? false
    }
}
