/// The principals that hold every right whatever the permission entries say: uid 0, the
/// daemon's own uid, and the `admins` users and `@group`s of the configuration.
public struct Superusers: Sendable, Hashable {
    public var uids: Set<UInt32>
    public var userNames: Set<String>
    public var groupNames: Set<String>

    /// Superusers by uid and by name; uid 0 always is one.
    public init(uids: Set<UInt32> = [], userNames: Set<String> = [], groupNames: Set<String> = []) {
        self.uids = uids.union([0])
        self.userNames = userNames
        self.groupNames = groupNames
    }

    /// Superusers from a configured `admins` list (`alice`, `@osd-admins`) and the uids given.
    public init(admins: [String], uids: Set<UInt32>) {
        self.init(
            uids: uids,
            userNames: Set(admins.filter { !$0.hasPrefix("@") }),
            groupNames: Set(admins.filter { $0.hasPrefix("@") }.map { String($0.dropFirst()) })
        )
    }

    /// Whether `caller` is one of them, by uid, user name or any of its groups.
    public func contains(_ caller: Caller) -> Bool {
        uids.contains(caller.uid) || userNames.contains(caller.userName) || caller.groupNames.contains(where: groupNames.contains)
    }
}
