import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// Runs a WQL query for `caller` and returns the objects it finds that the caller may read.
    ///
    /// ```swift
    /// let rows = try service.execQuery("""
    ///     SELECT Name, PackageID FROM SMS_TaskSequence_Step
    ///     WHERE __CLASS = 'SMS_TaskSequence_RunCommandLineAction' AND CommandLine LIKE '%powershell%'
    ///     """, for: caller)
    /// for row in rows { print(row.reference.relativePath, row["Name"] ?? "") }
    /// ```
    ///
    /// Queries are polymorphic like WMI's: `FROM SMS_TaskSequence_Step` finds every step and
    /// group of every sequence, `FROM SMS_TaskSequence_Action` every action, a concrete class
    /// only its own; the condition expression and operator classes find the operands of every
    /// step's condition, each with the PackageID and StepID of its step. A WHERE or SELECT may
    /// name properties of classes deriving from the class queried (`CommandLine` of Run Command
    /// Line); rows of other classes read NULL for them.
    ///
    /// Lazy properties (Sequence, References …) are not returned, as WMI leaves them out of
    /// queries; secret ones are never returned and cannot be compared. The query runs as SQL on
    /// the store, filtered there by the caller's Read right (``AccessPolicy/readablePackages(for:in:)``).
    ///
    /// - Throws: ``ProviderError/invalidQuery(token:position:message:)`` for a query that does not
    ///   parse or names an unknown class or property; ``ProviderError/accessDenied(right:object:)``
    ///   for a caller the policy does not admit.
    public func execQuery(_ wql: String, for caller: Caller) throws -> [QueryResult] {
        try policy.admit(caller)
        let query = try WQLParser.parse(wql)
        return try read(caller) { db in
            // Planned inside the read: subqueries and guarded joins take the caller's Read filter.
            let plan = try QueryPlan(query) { guardedBy in try self.readableRows(guardedBy: guardedBy, for: caller, in: db) }
            return try plan.rows(in: db, restriction: readableRows(guardedBy: plan.family.source.guardedBy, for: caller, in: db))
        }
    }

    /// The condition that keeps the rows `guardedBy` protects that the caller may read, as the
    /// policy describes them (the store writes it in SQL); `nil` for all.
    func readableRows(guardedBy: QuerySource.RowGuard, for caller: Caller, in db: StoreDatabase) throws -> QueryCondition? {
        if case .permissionEntries(let instances) = guardedBy {
            let visibility = try policy.readablePermissionEntries(for: caller, instances: instances, in: db)
            return visibility == .all ? nil : .permissionEntriesVisible(visibility, instances: instances)
        }
        let readable: ReadableSet = switch guardedBy {
        case .taskSequencePackage: try policy.readablePackages(for: caller, in: db)
        case .smsPackage: try policy.readableSMSPackages(for: caller, in: db)
        case .collection: try policy.readableCollections(for: caller, in: db)
        case .computer: try policy.readableComputers(for: caller, in: db)
        case .securedInstance(let objectKey, _):
            // A key the provider does not secure guards nothing a caller could read.
            if let secured = SecuredClass(objectKey: objectKey) { try policy.readableInstances(of: secured, for: caller, in: db) } else { .none }
        case .permissionEntries: .all  // answered above
        }
        return readable == .all ? nil : .readable(readable, guarded: guardedBy)
    }
}
