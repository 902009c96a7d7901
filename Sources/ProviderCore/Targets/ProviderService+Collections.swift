import ProviderStore

/// Collections (SMS_Collection, ObjectKey 1): created under Create on the class (the creator
/// gets Read, Modify and Delete on it), changed under Modify, deleted under Delete. Their
/// members come from direct rules (one computer) and query rules (WQL over SMS_R_System),
/// evaluated in the store whenever a rule or a computer changes.
extension ProviderService {
    /// The collections the caller may read, by CollectionID.
    public func collections(for caller: Caller) throws -> [CollectionInfo] {
        try read(caller) { db in
            let readable = try policy.readableCollections(for: caller, in: db)
            if readable.isKnownEmpty { return [] }
            return try CollectionRow.fetchAll(db, readable: readable).map { try collectionInfo($0, in: db) }
        }
    }

    /// One collection.
    public func collection(_ collectionID: String, for caller: Caller) throws -> CollectionInfo {
        try read(caller) { db in try collectionInfo(readableCollectionRow(collectionID, for: caller, in: db), in: db) }
    }

    /// Creates a collection; `parentCollectionID` makes it a sub-collection, which needs Modify
    /// on the parent. Returns the new CollectionID (the site code and five hex digits).
    public func createCollection(name: String, comment: String = "", parentCollectionID: String? = nil, for caller: Caller) throws -> String {
        try write(caller) { db, events in
            try require(.create, on: .class(ClassName.collection), for: caller, in: db)
            let name = try Self.collectionName(name)
            var parent: String?
            if let parentCollectionID {
                let row = try readableCollectionRow(parentCollectionID, for: caller, in: db)
                try require(.modify, on: .collection(row.collectionID), for: caller, in: db)
                parent = row.collectionID
            }
            try requireFreeCollectionName(name, except: nil, in: db)
            let row = CollectionRow(
                collectionID: try ProviderStore.allocateCollectionID(siteCode: configuration.siteCode, in: db), name: name, comment: comment,
                parentCollectionID: parent, lastChangeTime: configuration.now(), createdByUID: caller.uid)
            try row.insert(db)
            events.append(ChangeRecord(kind: .created, className: ClassName.collection, object: .collection(row.collectionID)))
            try grantCreatorRights(on: .collection, instanceKey: row.collectionID, caller: caller, db: db, events: &events)
            return row.collectionID
        }
    }

    /// Renames a collection or changes its comment (`nil` keeps a value).
    public func updateCollection(_ collectionID: String, name: String? = nil, comment: String? = nil, for caller: Caller) throws {
        try write(caller) { db, events in
            var row = try readableCollectionRow(collectionID, for: caller, in: db)
            try require(.modify, on: .collection(row.collectionID), for: caller, in: db)
            var changed: [String] = []
            if let name {
                let name = try Self.collectionName(name)
                try requireFreeCollectionName(name, except: row.collectionID, in: db)
                if name != row.name { row.name = name; changed.append("Name") }
            }
            if let comment, comment != row.comment { row.comment = comment; changed.append("Comment") }
            guard !changed.isEmpty else { return }
            row.lastChangeTime = configuration.now()
            try row.update(db)
            events.append(ChangeRecord(kind: .modified, className: ClassName.collection, object: .collection(row.collectionID), changedProperties: changed + ["LastChangeTime"]))
        }
    }

    /// Moves a collection under `parentCollectionID` (`nil`: to the top). A collection cannot
    /// be its own ancestor. Needs Modify on the collection and on the new parent.
    public func moveCollection(_ collectionID: String, toParent parentCollectionID: String?, for caller: Caller) throws {
        try write(caller) { db, events in
            var row = try readableCollectionRow(collectionID, for: caller, in: db)
            try require(.modify, on: .collection(row.collectionID), for: caller, in: db)
            var parent: String?
            if let parentCollectionID {
                let parentRow = try readableCollectionRow(parentCollectionID, for: caller, in: db)
                try require(.modify, on: .collection(parentRow.collectionID), for: caller, in: db)
                if try CollectionRow.ancestry(db, of: parentRow.collectionID).contains(row.collectionID) {
                    throw ProviderError.invalidArgument(
                        name: "parentCollectionID", problem: "\(parentRow.collectionID) is \(row.collectionID) or sits under it; a collection cannot be its own ancestor")
                }
                parent = parentRow.collectionID
            }
            guard parent != row.parentCollectionID else { return }
            row.parentCollectionID = parent
            row.lastChangeTime = configuration.now()
            try row.update(db)
            events.append(ChangeRecord(kind: .modified, className: ClassName.collection, object: .collection(row.collectionID),
                                      changedProperties: ["ParentCollectionID", "LastChangeTime"],
                                      detail: parent.map { "moved under \($0)" } ?? "moved to the top"))
        }
    }

    /// Deletes a collection with its rules; one with sub-collections is refused.
    public func deleteCollection(_ collectionID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            let row = try readableCollectionRow(collectionID, for: caller, in: db)
            try require(.delete, on: .collection(row.collectionID), for: caller, in: db)
            let children = try CollectionRow.childIDs(db, of: row.collectionID)
            guard children.isEmpty else {
                throw ProviderError.validationFailed(
                    property: "CollectionID", rule: "\(row.collectionID) has sub-collections (\(children.joined(separator: ", "))); delete or move them first")
            }
            try row.delete(db)
            var entryEvents: [ChangeRecord] = []
            let readers = try removeInstanceEntries(of: .collection, instanceKey: row.collectionID, caller: caller, db: db, events: &entryEvents)
            events.append(ChangeRecord(kind: .deleted, className: ClassName.collection, object: .collection(row.collectionID), formerReaders: readers))
            events += entryEvents
        }
    }

    // MARK: Rules

    /// The membership rules of a collection: direct rules by ResourceID, then query rules.
    public func collectionRules(_ collectionID: String, for caller: Caller) throws -> [CollectionRule] {
        try read(caller) { db in
            let row = try readableCollectionRow(collectionID, for: caller, in: db)
            let direct = try CollectionDirectRuleRow.fetchAll(db, collectionID: row.collectionID).map {
                CollectionRule.direct(ruleName: $0.ruleName, resourceID: UInt32(clamping: $0.resourceID))
            }
            let query = try CollectionQueryRuleRow.fetchAll(db, collectionID: row.collectionID).map {
                CollectionRule.query(ruleName: $0.ruleName, queryID: UInt32(clamping: $0.queryID ?? 0), queryExpression: $0.queryExpression)
            }
            return direct + query
        }
    }

    /// Adds a direct rule for each computer (name or ResourceID, each readable by the caller);
    /// computers already named by a direct rule are left as they are. Needs Modify.
    public func addDirectMembers(_ computers: [String], to collectionID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            let row = try readableCollectionRow(collectionID, for: caller, in: db)
            try require(.modify, on: .collection(row.collectionID), for: caller, in: db)
            var added = false
            for computer in computers {
                let computerRow = try resolveComputer(computer, for: caller, in: db)
                guard let resourceID = computerRow.resourceID else { continue }
                if try CollectionDirectRuleRow.exists(db, collectionID: row.collectionID, resourceID: resourceID) { continue }
                try CollectionDirectRuleRow(collectionID: row.collectionID, resourceID: resourceID, ruleName: computerRow.name).insert(db)
                added = true
            }
            guard added else { return }
            try touch(row, db: db, events: &events)
        }
    }

    /// Removes the direct rule naming a computer. Needs Modify.
    public func removeDirectMember(_ computer: String, from collectionID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            let row = try readableCollectionRow(collectionID, for: caller, in: db)
            try require(.modify, on: .collection(row.collectionID), for: caller, in: db)
            let computerRow = try resolveComputer(computer, for: caller, in: db)
            guard let resourceID = computerRow.resourceID,
                  try CollectionDirectRuleRow.exists(db, collectionID: row.collectionID, resourceID: resourceID) else {
                throw ProviderError.notFound(object: "direct rule for \(computerRow.name) in \(row.collectionID)")
            }
            try CollectionDirectRuleRow.delete(db, collectionID: row.collectionID, resourceID: resourceID)
            try touch(row, db: db, events: &events)
        }
    }

    /// Adds a query rule: `wql` must select from SMS_R_System (a WHERE of its properties, as
    /// ExecQuery takes it), and is checked and run once before it is kept. An empty
    /// `ruleName` becomes `Query N`. Needs Modify. Returns the QueryID.
    public func addQueryRule(_ wql: String, named ruleName: String = "", to collectionID: String, for caller: Caller) throws -> UInt32 {
        let plan = try Self.membershipQueryPlan(wql)
        return try write(caller) { db, events in
            let row = try readableCollectionRow(collectionID, for: caller, in: db)
            try require(.modify, on: .collection(row.collectionID), for: caller, in: db)
            _ = try plan.rows(in: db, restriction: nil)
            let existing = try CollectionQueryRuleRow.fetchAll(db, collectionID: row.collectionID)
            let name = ruleName.trimmingWhitespace.isEmpty ? "Query \(existing.count + 1)" : ruleName.trimmingWhitespace
            var rule = CollectionQueryRuleRow(collectionID: row.collectionID, ruleName: name, queryExpression: wql)
            try rule.insert(db)
            try touch(row, db: db, events: &events)
            return UInt32(clamping: rule.queryID ?? 0)
        }
    }

    /// Removes a query rule. Needs Modify.
    public func removeQueryRule(_ queryID: UInt32, from collectionID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            let row = try readableCollectionRow(collectionID, for: caller, in: db)
            try require(.modify, on: .collection(row.collectionID), for: caller, in: db)
            guard let rule = try CollectionQueryRuleRow.fetchAll(db, collectionID: row.collectionID).first(where: { $0.queryID == Int64(queryID) }) else {
                throw ProviderError.notFound(object: "query rule \(queryID) of \(row.collectionID)")
            }
            try rule.delete(db)
            try touch(row, db: db, events: &events)
        }
    }

    // MARK: Members

    /// The computers in a collection now, by ResourceID. Read on the collection reads them.
    public func collectionMembers(_ collectionID: String, for caller: Caller) throws -> [CollectionMember] {
        try read(caller) { db in
            let row = try readableCollectionRow(collectionID, for: caller, in: db)
            return try CollectionMemberRow.fetchAllNamed(db, collectionID: row.collectionID).map { member, name in
                CollectionMember(resourceID: UInt32(clamping: member.resourceID), name: name, isDirect: member.isDirect)
            }
        }
    }

    /// The collections a computer is a member of, and their ancestors (which a deployment with
    /// "include sub-collections" reaches it through), as far as the caller may read them; each
    /// once, members first, then ancestors nearest first.
    public func collectionsContaining(computer resourceID: UInt32, for caller: Caller) throws -> [ContainingCollection] {
        try read(caller) { db in
            _ = try readableComputerRow(resourceID, for: caller, in: db)
            return try collectionsContaining(computer: resourceID, in: db).filter { try canRead(.collection($0.collectionID), for: caller, in: db) }
        }
    }

    /// Every collection holding `resourceID`, whoever asks (for the planner and deployments,
    /// which act on what the site would do, not on what one caller sees).
    func collectionsContaining(computer resourceID: UInt32, in db: StoreDatabase) throws -> [ContainingCollection] {
        let direct = try CollectionMemberRow.collectionIDs(db, containing: Int64(resourceID))
        var seen = Set(direct)
        var result: [ContainingCollection] = []
        var ancestors: [ContainingCollection] = []
        for collectionID in direct {
            guard let row = try CollectionRow.fetchOne(db, collectionID: collectionID) else { continue }
            result.append(ContainingCollection(collectionID: collectionID, name: row.name, throughSubCollection: nil))
            for ancestor in try CollectionRow.ancestry(db, of: collectionID).dropFirst() where seen.insert(ancestor).inserted {
                guard let ancestorRow = try CollectionRow.fetchOne(db, collectionID: ancestor) else { continue }
                ancestors.append(ContainingCollection(collectionID: ancestor, name: ancestorRow.name, throughSubCollection: collectionID))
            }
        }
        return result + ancestors
    }

    // MARK: Helpers

    func collectionRow(_ collectionID: String, in db: StoreDatabase) throws -> CollectionRow {
        guard let stored = try CollectionRow.storedID(db, collectionID), let row = try CollectionRow.fetchOne(db, collectionID: stored) else {
            throw ProviderError.notFound(object: ObjectReference.collection(collectionID).relativePath)
        }
        return row
    }

    /// The collection (its ID in any case), when the caller may read it; `notFound` otherwise.
    func readableCollectionRow(_ collectionID: String, for caller: Caller, in db: StoreDatabase) throws -> CollectionRow {
        let stored = try CollectionRow.storedID(db, collectionID) ?? collectionID
        try require(.read, on: .collection(stored), for: caller, in: db)
        return try collectionRow(stored, in: db)
    }

    private func collectionInfo(_ row: CollectionRow, in db: StoreDatabase) throws -> CollectionInfo {
        CollectionInfo(
            collectionID: row.collectionID, name: row.name, comment: row.comment, parentCollectionID: row.parentCollectionID,
            memberCount: try CollectionMemberRow.count(db, collectionID: row.collectionID), lastChangeTime: row.lastChangeTime)
    }

    /// Marks a collection's rules as changed and evaluates it again.
    private func touch(_ row: CollectionRow, db: StoreDatabase, events: inout [ChangeRecord]) throws {
        var row = row
        row.lastChangeTime = configuration.now()
        try row.update(db)
        let membersChanged = try evaluateMembers(of: row.collectionID, in: db)
        events.append(ChangeRecord(kind: .modified, className: ClassName.collection, object: .collection(row.collectionID),
                                  changedProperties: ["CollectionRules", "LastChangeTime"] + (membersChanged ? Self.memberProperties : [])))
    }

    private static func collectionName(_ name: String) throws -> String {
        let trimmed = name.trimmingWhitespace
        guard !trimmed.isEmpty else { throw ProviderError.validationFailed(property: "Name", rule: "a collection needs a name") }
        guard trimmed.count <= 255 else { throw ProviderError.validationFailed(property: "Name", rule: "a collection name holds at most 255 characters") }
        return trimmed
    }

    private func requireFreeCollectionName(_ name: String, except collectionID: String?, in db: StoreDatabase) throws {
        if let other = try CollectionRow.fetchOne(db, name: name), other.collectionID != collectionID {
            throw ProviderError.invalidArgument(name: "Name", problem: "a collection named \(other.name) already exists")
        }
    }
}
