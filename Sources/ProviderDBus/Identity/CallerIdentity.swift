import DBusKit
import Glibc
import ProviderCore
import Synchronization

/// Turns the bus daemon's word about a caller (uid, groups) into a ``Caller`` with user and
/// group names, which permissions and audit records use. Names are looked up once per uid.
final class CallerIdentity: Sendable {
    private let names = Mutex<[UInt32: (user: String, groups: [String])]>([:])

    /// The caller behind a call. A broadcast has no caller and is refused.
    func caller(for context: CallerContext) throws -> Caller {
        let credentials = try context.credentials()
        let cached = names.withLock { $0[credentials.uid] }
        let resolved = cached ?? {
            let user = Self.userName(credentials.uid)
            let groups = credentials.groupIDs.map(Self.groupName)
            names.withLock { $0[credentials.uid] = (user, groups) }
            return (user, groups)
        }()
        return Caller(uid: credentials.uid, groupIDs: credentials.groupIDs, pid: credentials.processID,
                      userName: resolved.0, groupNames: resolved.1)
    }

    static func userName(_ uid: UInt32) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return String(uid)
        }
        return String(cString: name)
    }

    static func groupName(_ gid: UInt32) -> String {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 8192)
        guard getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.gr_name else {
            return String(gid)
        }
        return String(cString: name)
    }
}
