import DBusKit
import ProviderCore
import Synchronization

/// Turns the bus daemon's word about a caller (uid, groups) into a ``Caller`` with user and
/// group names, which permissions and audit records use. Names are looked up once per id.
final class CallerIdentity: Sendable {
    /// Names by uid and by gid: a uid's groups can differ between its connections, so group
    /// names are cached per gid, not per user.
    private let names = Mutex<(users: [UInt32: String], groups: [UInt32: String])>(([:], [:]))
    /// The caller last made, the credentials it was made from and the peer that had them: a
    /// peer's calls come one after another, and comparing the peer (or else the credentials)
    /// costs less than asking for the credentials and building the caller's names and groups
    /// again. Only credentials with their groups: without them the group database is asked on
    /// every call, as before.
    private let last = Mutex<(peer: CallerPeer?, credentials: CallerCredentials, caller: Caller)?>(nil)

    /// The caller behind a call. A broadcast has no caller and is refused.
    func caller(for context: CallerContext) throws -> Caller {
        // Compared in place, under the lock: binding the last entry would copy all of it.
        let peer = context.peer
        if let peer, let caller = last.withLock({ last in last?.peer == peer ? last?.caller : nil }) { return caller }
        let credentials = try context.credentials()
        guard !credentials.groupIDs.isEmpty else { return makeCaller(credentials) }
        let known = last.withLock { last -> Caller? in
            guard last?.credentials == credentials else { return nil }
            last?.peer = peer
            return last?.caller
        }
        if let known { return known }
        let caller = makeCaller(credentials)
        last.withLock { $0 = (peer, credentials, caller) }
        return caller
    }

    private func makeCaller(_ credentials: CallerCredentials) -> Caller {
        let user = userName(credentials.uid)
        // A bus that does not report UnixGroupIDs leaves the group database to say.
        let groups = credentials.groupIDs.isEmpty
            ? UserDatabase.primaryGroup(of: credentials.uid).map { UserDatabase.groupIDs(ofUser: user, primaryGroup: $0) } ?? []
            : credentials.groupIDs
        return Caller(uid: credentials.uid, groupIDs: groups, pid: credentials.processID,
                      userName: user, groupNames: groups.map(groupName))
    }

    private func userName(_ uid: UInt32) -> String {
        if let name = names.withLock({ $0.users[uid] }) { return name }
        let name = UserDatabase.userName(uid)
        names.withLock { $0.users[uid] = name }
        return name
    }

    private func groupName(_ gid: UInt32) -> String {
        if let name = names.withLock({ $0.groups[gid] }) { return name }
        let name = UserDatabase.groupName(gid)
        names.withLock { $0.groups[gid] = name }
        return name
    }
}
