import GRDB

/// Decides what a caller may do. Every entry point of ``ProviderService`` asks it.
public protocol AccessPolicy: Sendable {
    /// Throws ``ProviderError/accessDenied(right:object:)`` when the caller may not use the
    /// provider at all.
    func admit(_ caller: Caller) throws

    /// The rights `caller` holds on `object` (for `.class` references: class rights).
    func rights(of caller: Caller, on object: ObjectReference, in db: Database) throws -> Rights

    /// The rights `caller` holds on `object` when the policy can tell without the store, or
    /// `nil` to have ``rights(of:on:in:)`` decide. Lets hot reads be served from memory.
    func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights?
}

extension AccessPolicy {
    /// By default every decision needs the store.
    public func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights? { nil }
}

/// The fail-closed policy: superusers hold every right, everyone else is turned away.
///
/// Superusers are uid 0, the daemon's own uid, and any uid listed in the configuration.
public struct SuperuserOnlyPolicy: AccessPolicy {
    public let superuserIDs: Set<UInt32>

    public init(superuserIDs: Set<UInt32>) {
        self.superuserIDs = superuserIDs.union([0])
    }

    public func admit(_ caller: Caller) throws {
        guard superuserIDs.contains(caller.uid) else {
            throw ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")
        }
    }

    public func rights(of caller: Caller, on object: ObjectReference, in db: Database) throws -> Rights {
        superuserIDs.contains(caller.uid) ? .all : []
    }

    public func rightsWithoutStore(of caller: Caller, on object: ObjectReference) -> Rights? {
        superuserIDs.contains(caller.uid) ? .all : []
    }
}
