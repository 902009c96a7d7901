import DBusKit
import ProviderCore
import TaskSequenceModel

extension ProviderBus {
    /// The object at `path` as the caller sees it; `nil` when there is none — or none this
    /// caller may read, which must look the same.
    func object(at path: ObjectPath, for context: CallerContext) throws -> DBusObject? {
        guard let location = ProviderPath(path) else { return nil }
        let caller = try caller(context)
        switch location {
        case .root:
            try service.policy.admit(caller)
            return DBusObject(Interfaces.root.bound(to: RootModel(bus: self)))
        case .classObject(let name):
            try service.policy.admit(caller)
            guard let canonical = ServedClasses.canonicalName(name), canonical == name else { return nil }
            let model = ClassModel(bus: self, name: canonical)
            if canonical == ClassName.taskSequencePackage {
                return DBusObject(Interfaces.classObject.bound(to: model), Interfaces.packageClass.bound(to: model))
            }
            if canonical == ClassName.computer {
                return DBusObject(Interfaces.classObject.bound(to: model), Interfaces.computerClass.bound(to: model))
            }
            if canonical == ClassName.collection {
                return DBusObject(Interfaces.classObject.bound(to: model), Interfaces.collectionClass.bound(to: model))
            }
            return DBusObject(Interfaces.classObject.bound(to: model))
        case .steps:
            return nil
        case .object(let reference):
            return try resolving { try object(for: reference, caller: caller) } ?? nil
        }
    }

    /// A package property read straight from the package cache, for `Properties.Get` (the
    /// commonest call): what the package's getter answers for the cached properties, once the
    /// policy granted Read without the store — the resolved object's answer, without building
    /// it. `nil` for anything else (other objects, derived or extended properties), and whenever
    /// the cache or the policy cannot decide alone: the object is then resolved as usual, and
    /// gives every error.
    ///
    /// Static, with the service and the identity passed in: the reader is kept by the object
    /// server, and holding the bus itself (weakly, as other registrations do) would make every
    /// `Get` load and release a weak reference.
    static func cachedProperty(
        at path: ObjectPath, interface: String, property: String, for context: CallerContext,
        service: ProviderService, identity: CallerIdentity
    ) -> DBusValue? {
        guard interface == Interfaces.package.name, case .object(.package(let id))? = ProviderPath(path),
              let kept = Interfaces.PackageGetterSource(property), let caller = try? identity.caller(for: context) else { return nil }
        switch kept {
        case .packageID:
            return service.isCachedAndReadable(package: id, for: caller) ? .string(id) : nil
        case .field(let field):
            return service.cachedText(of: field, ofPackage: id, for: caller).map { Interfaces.packagePropertyValue(field, text: $0) }
        }
    }

    private func object(for reference: ObjectReference, caller: Caller) throws -> DBusObject? {
        switch reference {
        case .class:
            return nil
        case .package(let id):
            let properties = try service.package(id, for: caller)
            return DBusObject(Interfaces.package.bound(to: PackageModel(bus: self, packageID: id, resolved: properties)))
        case .sequence(let id):
            _ = try service.package(id, for: caller)
            return DBusObject(Interfaces.sequence.bound(to: PackageModel(bus: self, packageID: id)))
        case .step(let id, let stepID):
            let info = try service.step(stepID, packageID: id, for: caller)
            let model = StepModel(bus: self, packageID: id, stepID: stepID, resolved: info)
            let kind = info.isGroup ? Interfaces.group.bound(to: model) : Interfaces.action.bound(to: model)
            return DBusObject(Interfaces.step.bound(to: model), kind)
        case .condition(let id, let stepID):
            // Every step has its condition object, empty until the first operand is added:
            // otherwise a step without a condition could never get one over the bus.
            _ = try service.condition(stepID: stepID, packageID: id, for: caller)
            return DBusObject(Interfaces.condition.bound(to: StepModel(bus: self, packageID: id, stepID: stepID)))
        case .operand(let id, let stepID, let operandID):
            let info = try service.operand(operandID, stepID: stepID, packageID: id, for: caller)
            let model = OperandModel(bus: self, packageID: id, stepID: stepID, operandID: operandID)
            switch info.kind {
            case .expression: return DBusObject(Interfaces.expression.bound(to: model))
            case .operator, .osConditionGroup, .osExpressionGroup: return DBusObject(Interfaces.conditionOperator.bound(to: model))
            case .foreign: return nil
            }
        case .smsPackage(let id):
            _ = try service.smsPackage(id, for: caller)
            return DBusObject(Interfaces.smsPackage.bound(to: SMSPackageModel(bus: self, packageID: id)))
        case .computer(let id):
            let info = try service.computer(id, for: caller)
            return DBusObject(Interfaces.computer.bound(to: ComputerModel(bus: self, resourceID: id, resolved: info)))
        case .collection(let id):
            let info = try service.collection(id, for: caller)
            // The path keeps the ID as the caller spelt it only when it is the stored one.
            guard info.collectionID == id else { return nil }
            return DBusObject(Interfaces.collection.bound(to: CollectionModel(bus: self, collectionID: id, resolved: info)))
        case .advertisement(let id):
            let row = try service.advertisement(id, for: caller)
            return DBusObject(Interfaces.advertisement.bound(to: AdvertisementModel(bus: self, advertisementID: id, resolved: row)))
        case .collectionSettings(let id):
            guard try service.settingsExist(reference, for: caller) else { return nil }
            return DBusObject(Interfaces.collectionSettings.bound(to: SettingsModel(bus: self, owner: .collection(id))))
        case .machineSettings(let id):
            guard try service.settingsExist(reference, for: caller) else { return nil }
            return DBusObject(Interfaces.machineSettings.bound(to: SettingsModel(bus: self, owner: .computer(resourceID: id))))
        case .classPermission:
            _ = try service.permissionEntry(reference, for: caller)
            return DBusObject(Interfaces.userClassPermissions.bound(to: PermissionModel(bus: self, reference: reference)))
        case .instancePermission:
            _ = try service.permissionEntry(reference, for: caller)
            return DBusObject(Interfaces.userInstancePermissions.bound(to: PermissionModel(bus: self, reference: reference)))
        }
    }

    /// What lies below `path` built in one batch, for `GetManagedObjects`: the packages under
    /// their class object (one query), a package's whole tree (one read); `nil` elsewhere
    /// (children resolved one by one).
    func descendants(of path: ObjectPath, for context: CallerContext) throws -> [(name: String, object: DBusObject?)]? {
        switch ProviderPath(path) {
        case .classObject(ClassName.taskSequencePackage)?:
            let packages = try service.readablePackageProperties(for: caller(context))
            let warnings = try service.readableImportWarnings(for: caller(context))
            return packages.map { properties in
                (ProviderObjectPath.element(properties.packageID),
                 DBusObject(Interfaces.package.bound(to: PackageModel(
                    bus: self, packageID: properties.packageID, resolved: properties, resolvedImportWarnings: warnings[properties.packageID] ?? []))))
            }
        case .classObject(ClassName.computer)?:
            return try service.computers(for: caller(context)).map { info in
                (String(info.resourceID), DBusObject(Interfaces.computer.bound(to: ComputerModel(bus: self, resourceID: info.resourceID, resolved: info))))
            }
        case .classObject(ClassName.collection)?:
            return try service.collections(for: caller(context)).map { info in
                (ProviderObjectPath.element(info.collectionID),
                 DBusObject(Interfaces.collection.bound(to: CollectionModel(bus: self, collectionID: info.collectionID, resolved: info))))
            }
        case .object(.package(let id))?:
            let tree = try resolving { try service.packageTree(id, for: caller(context)) }
            return tree.map { descendants(of: id, in: $0) } ?? []
        default:
            return nil
        }
    }

    /// Every object of a package's tree, by path relative to the package, built from one read.
    private func descendants(of id: String, in tree: PackageTree) -> [(name: String, object: DBusObject?)] {
        let package = ProviderPath.path(of: .package(id))
        func relative(_ reference: ObjectReference) -> String {
            String(ProviderPath.path(of: reference).rawValue.dropFirst(package.rawValue.utf8.count + 1))
        }
        var result: [(name: String, object: DBusObject?)] = [
            ("Sequence", DBusObject(Interfaces.sequence.bound(to: PackageModel(bus: self, packageID: id)))),
        ]
        let operands = Dictionary(grouping: tree.operands, by: \.stepID)
        for info in tree.steps {
            let model = StepModel(bus: self, packageID: id, stepID: info.id, resolved: info, tree: tree)
            let kind = info.isGroup ? Interfaces.group.bound(to: model) : Interfaces.action.bound(to: model)
            result.append((relative(.step(packageID: id, stepID: info.id)), DBusObject(Interfaces.step.bound(to: model), kind)))
            guard info.hasCondition else { continue }
            result.append((relative(.condition(packageID: id, stepID: info.id)), DBusObject(Interfaces.condition.bound(to: model))))
            for operand in operands[info.id] ?? [] {
                let operandModel = OperandModel(bus: self, packageID: id, stepID: info.id, operandID: operand.id, resolved: operand)
                let interface = operand.kind == .expression ? Interfaces.expression.bound(to: operandModel) : Interfaces.conditionOperator.bound(to: operandModel)
                result.append((relative(.operand(packageID: id, stepID: info.id, operandID: operand.id)), DBusObject(interface)))
            }
        }
        return result
    }

    /// Whether `path` is a package object: each is the object manager of its own sequence,
    /// steps, conditions and operands, so the root's reply stays bounded by the package count.
    static func isPackageManager(_ path: ObjectPath) -> Bool {
        if case .object(.package)? = ProviderPath(path) { return true }
        return false
    }

    /// The child names of `path` the caller may see, for `Introspect` and `GetManagedObjects`.
    func childNames(of path: ObjectPath, for context: CallerContext) throws -> [String] {
        guard let location = ProviderPath(path) else { return [] }
        let caller = try caller(context)
        let names: [String]?
        switch location {
        case .root:
            try service.policy.admit(caller)
            names = ServedClasses.names
        case .classObject(ClassName.taskSequencePackage):
            names = try service.packageIDs(for: caller)
        case .classObject(ClassName.smsPackage):
            names = try service.smsPackageIDs(for: caller)
        case .classObject(ClassName.computer):
            names = try service.computers(for: caller).map { String($0.resourceID) }
        case .classObject(ClassName.collection):
            names = try service.collections(for: caller).map(\.collectionID)
        case .classObject(let name) where ServedClasses.deploymentClasses.contains(name):
            names = try service.instances(ofClass: name, for: caller).compactMap { reference -> String? in
                switch reference {
                case .advertisement(let id), .collectionSettings(let id): id
                case .machineSettings(let id): String(id)
                default: nil
                }
            }
        case .classObject(ClassName.userClassPermissions):
            names = try service.permissionEntries(instances: false, for: caller).map(\.pathLabel)
        case .classObject(ClassName.userInstancePermissions):
            names = try service.permissionEntries(instances: true, for: caller).map(\.pathLabel)
        case .classObject:
            names = []
        case .object(.package(let id)):
            names = try resolving { _ = try service.package(id, for: caller); return ["Sequence", "Steps"] }
        case .steps(let id):
            names = try resolving { try service.allStepIDs(packageID: id, for: caller).map { String($0) } }
        case .object(.step(let id, let stepID)):
            names = try resolving { try service.step(stepID, packageID: id, for: caller).hasCondition ? ["Condition"] : [] }
        case .object(.condition(let id, let stepID)):
            names = try resolving { try service.allOperandIDs(stepID: stepID, packageID: id, for: caller).map { String($0) } }
        case .object:
            names = []
        }
        if case .root = location { return names ?? [] }
        return (names ?? []).map(ProviderObjectPath.element)
    }
}
