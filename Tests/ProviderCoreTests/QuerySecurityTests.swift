import Foundation
import Synchronization
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel

/// Query results hold only what the caller may read, filtered in SQL.
@Suite struct QuerySecurityTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    /// Counts how often a policy is asked about single objects.
    final class Calls: Sendable {
        private let count = Mutex(0)
        func record() { count.withLock { $0 += 1 } }
        var total: Int { count.withLock { $0 } }
    }

    /// Read on the listed packages only; answers queries with `.only`, never object by object.
    struct ListedPackagesPolicy: AccessPolicy {
        let packages: Set<String>
        let smsPackages: Set<String>
        let calls = Calls()

        func admit(_ caller: Caller) throws {}

        func rights(of caller: Caller, on object: ObjectReference, in db: StoreDatabase) throws -> Rights {
            calls.record()
            switch object {
            case .class: return .read
            case .smsPackage(let id): return smsPackages.contains(id) ? .read : []
            default: return object.owningPackageID.map(packages.contains) == true ? .read : []
            }
        }

        func readablePackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet { .only(packages) }
        func readableSMSPackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet { .only(smsPackages) }
    }

    /// The same rights, answered object by object only (the protocol's default for queries).
    struct PerObjectPolicy: AccessPolicy {
        let packages: Set<String>

        func admit(_ caller: Caller) throws {}

        func rights(of caller: Caller, on object: ObjectReference, in db: StoreDatabase) throws -> Rights {
            object.owningPackageID.map(packages.contains) == true ? .read : []
        }
    }

    /// Read on the packages whose instance entries give the caller Read, as a policy keeping
    /// rights in the store answers: a description the store turns into SQL, no SQL of its own.
    struct StoredGrantsPolicy: AccessPolicy {
        func admit(_ caller: Caller) throws {}
        func rights(of caller: Caller, on object: ObjectReference, in db: StoreDatabase) throws -> Rights { [] }
        func readablePackages(for caller: Caller, in db: StoreDatabase) throws -> ReadableSet {
            .granted(objectKey: 20, rights: Rights.read.rawValue, principals: caller.principals)
        }
    }

    private func provider(_ policy: any AccessPolicy) -> ProviderService {
        ProviderService(store: fixture.service.store, configuration: fixture.service.configuration, policy: policy)
    }

    private let alice = Caller(uid: 1000, groupIDs: [1000], userName: "alice")

    @Test func aCallerThePolicyDoesNotAdmitIsRefusedBeforeTheQueryIsRead() throws {
        for wql in ["SELECT * FROM SMS_TaskSequencePackage", "not even a query"] {
            do {
                _ = try fixture.service.execQuery(wql, for: fixture.base.stranger)
                Issue.record("stranger ran \(wql)")
            } catch let error as ProviderError {
                #expect(error == .accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)"))
            }
        }
        #expect(throws: ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")) { try fixture.service.classSchema("SMS_Package", for: fixture.base.stranger) }
    }

    @Test func rowsAreLimitedToReadablePackagesWithoutAskingPerObject() throws {
        let policy = ListedPackagesPolicy(packages: [fixture.id("Windows 11 Deploy"), fixture.id("Sample")], smsPackages: [])
        let service = provider(policy)
        func names(_ wql: String) throws -> [String] { try service.execQuery(wql, for: alice).map { $0["Name"]?.description ?? "-" } }
        #expect(try names("SELECT Name FROM SMS_TaskSequencePackage") == ["Windows 11 Deploy", "Sample"])
        #expect(try names("SELECT Name FROM SMS_TaskSequencePackage WHERE Name LIKE '%o%'") == ["Windows 11 Deploy"])
        #expect(try service.execQuery("SELECT * FROM SMS_TaskSequence", for: alice).count == 2)
        #expect(try service.execQuery("SELECT * FROM SMS_TaskSequence_Step", for: alice).count == 7)
        #expect(try service.execQuery("SELECT * FROM SMS_TaskSequence_ConditionOperand", for: alice).count == 4)
        #expect(try service.execQuery("SELECT * FROM SMS_TaskSequence_Condition", for: alice).count == 2)
        // The filter is SQL: the policy was never asked about a single object.
        #expect(policy.calls.total == 0)

        let withoutSample = provider(ListedPackagesPolicy(packages: [fixture.id("Windows 11 Deploy")], smsPackages: []))
        #expect(try withoutSample.execQuery("SELECT * FROM SMS_TaskSequence_Step", for: alice).isEmpty)
        #expect(try withoutSample.execQuery("SELECT * FROM SMS_TaskSequence_VariableConditionExpression", for: alice).isEmpty)
        let nothing = provider(ListedPackagesPolicy(packages: [], smsPackages: []))
        #expect(try nothing.execQuery("SELECT * FROM SMS_TaskSequencePackage", for: alice).isEmpty)
    }

    @Test func policiesAnsweringPerObjectGetTheSameRows() throws {
        let readable: Set<String> = [fixture.id("Office 365"), fixture.id("Sample")]
        let listed = provider(ListedPackagesPolicy(packages: readable, smsPackages: []))
        let perObject = provider(PerObjectPolicy(packages: readable))
        for wql in ["SELECT * FROM SMS_TaskSequencePackage", "SELECT * FROM SMS_TaskSequence_Step", "SELECT * FROM SMS_TaskSequence_ConditionExpression"] {
            let expected = try listed.execQuery(wql, for: alice).map(\.reference)
            #expect(!expected.isEmpty)
            #expect(try perObject.execQuery(wql, for: alice).map(\.reference) == expected)
        }
    }

    @Test func aPolicyMayAnswerWithTheEntriesTheStoreKeeps() throws {
        try fixture.service.store.write { db in
            try PermissionRow(principal: "alice", objectKey: 20, instanceKey: fixture.id("Office 365"), rights: Rights.read.rawValue).save(db)
            // Entries without Read, or for someone else, let alice read nothing.
            try PermissionRow(principal: "alice", objectKey: 20, instanceKey: fixture.id("Sample"), rights: Rights.modify.rawValue).save(db)
            try PermissionRow(principal: "bob", objectKey: 20, instanceKey: fixture.id("Windows 11 Deploy"), rights: Rights.read.rawValue).save(db)
        }
        let service = provider(StoredGrantsPolicy())
        #expect(try service.execQuery("SELECT Name FROM SMS_TaskSequencePackage", for: alice).map(\.reference) == [.package(fixture.id("Office 365"))])
        #expect(try service.execQuery("SELECT * FROM SMS_TaskSequence_Step", for: alice).isEmpty)
    }

    @Test func smsPackagesAreFilteredByTheirOwnRights() throws {
        _ = try fixture.service.createSMSPackage(.init(packageID: "ABC00001", name: "Boot", packageType: 258), for: fixture.root)
        _ = try fixture.service.createSMSPackage(.init(packageID: "ABC00002", name: "Image", packageType: 257), for: fixture.root)
        let service = provider(ListedPackagesPolicy(packages: [], smsPackages: ["ABC00002"]))
        #expect(try service.execQuery("SELECT * FROM SMS_Package", for: alice).map(\.reference) == [.smsPackage("ABC00002")])
        #expect(try service.execQuery("SELECT * FROM SMS_TaskSequencePackage", for: alice).isEmpty)
    }
}
