import Foundation
import Testing
import TestSupport

/// `tsctl perm list|grant|revoke|check` against the daemon's rights rules, with real Unix
/// principals (`tsp-…` users and groups, created when missing).
@Suite struct PermCommandTests {
    static let user = "tsp-alice"
    static let other = "tsp-bob"
    static let group = "tsp-deploy"
    static let member = "tsp-carol"

    /// Entries as `USER RIGHTS` (or `USER RIGHTS INSTANCE` for instance entries), for exact comparisons.
    static func summary(_ entries: [[String: Any]]) -> [String] {
        entries.map { entry in
            let base = "\(entry["UserName"] as? String ?? "?") \(int(entry["Permissions"]) ?? -1)"
            return (entry["InstanceKey"] as? String).map { "\(base) \($0)" } ?? base
        }
    }

    @Test func checkAnswersForTheCaller() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Guarded")
            #expect(try cli.succeed("perm", "check", "Read|Modify", id) == "granted: Read|Modify on package \(id); you hold Read|Modify|Delete|Distribute|Advertise|ModifyResource|Administer|DeleteResource|Create|ReadResource|Delegate|ImportMachine|ModifyCollectionSetting")
            let check = try jsonObject(try cli.json("perm", "check", "create", "SMS_TaskSequencePackage"))
            #expect(check["Granted"] as? Bool == true)
            #expect(check["Target"] as? String == "SMS_TaskSequencePackage")
            #expect(int(check["Wanted"]) == 1024)
            #expect((check["HeldNames"] as? [String])?.contains("Create") == true)
            try cli.fail(["perm", "check", "Fly", id], status: 2, mentions: ["Fly"])
            try cli.fail(["perm", "check", "Read"], status: 2)
        }
    }

    @Test func grantListAndRevokeAUsersInstanceRights() throws {
        try SystemPrincipals.user(Self.user)
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Shared")
            try cli.succeed("package", "create", "Not shared")

            // Modify needs Read: the entry as stored holds both, and grant says so.
            #expect(try cli.succeed("perm", "grant", Self.user, "Modify", id) == "\(Self.user) holds Read|Modify on package \(id)")
            let entry = try jsonObject(try cli.json("perm", "grant", Self.user, "Read", id))
            #expect(int(entry["Permissions"]) == 3 && entry["PermissionNames"] as? [String] == ["Read", "Modify"])
            #expect(entry["Scope"] as? String == "instance" && entry["InstanceKey"] as? String == id && int(entry["ObjectKey"]) == 20)
            #expect((entry["ObjectPath"] as? String)?.hasPrefix("/org/tsprovider/Provider1/SMS_UserInstancePermissions/") == true)

            // The list holds root's creator entries too, the package named beside its ID.
            #expect(Self.summary(try jsonArray(try cli.json("perm", "list", id))) == ["root 7 \(id)", "\(Self.user) 3 \(id)"])
            #expect(Self.summary(try jsonArray(try cli.json("perm", "list", "--user", Self.user))) == ["\(Self.user) 3 \(id)"])
            let table = try cli.succeed("perm", "list", id).split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(table == [
                ["SCOPE", "USER", "CLASS", "INSTANCE", "NAME", "RIGHTS"],
                ["instance", "root", "SMS_TaskSequencePackage", id, "Shared", "Read|Modify|Delete"],
                ["instance", Self.user, "SMS_TaskSequencePackage", id, "Shared", "Read|Modify"],
            ])

            // Revoking Modify leaves Read; revoking Read revokes everything: the entry goes.
            #expect(try cli.succeed("perm", "revoke", Self.user, "Modify", id) == "\(Self.user) holds Read on package \(id)")
            try cli.succeed("perm", "grant", Self.user, "Delete", id)
            let revoked = try jsonObject(try cli.json("perm", "revoke", Self.user, "Read", id))
            #expect(int(revoked["Remaining"]) == 0 && (revoked["RemainingNames"] as? [String])?.isEmpty == true)
            #expect(revoked["Target"] as? String == "SMS_TaskSequencePackage.PackageID=\"\(id)\"")
            #expect(try jsonArray(try cli.json("perm", "list", "--user", Self.user)).isEmpty)
            #expect(try cli.succeed("perm", "check", "Read", id).hasPrefix("granted"), "root keeps its rights")
        }
    }

    @Test func revokingFromSomeoneWithoutAnEntryChangesNothing() throws {
        try SystemPrincipals.user(Self.user)
        try SystemPrincipals.user(Self.other)
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Shared")
            try cli.succeed("perm", "grant", Self.user, "Read", id)
            let before = Self.summary(try jsonArray(try cli.json("perm", "list")))
            // The user already holds none of it there by an entry: what was asked for is so.
            #expect(try cli.succeed("perm", "revoke", Self.other, "Read", id) == "\(Self.other) holds no rights on package \(id)")
            #expect(try cli.succeed("perm", "revoke", Self.other, "Create", "SMS_TaskSequencePackage") == "\(Self.other) holds no rights on class SMS_TaskSequencePackage")
            // Revoking what an entry does not hold leaves it as it is.
            #expect(try cli.succeed("perm", "revoke", Self.user, "Modify", id) == "\(Self.user) holds Read on package \(id)")
            #expect(Self.summary(try jsonArray(try cli.json("perm", "list"))) == before)
        }
    }

    @Test func groupsAndClassRights() throws {
        try SystemPrincipals.user(Self.member, groups: [Self.group])
        try withDaemon { cli in
            let first = try cli.succeed("package", "create", "First")
            let second = try cli.succeed("package", "create", "Second")
            let principal = "@" + Self.group

            // Class rights: every package, for every member of the group.
            #expect(try cli.succeed("perm", "grant", principal, "Read,Create", "SMS_TaskSequencePackage") == "\(principal) holds Read|Create on class SMS_TaskSequencePackage")
            let classEntries = try jsonArray(try cli.json("perm", "list", "SMS_TaskSequencePackage"))
            #expect(Self.summary(classEntries) == ["\(principal) 1025"])
            #expect(classEntries.first?["Scope"] as? String == "class" && classEntries.first?["InstanceKey"] is NSNull)
            #expect(try cli.succeed("perm", "grant", principal, "Delete", first) == "\(principal) holds Read|Delete on package \(first)")
            #expect(Self.summary(try jsonArray(try cli.json("perm", "list", "--user", principal))) == ["\(principal) 1025", "\(principal) 5 \(first)"])

            let listed = try jsonArray(try cli.json(asUser: Self.member, "package", "list"))
            #expect(listed.map { $0["PackageID"] as? String } == [first, second])
            #expect(try cli.succeed(asUser: Self.member, "perm", "check", "Create", "SMS_TaskSequencePackage") == "granted: Create on class SMS_TaskSequencePackage; you hold Read|Create")
            #expect(try cli.succeed(asUser: Self.member, "perm", "check", "Delete", first) == "granted: Delete on package \(first); you hold Read|Delete|Create")
            // A member sees its group's entries, not root's.
            #expect(Self.summary(try jsonArray(try cli.json(asUser: Self.member, "perm", "list"))) == ["\(principal) 1025", "\(principal) 5 \(first)"])

            // Create is a class right that does not need Read: revoking it leaves Read.
            #expect(try cli.succeed("perm", "revoke", principal, "Create", "SMS_TaskSequencePackage") == "\(principal) holds Read on class SMS_TaskSequencePackage")
            // Revoking Read revokes the class entry, and with it the group's package entries.
            #expect(try cli.succeed("perm", "revoke", principal, "Read", "SMS_TaskSequencePackage") == "\(principal) holds no rights on class SMS_TaskSequencePackage")
            #expect(try jsonArray(try cli.json("perm", "list", "--user", principal)).isEmpty)
            #expect(try jsonArray(try cli.json(asUser: Self.member, "package", "list")).isEmpty)
        }
    }

    @Test func errorsAreOneLineThatNamesTheProblem() throws {
        try SystemPrincipals.user(Self.user)
        try SystemPrincipals.user(Self.other)
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Guarded")
            try cli.fail(["perm", "grant", "tsp-nobody", "Read", id], mentions: ["package \(id)", "no user tsp-nobody"])
            try cli.fail(["perm", "grant", "@tsp-nogroup", "Read", "SMS_TaskSequencePackage"], mentions: ["no group tsp-nogroup"])
            try cli.fail(["perm", "grant", Self.user, "Create", id], mentions: ["package \(id)", "Create", "class"])
            try cli.fail(["perm", "grant", Self.user, "Administer", id], mentions: ["Administer", "class"])
            try cli.fail(["perm", "grant", Self.user, "0", id], mentions: ["no rights"])
            try cli.fail(["perm", "grant", Self.user, "Read", "PS1FFFFF"], mentions: ["package PS1FFFFF", #"SMS_TaskSequencePackage.PackageID="PS1FFFFF" does not exist"#])
            try cli.fail(["perm", "grant", Self.user, "Fly", id], status: 2, mentions: ["Fly"])
            #expect(try jsonArray(try cli.json("perm", "list", "--user", Self.user)).isEmpty, "a failed grant changes nothing")

            // A reader may not hand out rights: access denied, said once.
            try cli.succeed("perm", "grant", Self.user, "Read", id)
            let denied = try cli.fail(asUser: Self.user, ["perm", "grant", Self.other, "Read", id], mentions: ["package \(id)", "access denied", "Administer"])
            #expect(denied.components(separatedBy: "access denied").count == 2, "\(denied)")
        }
    }
}
