import DBusKit
import Foundation
import Testing
import TestSupport

/// The security contract end to end: real Unix users (`tspm-*`) run python-dbus, busctl and
/// gdbus against one daemon started with a config file, and every answer is compared with
/// what the rules say (``AccessModel``) — no unauthorized success, every denial the right
/// error, no output mentioning what the caller may not read.
///
/// The fixture (``SecurityWorld``): P1 (conditions; reader has Read, editor Modify, delegate
/// Read|Modify|Delegate), P2 (a password; group `@tspm-deploy` has Read), P3 (no grants: only
/// superusers and class readers), the SMS_Package S1 (reader has Read); classread has class
/// Read, creator class Create, classadmin class Administer; tspm-admin is an admin through
/// `admins = @tspm-admins`. Each test starts from that state.
@Suite(.securityWorld, .serialized) struct SecurityMatrixTests {
    @Test func setupGrantsAndStoresRightsAsTheRulesSay() throws {
        let world = try SecurityWorldTrait.current()
        #expect(world.setupProblems.isEmpty, "\(world.setupProblems.joined(separator: "\n"))")
        // Granting Modify stored Read|Modify; the group entry is stored under its @name.
        let editor = world.entries.first { $0.grant.principal == TestPrincipals.editor.name }
        #expect(editor?.grant.rights == [.read, .modify], "\(String(describing: editor))")
        #expect(world.entries.contains { $0.grant.principal == "@" + TestPrincipals.deployGroup && $0.grant.instanceKey == world.p2.id })
    }

    @Test(arguments: TestPrincipals.matrix)
    func everyEntryPointAnswersAsTheRulesSay(_ user: TestPrincipal) throws {
        let world = try SecurityWorldTrait.current()
        var builder = MatrixBuilder(world: world, user: user)
        for package in world.packages { builder.addPackageCells(package) }
        builder.addSMSPackageCells(world.s1)
        for entry in world.entries { builder.addPermissionEntryCells(entry) }
        builder.addListingCells()
        let plan = builder.plan

        try MatrixRun.check(plan, in: world)
        let denied = plan.cells.filter { !$0.expected.isSuccess }.count
        print("security matrix: \(user): \(plan.cells.count) cells (\(plan.cells.count - denied) allowed, \(denied) refused or hidden), \(plan.calls.count) calls")
    }
}
