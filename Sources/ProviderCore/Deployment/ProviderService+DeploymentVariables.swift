import ProviderStore
import TaskSequenceModel

/// Task sequence variables of collections and computers (`SMS_CollectionSettings`,
/// `SMS_MachineSettings`; reference §5 and §9).
///
/// Rights: a collection's variables are read with Read on the collection and changed with
/// Modify or Modify Collection Setting (0x200000) on it. A computer's variables are read by whoever
/// may read the computer and changed with Modify Resource (128) on a collection the computer is
/// in, or on the collection class — the right ConfigMgr asks for to change a resource.
///
/// Masked values are write-only: every reader gets them empty (``DeploymentVariable/redacted``);
/// only ``deploymentVariables(forComputer:for:)``, for the dry-run planner, sees them.
extension ProviderService {
    /// The variables of `owner` as a client may see them (masked values empty), in the order
    /// they were first set.
    public func variables(of owner: VariableOwner, for caller: Caller) throws -> [DeploymentVariable] {
        try read(caller) { db in
            let owner = try storedOwner(owner, in: db)
            try require(.read, on: owner.settings, for: caller, in: db)
            return try storedVariables(of: owner, in: db).map(\.redacted)
        }
    }

    /// Sets one variable (adds it, or replaces the one of the same name without case). An empty
    /// value sent for a variable that is masked and stays masked keeps the stored value, as a
    /// client that read it back saw it empty.
    public func setVariable(_ variable: DeploymentVariable, on owner: VariableOwner, for caller: Caller) throws {
        try changeVariables(of: owner, for: caller) { edit, stored in try edit.setting(variable, in: stored) }
    }

    /// Removes the variable named `name` (without case).
    public func removeVariable(named name: String, from owner: VariableOwner, for caller: Caller) throws {
        try changeVariables(of: owner, for: caller) { edit, stored in try edit.removing(name, from: stored) }
    }

    private func changeVariables(
        of owner: VariableOwner, for caller: Caller,
        _ change: (DeploymentVariableEdit, [DeploymentVariable]) throws -> [DeploymentVariable]
    ) throws {
        try write(caller) { db, events in
            let owner = try storedOwner(owner, in: db)
            try requireChangeRight(on: owner, for: caller, in: db)
            let stored = try storedVariables(of: owner, in: db)
            let changed: [DeploymentVariable]
            do {
                changed = try change(DeploymentVariableEdit(owner: owner.label, limit: owner.limit), stored)
            } catch let violation as DeploymentVariableEdit.Violation {
                throw violation.isLimit ? ProviderError.limitsExceeded(violation.rule) : ProviderError.validationFailed(property: violation.property, rule: violation.rule)
            }
            guard changed != stored else { return }
            // One row written or removed, not the owner's whole list: a computer may hold 1,000.
            let kept = Set(changed.map { $0.name.lowercased() })
            for gone in stored where !kept.contains(gone.name.lowercased()) {
                try DeploymentVariableRow.delete(db, owner: owner.storeOwner, key: owner.storeKey, name: gone.name)
            }
            let before = Dictionary(stored.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            for variable in changed where before[variable.name.lowercased()] != variable {
                try DeploymentVariableRow.save(db, owner: owner.storeOwner, key: owner.storeKey, name: variable.name, value: variable.value, isMasked: variable.isMasked)
            }
            events.append(ChangeRecord(kind: .modified, className: owner.className, object: owner.settings, changedProperties: [owner.variablesProperty]))
        }
    }

    func storedVariables(of owner: VariableOwner, in db: StoreDatabase) throws -> [DeploymentVariable] {
        try DeploymentVariableRow.fetchAll(db, owner: owner.storeOwner, key: owner.storeKey)
            .map { DeploymentVariable(name: $0.name, value: $0.value, isMasked: $0.isMasked) }
    }

    /// Modify or Modify Collection Setting on the collection; Modify Resource for a computer.
    private func requireChangeRight(on owner: VariableOwner, for caller: Caller, in db: StoreDatabase) throws {
        let settings = owner.settings
        let held = try policy.rights(of: caller, on: settings, in: db)
        guard held.contains(.read) else { throw ProviderError.notFound(object: settings.relativePath) }
        guard held.contains(.modify) else {
            let needed = switch owner {
            case .collection(let id): "Modify or ModifyCollectionSetting on \(ObjectReference.collection(id).relativePath)"
            case .computer: "ModifyResource on a collection holding the computer"
            }
            throw ProviderError.accessDenied(right: needed, object: settings.relativePath)
        }
    }

    /// `owner` with its key spelt as stored; `notFound` when there is no such collection or
    /// computer.
    private func storedOwner(_ owner: VariableOwner, in db: StoreDatabase) throws -> VariableOwner {
        switch owner {
        case .collection(let id): return .collection(try storedCollectionID(id, in: db))
        case .computer(let id):
            guard try computerExists(resourceID: id, in: db) else { throw ProviderError.notFound(object: owner.settings.relativePath) }
            return owner
        }
    }
}
