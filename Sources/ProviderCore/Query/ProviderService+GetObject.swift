import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// One object by its WMI relative path (`GetObject`), with every property of its class the
    /// provider keeps as a single value — lazy ones included, as a get by path returns them, and
    /// typed as queries type them. Secrets are never returned; Sequence and References have
    /// members of their own (``sequenceXML(packageID:for:)``, ``package(_:for:)``).
    ///
    /// Throws ``ProviderError/notFound(_:)`` for an object that does not exist or that the caller
    /// may not read.
    public func getObject(_ relativePath: String, for caller: Caller) throws -> QueryResult {
        try getObject(object(atRelativePath: relativePath, for: caller), for: caller)
    }

    /// One object by reference, as the relative-path form returns it.
    public func getObject(_ reference: ObjectReference, for caller: Caller) throws -> QueryResult {
        let (className, keys): (String, [SQLValue]) = switch reference {
        case .package(let id): (ClassName.taskSequencePackage, [id.sqlValue])
        case .smsPackage(let id): (ClassName.smsPackage, [id.sqlValue])
        case .computer(let id): (ClassName.computer, [id.sqlValue])
        case .collection(let id): (ClassName.collection, [id.sqlValue])
        case .advertisement(let id): (ClassName.advertisement, [id.sqlValue])
        case .collectionSettings(let id): (ClassName.collectionSettings, [id.sqlValue])
        case .machineSettings(let id): (ClassName.machineSettings, [id.sqlValue])
        case .sequence(let id): (ClassName.taskSequence, [id.sqlValue])
        case .step(let id, let step): (ClassName.step, [id.sqlValue, step.sqlValue])
        case .condition(let id, let step): (ClassName.condition, [id.sqlValue, step.sqlValue])
        case .operand(let id, let step, let operand): (ClassName.conditionOperand, [id.sqlValue, step.sqlValue, operand.sqlValue])
        case .classPermission(let principal, let key): (ClassName.userClassPermissions, [principal.sqlValue, key.sqlValue])
        case .instancePermission(let principal, let key, let instance):
            (ClassName.userInstancePermissions, [principal.sqlValue, key.sqlValue, instance.sqlValue])
        case .class(let name): throw ProviderError.invalidArgument(name: "object", problem: "\(name) is a class; GetClass describes it")
        }
        let query = WQLQuery(selection: nil, className: WQLName(text: className, position: 1), condition: nil, ordering: [])
        let plan = try QueryPlan(query, includingLazy: true)
        return try read(caller) { db in
            try require(.read, on: reference, for: caller, in: db)
            guard let row = try plan.rows(in: db, restriction: .referenceIs(keys)).first else {
                throw ProviderError.notFound(object: reference.relativePath)
            }
            return row
        }
    }
}
