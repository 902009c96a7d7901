#if canImport(Glibc)
import Glibc
#endif

/// The system's user and group database (NSS), for naming callers and resolving configured
/// principals. Thread-safe: only the reentrant `_r` calls are used.
public enum UserDatabase {
    /// The name of user `uid`, or the number as text when the system does not know it.
    public static func userName(_ uid: UInt32) -> String {
        user({ getpwuid_r(uid, &$0, &$1, $1.count, &$2) }, read: { $0.pw_name.map { String(cString: $0) } }) ?? String(uid)
    }

    /// The uid of user `name`, or `nil` when there is no such user.
    public static func uid(ofUser name: String) -> UInt32? {
        user({ getpwnam_r(name, &$0, &$1, $1.count, &$2) }, read: \.pw_uid)
    }

    /// The primary group of user `uid`, or `nil` when the system does not know the user.
    public static func primaryGroup(of uid: UInt32) -> UInt32? {
        user({ getpwuid_r(uid, &$0, &$1, $1.count, &$2) }, read: \.pw_gid)
    }

    /// The name of group `gid`, or the number as text when the system does not know it.
    public static func groupName(_ gid: UInt32) -> String {
        group({ getgrgid_r(gid, &$0, &$1, $1.count, &$2) }, read: { $0.gr_name.map { String(cString: $0) } }) ?? String(gid)
    }

    /// Whether the system knows group `name`.
    public static func groupExists(_ name: String) -> Bool {
        group({ getgrnam_r(name, &$0, &$1, $1.count, &$2) }, read: { _ in true }) ?? false
    }

    /// Whether principal `name` names a user, or `@group` a group, the system knows.
    @Sendable public static func knows(principal name: String) -> Bool {
        name.hasPrefix("@") ? groupExists(String(name.dropFirst())) : uid(ofUser: name) != nil
    }

    /// The groups user `name` belongs to, its primary group `gid` first, from the group
    /// database: for callers whose groups the bus did not report.
    public static func groupIDs(ofUser name: String, primaryGroup gid: UInt32) -> [UInt32] {
        var count: Int32 = 64
        while count <= 65_536 {
            var groups = [gid_t](repeating: 0, count: Int(count))
            var found = count
            if getgrouplist(name, gid, &groups, &found) >= 0 {
                return Array(groups.prefix(Int(found)))
            }
            count = max(found, count * 2)
        }
        return [gid]
    }

    // MARK: Lookups

    /// What `read` takes from the passwd entry `lookUp` finds (`getpwuid_r`/`getpwnam_r` on the
    /// entry, buffer and result); `nil` when there is none. The entry's strings live in the
    /// buffer, so `read` runs while it does.
    private static func user<T>(_ lookUp: (inout passwd, inout [CChar], inout UnsafeMutablePointer<passwd>?) -> Int32, read: (passwd) -> T?) -> T? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard lookUp(&entry, &buffer, &result) == 0, result != nil else { return nil }
        return read(entry)
    }

    /// What `read` takes from the group entry `lookUp` finds (`getgrgid_r`/`getgrnam_r`), as
    /// ``user(_:read:)`` does for users.
    private static func group<T>(_ lookUp: (inout group, inout [CChar], inout UnsafeMutablePointer<group>?) -> Int32, read: (group) -> T?) -> T? {
        var entry = Glibc.group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 8192)
        guard lookUp(&entry, &buffer, &result) == 0, result != nil else { return nil }
        return read(entry)
    }
}
