import ProviderStore

/// Collection evaluation: a collection's members are the computers its direct rules name and
/// those its query rules find, the WQL compiled by the query translator into SQL run in the
/// store, as a system query (a collection's membership does not depend on who changed it).
extension ProviderService {
    /// The plan of a query rule's WQL, checked: it must select objects of SMS_R_System.
    static func membershipQueryPlan(_ wql: String) throws -> QueryPlan {
        let query = try WQLParser.parse(wql)
        guard ServedClasses.canonicalName(query.className.text) == ClassName.computer else {
            throw ProviderError.invalidQuery(
                token: query.className.text, position: query.className.position,
                message: "a collection query rule selects from \(ClassName.computer), not \(query.className.text)")
        }
        guard !query.isCount, !query.isDistinct else {
            throw ProviderError.invalidQuery(token: query.className.text, position: query.className.position,
                                             message: "a collection query rule selects computers, not COUNT or DISTINCT values")
        }
        return try QueryPlan(query)
    }

    /// Evaluates a collection's rules again and stores its members; returns whether they changed.
    @discardableResult
    func evaluateMembers(of collectionID: String, in db: StoreDatabase) throws -> Bool {
        var members: [Int64: Bool] = [:]
        for rule in try CollectionDirectRuleRow.fetchAll(db, collectionID: collectionID) {
            members[rule.resourceID] = true
        }
        for rule in try CollectionQueryRuleRow.fetchAll(db, collectionID: collectionID) {
            // A rule was checked when added; the schema it names cannot change under it.
            let plan = try Self.membershipQueryPlan(rule.queryExpression)
            for resourceID in try plan.referenceKeys(in: db, restriction: nil) where members[resourceID] == nil {
                members[resourceID] = false
            }
        }
        let current = try CollectionMemberRow.members(db, of: collectionID)
        guard current != members else { return false }
        try CollectionMemberRow.updateMembers(db, of: collectionID, from: current, to: members)
        return true
    }

    /// Evaluates every collection with query rules again (after computers changed), with an
    /// event for each whose members changed.
    func reevaluateQueryRules(caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        for collectionID in try CollectionRow.idsWithQueryRules(db) where try evaluateMembers(of: collectionID, in: db) {
            events.append(ChangeRecord(kind: .modified, className: ClassName.collection, object: .collection(collectionID), changedProperties: Self.memberProperties))
        }
    }
}
