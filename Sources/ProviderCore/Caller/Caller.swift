/// Who is asking: the identity the bus daemon vouches for, never what a caller claims.
public struct Caller: Sendable, Hashable {
    public var uid: UInt32
    /// Primary and supplementary group IDs.
    public var groupIDs: [UInt32]
    public var pid: UInt32?
    /// The user name for audit and permission lookups (`uid` as text when the user is unknown).
    public var userName: String
    /// Group names, for `@group` principals.
    public var groupNames: [String]

    public init(uid: UInt32, groupIDs: [UInt32] = [], pid: UInt32? = nil, userName: String, groupNames: [String] = []) {
        self.uid = uid
        self.groupIDs = groupIDs
        self.pid = pid
        self.userName = userName
        self.groupNames = groupNames
    }

    /// The principals the caller acts as, for rights: the user name, then each group as `@group`.
    public var principals: [String] {
        [userName] + groupNames.map { "@" + $0 }
    }

    /// The daemon acting for itself (start-up work, tests without a bus).
    public static let system = Caller(uid: 0, groupIDs: [0], userName: "root", groupNames: ["root"])
}
