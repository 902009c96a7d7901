import Dispatch

extension ObjectServer {
    /// Room left in a reply for its header (serial, destination, signature, sender): generous,
    /// since the header holds a few short fields.
    static let replyHeaderAllowance = 1_024
    /// How many objects a `GetManagedObjects` walk builds between checks that its caller is
    /// still on the bus.
    static let departureCheckInterval = 256
    /// A reply without values this many times smaller than the limit may fit with its values.
    static let valueRoomFactor = 8

    func handleObjectManager(
        _ message: DBusMessage, path: ObjectPath, member: String, signature: String, caller: CallerContext
    ) throws {
        guard isObjectManager(path) else {
            throw DBusError.unknownInterface("the object at \(path) is not an object manager")
        }
        // A manager by rule exists only where its object does for this caller.
        if !isRegisteredObjectManager(path), try object(at: path, for: caller) == nil {
            throw DBusError.unknownObject("no object at \(path)")
        }
        guard member == "GetManagedObjects" else {
            throw DBusError.unknownMethod("interface \(StandardInterfaceName.objectManager) has no method \(member)")
        }
        try Self.requireSignature("", signature, of: DBusInterfaceInfo.objectManager.methods[0], in: StandardInterfaceName.objectManager)
        // Departures are watched from now on, so a caller leaving mid-walk is noticed.
        connection.core.watchDisconnects()
        // Told before building, so no change made while the reply is built goes unsignalled.
        hooks.withLock { $0.managedObjectsObserver }?(path, caller)
        // Built off the loop thread: the loop keeps serving, and sees the caller leave.
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                let reply = try self.managedObjects(under: path, for: caller, limit: self.maximumReplySize)
                self.sendReply([reply], replyingTo: message)
            } catch {
                self.sendError(error, replyingTo: message)
            }
        }
    }

    /// `GetManagedObjects` for the manager at `root` as `caller` sees it: every object below
    /// `root` reachable through registrations and enumerators, with its interfaces and
    /// readable properties — except what lies below a nested object manager (the nested
    /// manager's own object is included).
    ///
    /// When that would be larger than `limit`, the same objects are reported with their
    /// interfaces but without property values (empty dictionaries; a client reads them with
    /// `Properties.GetAll`), so a generic client still learns every object; only when that too
    /// is larger is the answer `LimitsExceeded`.
    ///
    /// - Parameter limit: the largest reply, in bytes (header included), the walk may build;
    ///   `nil` for none.
    /// - Throws: ``DBusError/limitsExceeded(_:)`` as soon as even the reply without values passes
    ///   `limit`, naming the size reached and what to call instead;
    ///   ``DBusError/disconnected(_:)`` when the caller left the bus meanwhile; what resolvers
    ///   and enumerators throw.
    public func managedObjects(under root: ObjectPath, for caller: CallerContext, limit: Int? = nil) throws -> DBusValue {
        // A manager whose values did not fit last time is walked without them first (no
        // wasted walk), until its reply shrinks well below the limit again.
        let valuesDidNotFit = limit != nil && hooks.withLock { $0.managersTooLargeForValues.contains(root) }
        do {
            if !valuesDidNotFit {
                return try walkManagedObjects(under: root, for: caller, limit: limit, withValues: true)
            }
        } catch is ReplyTooLarge {
            hooks.withLock { _ = $0.managersTooLargeForValues.insert(root) }
        }
        do {
            let bare = try walkManagedObjects(under: root, for: caller, limit: limit, withValues: false)
            if let limit, DBusValue.marshalledSize(of: [bare]) * Self.valueRoomFactor < limit {
                hooks.withLock { _ = $0.managersTooLargeForValues.remove(root) }
            }
            return bare
        } catch let tooLarge as ReplyTooLarge {
            throw DBusError.limitsExceeded(oversizeMessage(
                path: root, interface: StandardInterfaceName.objectManager, member: "GetManagedObjects",
                size: "more than \(tooLarge.reached)", limit: tooLarge.limit,
                note: "even without property values; building it stopped there"))
        }
    }

    /// A walk passed its size limit.
    private struct ReplyTooLarge: Error {
        let reached: Int
        let limit: Int
    }

    private func walkManagedObjects(
        under root: ObjectPath, for caller: CallerContext, limit: Int?, withValues: Bool
    ) throws -> DBusValue {
        var entries: [DBusDictionaryEntry] = []
        // The reply's body is this one array; its size is tracked entry by entry.
        var size = DBusValue.align(4, to: 8)
        let budget = limit.map { $0 - Self.replyHeaderAllowance }
        func add(_ path: ObjectPath, _ object: DBusObject) throws {
            let interfaces = withValues
                ? try Self.interfacesAndProperties(of: object, for: caller)
                : .dictionary(key: .string, value: .dictionary(key: .string, value: .variant), object.interfaces.map {
                    DBusDictionaryEntry(key: .string($0.name), value: .dictionary(key: .string, value: .variant, []))
                })
            let entry = DBusDictionaryEntry(key: .objectPath(path), value: interfaces)
            size = entry.marshalledEnd(from: size)
            if let budget, let limit, size > budget { throw ReplyTooLarge(reached: size, limit: limit) }
            entries.append(entry)
            if entries.count.isMultiple(of: Self.departureCheckInterval), let sender = caller.sender, hasLeftBus(sender) {
                throw DBusError.disconnected("\(sender) left the bus; its GetManagedObjects of \(root) was abandoned")
            }
        }
        func visit(_ path: ObjectPath, depth: Int) throws {
            // Object paths cannot nest deeper than a message could carry; stop runaway enumerators.
            guard depth < 128 else {
                throw DBusError.limitsExceeded("the tree below \(root) is deeper than 128 levels")
            }
            func take(_ childPath: ObjectPath, _ object: DBusObject?) throws {
                if let object { try add(childPath, object) }
                // A nested manager reports what is below it.
                if !isObjectManager(childPath) { try visit(childPath, depth: depth + 1) }
            }
            if let batch = try batchedDescendants(of: path, for: caller) {
                // The batch holds everything below `path` this manager reports.
                for (relative, object) in batch {
                    if let object { try add(path.appendingUnchecked(relative), object) }
                }
            } else {
                // Resolved one at a time, so a walk stopped early resolved no more than it used.
                for child in try childNames(of: path, for: caller) {
                    let childPath = path.appendingUnchecked(child)
                    try take(childPath, try object(at: childPath, for: caller))
                }
            }
        }
        try visit(root, depth: 0)
        return .dictionary(
            key: .objectPath, value: .dictionary(key: .string, value: .dictionary(key: .string, value: .variant)), entries)
    }

    /// The objects below `path` when the subtree builds them in one batch; `nil` when it does not.
    private func batchedDescendants(of path: ObjectPath, for caller: CallerContext) throws -> [(name: String, object: DBusObject?)]? {
        let subtree = registry.withLock { registry in registry.subtrees.first { path.isWithin($0.prefix) } }
        guard let batch = try subtree?.resolveDescendants?(path, caller) else { return nil }
        for (name, object) in batch {
            guard !name.isEmpty, name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ ObjectPath.isValidElement(String($0)) }) else {
                throw DBusError.failed("the descendants resolver of \(path) returned '\(name)', which is not a valid relative path")
            }
            do {
                try object?.validate()
            } catch let error as DBusError {
                throw DBusError.failed("the object at \(path.appendingUnchecked(name)) has an invalid interface: \(error.message)")
            }
        }
        return batch
    }

    /// The text of a `LimitsExceeded` answer for a reply that is too large.
    func oversizeMessage(
        path: ObjectPath, interface: String?, member: String, size: String, limit: Int, note: String? = nil
    ) -> String {
        let method = interface.map { "\($0).\(member)" } ?? member
        var text = "the reply to \(method) on \(path) would be \(size) bytes, more than the \(limit) bytes a message on this bus may carry"
        if let note { text += " (\(note))" }
        if let advice = hooks.withLock({ $0.oversizeAdvice })?(path, interface, member) {
            text += "; \(advice)"
        } else if interface == StandardInterfaceName.objectManager {
            text += "; walk the tree with Introspect and GetManagedObjects of the managers below instead"
        }
        return text
    }
}
