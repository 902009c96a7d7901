#if canImport(Glibc)
import Glibc
#endif

/// The system's user and group database (NSS), for naming callers and resolving configured
/// principals. Thread-safe: only the reentrant `_r` calls are used.
public enum UserDatabase {
    /// The name of user `uid`, or the number as text when the system does not know it.
    public static func userName(_ uid: UInt32) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return String(uid)
        }
        return String(cString: name)
    }

    /// The name of group `gid`, or the number as text when the system does not know it.
    public static func groupName(_ gid: UInt32) -> String {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 8192)
        guard getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.gr_name else {
            return String(gid)
        }
        return String(cString: name)
    }

    /// The uid of user `name`, or `nil` when there is no such user.
    public static func uid(ofUser name: String) -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.pw_uid
    }

    /// Whether the system knows group `name`.
    public static func groupExists(_ name: String) -> Bool {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 8192)
        return getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0 && result != nil
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

    /// The primary group of user `uid`, or `nil` when the system does not know the user.
    public static func primaryGroup(of uid: UInt32) -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.pw_gid
    }
}
