import DBusKit
import Testing
import TestSupport

/// Every change leaves a log line naming who made it — uid and user name — and, for rights,
/// what they became.
@Suite(.sharedDaemon) struct AuditLogOverBusTests {
    @Test func changesAndGrantsAreLoggedWithTheCallersIdentity() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try client.importPackage(SmallSequence.restart, name: "audited")
        let id = String(package.lastComponent ?? "")
        try SystemPrincipals.group("tsp-auditors")
        _ = try client.proxy(Provider.instancePermissionsPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "UserName": .string("@tsp-auditors"), "ObjectKey": .uint32(20), "InstanceKey": .string(id), "InstancePermissions": .uint32(2),
            ]),
        ])
        let log = daemon.log
        #expect(log.contains(#"root (uid 0) created SMS_TaskSequencePackage.PackageID="\#(id)""#), "\(log)")
        #expect(log.contains(#"root (uid 0) created SMS_UserInstancePermissions.InstanceKey="\#(id)",ObjectKey=20,UserName="@tsp-auditors": @tsp-auditors: Read|Modify on SMS_TaskSequencePackage \#(id) (was none)"#),
                "\(log)")
    }
}
