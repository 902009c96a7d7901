import DBusKit
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Real Unix users and groups for tests that grant rights: the provider grants only to
/// principals the system knows, and the bus admits only users it can look up.
///
/// Each is created once (`useradd -M -r`, `groupadd -r`) when missing and kept: creating them
/// needs root, which CI has; elsewhere ``available`` says why tests cannot run.
public enum SystemPrincipals {
    private static let creation = Mutex<Void>(())

    /// Why principals cannot be created here, or `nil` when they can.
    public static var unavailableReason: String? {
        getuid() == 0 ? nil : "creating Unix users and groups needs root (useradd/groupadd)"
    }

    /// The user `name` (created if missing, its own group as primary group, member of `groups`,
    /// which are created too): its uid and primary gid.
    @discardableResult
    public static func user(_ name: String, groups: [String] = []) throws -> (uid: UInt32, gid: UInt32) {
        for group in groups { try self.group(group) }
        return try creation.withLock { _ in
            if lookUpUser(name) == nil {
                var arguments = ["-M", "-r", "-U"]
                if !groups.isEmpty { arguments += ["-G", groups.joined(separator: ",")] }
                let run = try runTool("/usr/sbin/useradd", arguments + [name])
                guard lookUpUser(name) != nil else { throw DBusError.failed("cannot create the test user \(name): \(run)") }
            } else if !groups.isEmpty {
                // Created by an earlier run, perhaps with other groups: add the ones asked for.
                _ = try runTool("/usr/sbin/usermod", ["-a", "-G", groups.joined(separator: ","), name])
            }
            guard let found = lookUpUser(name) else { throw DBusError.failed("test user \(name) vanished") }
            return found
        }
    }

    /// The group `name` (created if missing): its gid.
    @discardableResult
    public static func group(_ name: String) throws -> UInt32 {
        try creation.withLock { _ in
            if let gid = lookUpGroup(name) { return gid }
            let run = try runTool("/usr/sbin/groupadd", ["-r", name])
            // A parallel test run may have created it meanwhile: the lookup decides.
            guard let gid = lookUpGroup(name) else { throw DBusError.failed("cannot create the test group \(name): \(run)") }
            return gid
        }
    }

    private static func lookUpUser(_ name: String) -> (uid: UInt32, gid: UInt32)? {
        guard let entry = getpwnam(name) else { return nil }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private static func lookUpGroup(_ name: String) -> UInt32? {
        getgrnam(name).map { $0.pointee.gr_gid }
    }
}
