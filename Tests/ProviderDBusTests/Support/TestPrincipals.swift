import DBusKit
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A Unix user the security tests run clients as: its name and the supplementary groups the
/// suite puts it in. `root` is the one principal that is not created.
struct TestPrincipal: Hashable, Sendable, CustomStringConvertible {
    let name: String
    let groups: [String]

    init(_ name: String, groups: [String] = []) {
        self.name = name
        self.groups = groups
    }

    var isRoot: Bool { name == "root" }

    /// The names rights can be granted to for this user: the user and each group as `@group`.
    var principalNames: Set<String> { Set([name] + groups.map { "@" + $0 }) }

    var description: String { name }
}

/// The users and groups of the security matrix, each with the role its name says. Rights are
/// granted by the suite's setup (see ``SecurityWorld``); only group membership lives here.
enum TestPrincipals {
    static let root = TestPrincipal("root")
    /// No rights at all.
    static let none = TestPrincipal("tspm-none")
    /// Instance Read on P1 and on the SMS_Package S1.
    static let reader = TestPrincipal("tspm-reader")
    /// Instance Modify on P1 (Read added by the rules).
    static let editor = TestPrincipal("tspm-editor")
    /// Class Read on task sequence packages.
    static let classReader = TestPrincipal("tspm-classread")
    /// Class Create on task sequence packages.
    static let creator = TestPrincipal("tspm-creator")
    /// In `tspm-deploy`, which has instance Read on P2.
    static let member = TestPrincipal("tspm-member", groups: [deployGroup])
    /// In `tspm-admins`, which the config file lists as `admins = @tspm-admins`.
    static let admin = TestPrincipal("tspm-admin", groups: [adminGroup])
    /// Class Administer on task sequence packages.
    static let classAdmin = TestPrincipal("tspm-classadmin")
    /// Instance Read|Modify|Delegate on P1.
    static let delegate = TestPrincipal("tspm-delegate")
    /// Receives grants in the mutation tests; not part of the read matrix.
    static let grantee = TestPrincipal("tspm-grantee")

    static let deployGroup = "tspm-deploy"
    static let adminGroup = "tspm-admins"

    /// Everyone the read matrix and the signal tests run as.
    static let matrix: [TestPrincipal] = [root, none, reader, editor, classReader, creator, member, admin, classAdmin, delegate]
    /// Every user the suite needs to exist.
    static let unixUsers: [TestPrincipal] = matrix.filter { !$0.isRoot } + [grantee]
}

/// The suite's Unix users and groups (created when missing through TestSupport's
/// ``SystemPrincipals``: `useradd -M -r`, `groupadd -r`, `usermod -a -G`), and how to run a
/// program as one of them. The bus only admits users it can look up, so made-up uids would not
/// do.
enum UnixAccounts {
    /// A user's ids.
    struct Identity: Sendable, Hashable {
        let uid: uid_t
        let gid: gid_t
    }

    private static let known = Mutex<[String: Identity]>([:])

    /// Makes sure every group and user of ``TestPrincipals/unixUsers`` exists, with its groups.
    static func ensureAll() throws {
        for principal in TestPrincipals.unixUsers {
            _ = try identity(of: principal)
        }
    }

    /// The uid and primary gid of `principal`, creating the user (and its memberships) first
    /// when needed.
    static func identity(of principal: TestPrincipal) throws -> Identity {
        if principal.isRoot { return Identity(uid: 0, gid: 0) }
        if let cached = known.withLock({ $0[principal.name] }) { return cached }
        let ids = try SystemPrincipals.user(principal.name, groups: principal.groups)
        for group in principal.groups where !isMember(principal.name, of: group) {
            throw DBusError.failed("\(principal.name) is not in \(group) after creating it")
        }
        let found = Identity(uid: ids.uid, gid: ids.gid)
        known.withLock { $0[principal.name] = found }
        return found
    }

    /// `setpriv` arguments that run the following executable as `principal` with its groups.
    static func runAsArguments(_ principal: TestPrincipal) throws -> [String] {
        let identity = try identity(of: principal)
        return ["--reuid=\(identity.uid)", "--regid=\(identity.gid)", "--init-groups"]
    }

    private static func isMember(_ user: String, of group: String) -> Bool {
        guard let entry = getgrnam(group), var member = entry.pointee.gr_mem else { return false }
        while let name = member.pointee {
            if String(cString: name) == user { return true }
            member = member.advanced(by: 1)
        }
        return false
    }
}
