import DBusKit
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The security suite's daemon and what its setup put in it: packages P1–P3, the SMS_Package
/// S1, the test principals' rights, and the model that says what each principal may do.
///
/// The daemon runs with a config file (`admins = @tspm-admins`, site code `QZX`, so every
/// PackageID is a distinctive `QZX…` that a leak check can search for).
final class SecurityWorld: Sendable {
    static let siteCode = "QZX"
    /// A well-formed PackageID no object ever gets: the "missing" twin of every hidden object.
    static let missingPackageID = "QZXEEEEE"
    /// The config file's admins.
    static let admins = ["@" + TestPrincipals.adminGroup]

    let daemon: ProviderDaemon
    let p1: FixturePackage
    let p2: FixturePackage
    let p3: FixturePackage
    let s1: FixtureSMSPackage
    /// Every permission entry after setup (the grants below plus the creator entries the
    /// daemon added), with its path.
    let entries: [StoredPermission]
    /// The rules applied to ``entries``.
    let model: AccessModel
    /// Where setup found the daemon not doing what the contract says (CreateInstance results,
    /// auto-added Read, creator entries); a test reports them.
    let setupProblems: [String]
    private let configDirectory: TemporaryDirectory

    var packages: [FixturePackage] { [p1, p2, p3] }
    var client: ProviderClient { ProviderClient(daemon.client) }

    /// The grants setup makes, as given (before Read is added to Modify/Delete).
    static func intendedGrants(p1: String, p2: String, s1: String) -> [PermissionGrant] {
        let tsKey = ObjectKey.taskSequencePackage
        return [
            PermissionGrant(principal: TestPrincipals.classReader.name, objectKey: tsKey, instanceKey: nil, rights: .read),
            PermissionGrant(principal: TestPrincipals.creator.name, objectKey: tsKey, instanceKey: nil, rights: .create),
            PermissionGrant(principal: TestPrincipals.classAdmin.name, objectKey: tsKey, instanceKey: nil, rights: .administer),
            PermissionGrant(principal: TestPrincipals.reader.name, objectKey: tsKey, instanceKey: p1, rights: .read),
            PermissionGrant(principal: TestPrincipals.reader.name, objectKey: ObjectKey.smsPackage, instanceKey: s1, rights: .read),
            PermissionGrant(principal: TestPrincipals.editor.name, objectKey: tsKey, instanceKey: p1, rights: .modify),
            PermissionGrant(principal: "@" + TestPrincipals.deployGroup, objectKey: tsKey, instanceKey: p2, rights: .read),
            PermissionGrant(principal: TestPrincipals.delegate.name, objectKey: tsKey, instanceKey: p1, rights: [.read, .modify, .delegate]),
        ]
    }

    /// Starts the daemon with the config file and sets the fixture up as root.
    static func start() async throws -> SecurityWorld {
        try UnixAccounts.ensureAll()
        let configDirectory = try TemporaryDirectory()
        let configPath = configDirectory.path + "/tsproviderd.conf"
        try writeTextFile(configPath, """
            # The security matrix's daemon: a group of admins, a site code of its own.
            site-code = \(siteCode)
            admins = \(admins.joined(separator: ", "))

            """)
        let daemon = try await ProviderDaemon.start(extraArguments: ["--config", configPath])
        do {
            return try SecurityWorld(daemon: daemon, configDirectory: configDirectory)
        } catch {
            daemon.shutdown()
            throw error
        }
    }

    private init(daemon: ProviderDaemon, configDirectory: TemporaryDirectory) throws {
        self.daemon = daemon
        self.configDirectory = configDirectory
        let client = ProviderClient(daemon.client)
        p1 = try client.importFixturePackage(
            label: "P1", xml: SecurityFixtureContent.text(ofFixture: SecurityFixtureContent.chassisQueries),
            name: "Matrix P1 chassis", description: "Matrix P1 description")
        p2 = try client.importFixturePackage(
            label: "P2", xml: SecurityFixtureContent.runAsUser, name: "Matrix P2 run as user", description: "Matrix P2 description")
        p3 = try client.importFixturePackage(
            label: "P3", xml: SecurityFixtureContent.text(ofFixture: SecurityFixtureContent.bitLocker),
            name: "Matrix P3 hidden", description: "Matrix P3 description nobody reads")
        s1 = FixtureSMSPackage(id: try client.createSMSPackage(named: "Matrix S1 boot image"), name: "Matrix S1 boot image")

        var problems: [String] = []
        let intended = Self.intendedGrants(p1: p1.id, p2: p2.id, s1: s1.id)
        var returnedPaths: [PermissionGrant: String] = [:]
        for grant in intended {
            let path: ObjectPath
            if let instance = grant.instanceKey {
                path = try client.grantInstanceRights(grant.principal, objectKey: grant.objectKey, instance: instance, rights: grant.rights)
            } else {
                path = try client.grantClassRights(grant.principal, objectKey: grant.objectKey, rights: grant.rights)
            }
            returnedPaths[grant] = path.rawValue
        }
        let stored = try client.storedPermissions()
        for grant in intended {
            let expected = PermissionGrant(principal: grant.principal, objectKey: grant.objectKey, instanceKey: grant.instanceKey, rights: grant.rights.withImpliedRead)
            let found = stored.filter { $0.grant.principal == grant.principal && $0.grant.objectKey == grant.objectKey && $0.grant.instanceKey == grant.instanceKey }
            if found.map(\.grant) != [expected] {
                problems.append("root granted \(grant); the store then held \(found) instead of exactly \(expected)")
            }
            if let entry = found.first, entry.path != returnedPaths[grant] {
                problems.append("CreateInstance for \(grant) returned \(returnedPaths[grant] ?? "nothing"), the entry is at \(entry.path)")
            }
        }
        for package in [p1, p2, p3] {
            let creator = PermissionGrant(principal: "root", objectKey: ObjectKey.taskSequencePackage, instanceKey: package.id, rights: [.read, .modify, .delete])
            if !stored.contains(where: { $0.grant == creator }) {
                problems.append("root imported \(package.label) (\(package.id)) but holds no creator entry \(creator)")
            }
        }
        let explained = stored.filter { entry in
            intended.contains { $0.principal == entry.grant.principal && $0.objectKey == entry.grant.objectKey && $0.instanceKey == entry.grant.instanceKey }
                || entry.grant.principal == "root"
        }
        if explained.count != stored.count {
            problems.append("entries nobody granted: \(Set(stored).subtracting(explained))")
        }
        entries = stored
        model = AccessModel(admins: Self.admins, grants: stored.map(\.grant))
        setupProblems = problems
    }

    /// Stops the daemon and removes its bus and directories.
    func shutdown() {
        daemon.shutdown()
    }

    // MARK: Back to the fixture

    /// Removes what tests added — packages, SMS_Packages, permission entries — and puts back
    /// fixture entries that were changed, so each test starts from the same state.
    func restoreFixture() throws {
        let client = self.client
        let (packages, smsPackages) = try client.allPackageIDs()
        for id in packages.subtracting(self.packages.map(\.id)) {
            try client.delete(Provider.packagePath(id), interface: Provider.packageInterface)
        }
        for id in smsPackages.subtracting([s1.id]) {
            try client.delete(Provider.smsPackagePath(id), interface: Provider.smsPackageInterface)
        }
        let fixturePaths = Set(entries.map(\.path))
        for entry in try client.storedPermissions() where !fixturePaths.contains(entry.path) {
            let interface = entry.grant.isClassGrant ? Provider.classPermissionsInterface : Provider.instancePermissionsInterface
            try client.delete(entry.path, interface: interface)
        }
        let present = Set(try client.storedPermissions())
        for entry in entries where !present.contains(entry) {
            // CreateInstance of an existing entry replaces its rights at the same path.
            if let instance = entry.grant.instanceKey {
                try client.grantInstanceRights(entry.grant.principal, objectKey: entry.grant.objectKey, instance: instance, rights: entry.grant.rights)
            } else {
                try client.grantClassRights(entry.grant.principal, objectKey: entry.grant.objectKey, rights: entry.grant.rights)
            }
        }
        let restored = Set(try client.storedPermissions())
        guard restored == Set(entries) else {
            throw DBusError.failed("could not restore the fixture's permission entries: \(restored.symmetricDifference(entries))")
        }
    }
}
