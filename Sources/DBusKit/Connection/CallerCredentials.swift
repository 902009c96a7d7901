/// Who a peer is, as the bus daemon reports it (`GetConnectionCredentials`), never as the peer
/// claims.
public struct CallerCredentials: Hashable, Sendable {
    /// The peer's unique bus name, e.g. `:1.42`.
    public let uniqueName: String
    /// The Unix user id.
    public let uid: UInt32
    /// The Unix group ids (primary and supplementary), when the bus reports them.
    public let groupIDs: [UInt32]
    /// The process id, when the bus reports it.
    public let processID: UInt32?

    /// Credentials as given; for tests and for services that learn identities elsewhere.
    public init(uniqueName: String, uid: UInt32, groupIDs: [UInt32] = [], processID: UInt32? = nil) {
        self.uniqueName = uniqueName
        self.uid = uid
        self.groupIDs = groupIDs
        self.processID = processID
    }

    /// Parses the `a{sv}` reply of `GetConnectionCredentials`.
    init(uniqueName: String, reply: [DBusValue]) throws {
        guard let entries = reply.first?.stringKeyedEntries else {
            throw DBusError.failed("GetConnectionCredentials returned \(reply.first?.type.signature ?? "nothing"), expected a{sv}")
        }
        guard case .uint32(let uid)? = entries["UnixUserID"] else {
            throw DBusError.failed("the bus reported no Unix user id for \(uniqueName)")
        }
        var groups: [UInt32] = []
        if case .array(.uint32, let values)? = entries["UnixGroupIDs"] {
            groups = values.compactMap { if case .uint32(let gid) = $0 { gid } else { nil } }
        }
        var pid: UInt32?
        if case .uint32(let value)? = entries["ProcessID"] { pid = value }
        self.init(uniqueName: uniqueName, uid: uid, groupIDs: groups, processID: pid)
    }
}
