import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Rights through the SDK: `check`, and `grant`, `revoke` and `permissions` on the daemon's
/// SMS_UserClassPermissions / SMS_UserInstancePermissions, with real Unix principals (the
/// daemon grants only to users and groups the system knows). The client runs as root, which
/// holds every right; what a granted user then sees is proven with tsctl run as that user
/// (tsctlTests).
@Suite struct PermissionTests {
    static let user = "tsp-alice"
    static let other = "tsp-bob"
    static let group = "@tsp-deploy"

    /// Entries as `USER RIGHTS` or `USER RIGHTS INSTANCE`, for exact comparisons.
    static func summary(_ entries: [PermissionEntry]) -> [String] {
        entries.map { entry in
            let base = "\(entry.userName) \(entry.rights)"
            return entry.instanceKey.map { "\(base) \($0)" } ?? base
        }
    }

    @Test func checkReportsTheRightsTheCallerHolds() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Guarded")
            let check = try client.check([.read, .modify], on: .package(package.id))
            #expect(check.isGranted, "tests run as root, a superuser")
            #expect(check.held == [.read, .modify, .delete, .distribute, .advertise, .modifyResource, .administer, .deleteResource, .create, .readResource, .delegate, .importMachine, .modifyCollectionSetting])
            #expect(check.wanted == [.read, .modify])
            #expect(check.target == package.relativePath)
            let classCheck = try client.check(.create, on: .taskSequencePackages)
            #expect(classCheck.isGranted)
            let data = try JSONEncoder().encode(check)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["Granted"] as? Bool == true)
            #expect((object["HeldNames"] as? [String])?.contains("Read") == true)
        }
    }

    @Test func rightsParseFromNamesAndNumbers() {
        #expect(Rights(parsing: "Read|Modify") == [.read, .modify])
        #expect(Rights(parsing: "read,delete") == [.read, .delete])
        #expect(Rights(parsing: "3") == [.read, .modify])
        #expect(Rights(parsing: "0x400") == .create)
        #expect(Rights(parsing: "Read|Fly") == nil)
        #expect(Rights([.read, .administer]).description == "Read|Administer")
        #expect(Rights(rawValue: 1 | 32).names == ["Read", "32"])
        #expect(PermissionTarget(parsing: "SMS_TaskSequencePackage") == .class("SMS_TaskSequencePackage"))
        #expect(PermissionTarget(parsing: "PS100004") == .package("PS100004"))
        #expect(PermissionTarget.package("PS100004").objectKey == 20)
        #expect(PermissionTarget.package("PS100004").relativePath == #"SMS_TaskSequencePackage.PackageID="PS100004""#)
    }

    @Test func grantReturnsTheEntryAsStored() throws {
        try SystemPrincipals.user(Self.user)
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Shared")
            _ = try client.createPackage(named: "Not shared")

            // Modify needs Read: the daemon adds it, and the entry says so. The PackageID is
            // spelt as the store spells it, whatever the case it was given in.
            let entry = try client.grant(.modify, to: Self.user, on: .package(package.id.lowercased()))
            #expect(entry.scope == .instance && entry.userName == Self.user && entry.objectKey == 20)
            #expect(entry.instanceKey == package.id)
            #expect(entry.rights == [.read, .modify])
            #expect(try client.permissions(of: Self.user) == [entry], "the returned entry is the listed one, object path included")
            // The path the SDK computes from the keys is the one the daemon serves the entry at.
            let served = try client.query("SELECT * FROM SMS_UserInstancePermissions WHERE UserName = '\(Self.user)'")
            #expect(served.map(\.path) == [entry.objectPath])
            #expect(entry.objectPath == "/org/tsprovider/Provider1/SMS_UserInstancePermissions/_320_2f\(package.id)_2ftsp_2dalice")

            // Granting what it holds changes nothing; granting more adds to it.
            #expect(try client.grant(.read, to: Self.user, on: .package(package.id)) == entry)
            #expect(try client.grant(.delete, to: Self.user, on: .package(package.id)).rights == [.read, .modify, .delete])

            // The creator's entry is listed beside it: root made the package.
            #expect(Self.summary(try client.permissions(on: .package(package.id))) == [
                "root Read|Modify|Delete \(package.id)", "\(Self.user) Read|Modify|Delete \(package.id)",
            ])
            #expect(try client.permissions(of: "TSP-ALICE").isEmpty, "user names are compared exactly")
        }
    }

    @Test func revokingReadRevokesEverything() throws {
        try SystemPrincipals.user(Self.user)
        try SystemPrincipals.user(Self.other)
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Shared")
            let target = PermissionTarget.package(package.id)
            try client.grant([.read, .modify, .delete], to: Self.user, on: target)

            #expect(try client.revoke(.modify, from: Self.user, on: target) == [.read, .delete])
            #expect(try client.permissions(of: Self.user).map(\.rights) == [[.read, .delete]])
            // Rights the entry does not hold: nothing changes.
            #expect(try client.revoke(.modify, from: Self.user, on: target) == [.read, .delete])
            // Read goes, so everything goes: the entry is deleted, not left holding nothing.
            #expect(try client.revoke(.read, from: Self.user, on: target) == [])
            #expect(try client.permissions(of: Self.user).isEmpty)

            // The last right going deletes the entry too.
            try client.grant(.delegate, to: Self.user, on: target)
            #expect(try client.permissions(of: Self.user).map(\.rights) == [.delegate])
            #expect(try client.revoke(.delegate, from: Self.user, on: target) == [])
            #expect(try client.permissions(of: Self.user).isEmpty)

            // Someone without an entry there: nothing to take, nothing changes.
            let before = try client.permissions()
            #expect(try client.revoke(.read, from: Self.other, on: target) == [])
            #expect(try client.revoke(.create, from: Self.other, on: .taskSequencePackages) == [])
            #expect(try client.permissions() == before)
        }
    }

    @Test func groupsHoldClassRights() throws {
        try SystemPrincipals.group(String(Self.group.dropFirst()))
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Deployed")
            let classEntry = try client.grant([.read, .create], to: Self.group, on: .taskSequencePackages)
            #expect(classEntry.scope == .class && classEntry.userName == Self.group && classEntry.objectKey == 20)
            #expect(classEntry.instanceKey == nil && classEntry.rights == [.read, .create])
            try client.grant(.modify, to: Self.group, on: .package(package.id))

            #expect(try client.permissions(on: .taskSequencePackages) == [classEntry], "class entries only; root holds none")
            #expect(Self.summary(try client.permissions(of: Self.group)) == ["\(Self.group) Read|Create", "\(Self.group) Read|Modify \(package.id)"])

            // Create does not need Read: revoking it leaves Read.
            #expect(try client.revoke(.create, from: Self.group, on: .taskSequencePackages) == .read)
            // Revoking Read deletes the class entry, and with it the group's instance entries.
            #expect(try client.revoke(.read, from: Self.group, on: .taskSequencePackages) == [])
            #expect(try client.permissions(of: Self.group).isEmpty)
            #expect(Self.summary(try client.permissions()) == ["root Read|Modify|Delete \(package.id)"])
        }
    }

    @Test func failedGrantsSayWhyAndChangeNothing() throws {
        try SystemPrincipals.user(Self.user)
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Guarded")
            let target = PermissionTarget.package(package.id)
            let before = try client.permissions()

            let unknown = providerError { try client.grant(.read, to: "tsp-nobody", on: target) }
            guard case .invalidArguments(let message)? = unknown else {
                Issue.record("expected invalidArguments, got \(String(describing: unknown))")
                return
            }
            #expect(message.contains("no user tsp-nobody"), "\(message)")
            let create = providerError { try client.grant(.create, to: Self.user, on: target) }
            guard case .invalidArguments(let classOnly)? = create else {
                Issue.record("expected invalidArguments, got \(String(describing: create))")
                return
            }
            #expect(classOnly.contains("Create") && classOnly.contains("class"), "\(classOnly)")
            let nothing = providerError { try client.grant([], to: Self.user, on: target) }
            #expect(nothing.map { if case .invalidArguments = $0 { true } else { false } } == true)
            let unsecured = providerError { try client.grant(.read, to: Self.user, on: .class("SMS_TaskSequence_Step")) }
            #expect(unsecured.map { if case .invalidArguments = $0 { true } else { false } } == true)
            let missing = providerError { try client.grant(.read, to: Self.user, on: .package("PS1FFFFF")) }
            #expect(missing.map { if case .notFound = $0 { true } else { false } } == true, "\(String(describing: missing))")
            #expect(try client.permissions() == before)
        }
    }
}
