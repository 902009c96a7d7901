import GRDB
import TaskSequenceModel

extension ProviderService {
    /// One object by its WMI relative path (`GetObject`), with every property of its class the
    /// provider keeps as a single value — lazy ones included, as a get by path returns them, and
    /// typed as queries type them. Secrets are never returned; Sequence and References have
    /// members of their own (``sequenceXML(packageID:for:)``, ``package(_:for:)``).
    ///
    /// Throws ``ProviderError/notFound(_:)`` for an object that does not exist or that the caller
    /// may not read.
    public func getObject(_ relativePath: String, for caller: Caller) throws -> QueryRow {
        try getObject(object(atRelativePath: relativePath, for: caller), for: caller)
    }

    /// One object by reference, as the relative-path form returns it.
    public func getObject(_ reference: ObjectReference, for caller: Caller) throws -> QueryRow {
        let (className, keys): (String, [DatabaseValue]) = switch reference {
        case .package(let id): (ClassName.taskSequencePackage, [id.databaseValue])
        case .smsPackage(let id): (ClassName.smsPackage, [id.databaseValue])
        case .computer(let id): (ClassName.computer, [id.databaseValue])
        case .collection(let id): (ClassName.collection, [id.databaseValue])
        case .advertisement(let id): (ClassName.advertisement, [id.databaseValue])
        case .collectionSettings(let id): (ClassName.collectionSettings, [id.databaseValue])
        case .machineSettings(let id): (ClassName.machineSettings, [id.databaseValue])
        case .sequence(let id): (ClassName.taskSequence, [id.databaseValue])
        case .step(let id, let step): (ClassName.step, [id.databaseValue, step.databaseValue])
        case .condition(let id, let step): (ClassName.condition, [id.databaseValue, step.databaseValue])
        case .operand(let id, let step, let operand): (ClassName.conditionOperand, [id.databaseValue, step.databaseValue, operand.databaseValue])
        case .classPermission(let principal, let key): (ClassName.userClassPermissions, [principal.databaseValue, key.databaseValue])
        case .instancePermission(let principal, let key, let instance):
            (ClassName.userInstancePermissions, [principal.databaseValue, key.databaseValue, instance.databaseValue])
        case .class(let name): throw ProviderError.invalidArgument(name: "object", problem: "\(name) is a class; GetClass describes it")
        }
        let query = WQLQuery(selection: nil, className: WQLName(text: className, position: 1), condition: nil, ordering: [])
        let plan = try QueryPlan(query, includingLazy: true)
        return try read(caller) { db in
            try require(.read, on: reference, for: caller, in: db)
            let conditions = zip(plan.family.referenceColumns, keys).map { column, key -> SQL in "\(sql: column) = \(key)" }
            guard let row = try plan.rows(in: db, restriction: conditions.joined(separator: " AND ")).first else {
                throw ProviderError.notFound(reference.relativePath)
            }
            return row
        }
    }
}
