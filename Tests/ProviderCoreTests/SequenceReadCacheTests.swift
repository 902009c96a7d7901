import Foundation
import ProviderStore
import Testing
import TaskSequenceModel
import TestSupport
@testable import ProviderCore

/// Step reads and GetSequence are served from memory per package SourceVersion: every change
/// shows in the next read, whoever made it, and nobody reads through the cache what they may not.
@Suite struct SequenceReadCacheTests {
    let root = Caller.system

    /// A provider over a fresh store (the engine of the run).
    static func makeService(store: ProviderStore? = nil, policy: any AccessPolicy = SuperuserOnlyPolicy(superuserIDs: [0]),
                            readCacheBytes: Int = 32 << 20, knownPrincipals: Set<String> = []) throws -> ProviderService {
        ProviderService(
            store: try store ?? TestStores.makeStore(),
            configuration: ProviderConfiguration(siteCode: "TST", readCacheBytes: readCacheBytes, now: { 1_700_000_000 },
                                                 knowsPrincipal: { knownPrincipals.contains($0) }),
            policy: policy)
    }

    /// A package holding one command line named `name`; its ID and the step's.
    static func makePackage(_ service: ProviderService, name: String = "First", as caller: Caller = .system) throws -> (packageID: String, stepID: Int64) {
        var properties = PackageProperties()
        properties.name = "Cached"
        let packageID = try service.createPackage(properties, for: caller)
        let stepID = try service.addStep(
            className: "SMS_TaskSequence_RunCommandLineAction", properties: ["Name": name, "CommandLine": "cmd /c echo 1"],
            packageID: packageID, parentID: nil, index: nil, for: caller)
        return (packageID, stepID)
    }

    /// What a client reads of the step and the sequence, each read twice (the second from memory).
    static func reads(_ service: ProviderService, _ packageID: String, _ stepID: Int64, as caller: Caller = .system) throws -> (name: String, commandLine: String?, xml: String) {
        var result: (name: String, commandLine: String?, xml: String) = ("", nil, "")
        for _ in 0..<2 {
            result.name = try service.step(stepID, packageID: packageID, for: caller).name
            result.commandLine = try service.stepSettings(stepID, packageID: packageID, for: caller).first { $0.property == "CommandLine" }?.value
            result.xml = try service.sequenceXML(packageID: packageID, for: caller)
        }
        return result
    }

    @Test func editsShowInTheNextRead() throws {
        let service = try Self.makeService()
        let (packageID, stepID) = try Self.makePackage(service)
        var seen = try Self.reads(service, packageID, stepID)
        #expect(seen.name == "First" && seen.commandLine == "cmd /c echo 1" && seen.xml.contains(#"name="First""#))
        #expect(service.readCache.bytesHeld > seen.xml.utf8.count, "the reads were kept")

        try service.setStepProperty("Name", to: "Second", stepID: stepID, packageID: packageID, for: root)
        try service.setStepSettings(["CommandLine": "cmd /c echo 2"], stepID: stepID, packageID: packageID, for: root)
        seen = try Self.reads(service, packageID, stepID)
        #expect(seen.name == "Second" && seen.commandLine == "cmd /c echo 2")
        #expect(seen.xml.contains(#"name="Second""#) && !seen.xml.contains(#"name="First""#))
        #expect(try service.sequenceXMLWithVersion(packageID: packageID, for: root).xml == seen.xml)

        // An edit batch reads its own changes; once it fails, they are gone from every read.
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            _ = try service.edit(packageID: packageID, expecting: nil, for: root) {
                try service.setStepProperty("Name", to: "Third", stepID: stepID, packageID: packageID, for: root)
                #expect(try service.step(stepID, packageID: packageID, for: root).name == "Third")
                #expect(try service.sequenceXML(packageID: packageID, for: root).contains(#"name="Third""#))
                throw Abandoned()
            }
        }
        #expect(try Self.reads(service, packageID, stepID) == seen)

        // A batch that commits shows at once.
        _ = try service.edit(packageID: packageID, expecting: nil, for: root) {
            try service.setStepProperty("Name", to: "Fourth", stepID: stepID, packageID: packageID, for: root)
        }
        #expect(try Self.reads(service, packageID, stepID).name == "Fourth")
    }

    @Test func aRollbackServesTheEarlierSequenceAgain() throws {
        let service = try Self.makeService()
        let (packageID, stepID) = try Self.makePackage(service)
        let before = try Self.reads(service, packageID, stepID)
        let version = try service.package(packageID, for: root).sourceVersion
        try service.setStepProperty("Name", to: "Renamed", stepID: stepID, packageID: packageID, for: root)
        #expect(try Self.reads(service, packageID, stepID).name == "Renamed")

        _ = try service.rollback(packageID: packageID, to: version, for: root)
        let restoredStep = try #require(try service.topLevelStepIDs(packageID: packageID, for: root).first)
        let after = try Self.reads(service, packageID, restoredStep)
        #expect(after.name == "First" && after.commandLine == before.commandLine && after.xml == before.xml)
    }

    @Test func setSequenceOverTheSamePackageReplacesWhatWasRead() throws {
        let service = try Self.makeService()
        let (packageID, stepID) = try Self.makePackage(service)
        let before = try Self.reads(service, packageID, stepID)
        let incoming = before.xml.replacingOccurrences(of: "cmd /c echo 1", with: "cmd /c echo imported")
        let version = try service.setSequence(packageID: packageID, xml: incoming, expectedSourceVersion: 0, for: root)

        let read = try service.sequenceXMLWithVersion(packageID: packageID, for: root)
        #expect(read.sourceVersion == version)
        #expect(read.xml.contains("cmd /c echo imported") && !read.xml.contains("cmd /c echo 1<"))
        let newStep = try #require(try service.topLevelStepIDs(packageID: packageID, for: root).first)
        #expect(try Self.reads(service, packageID, newStep).commandLine == "cmd /c echo imported")
    }

    @Test func aDeletedPackageIsNotServed() throws {
        let service = try Self.makeService()
        let (packageID, stepID) = try Self.makePackage(service)
        _ = try Self.reads(service, packageID, stepID)
        try service.deletePackage(packageID, for: root)
        #expect(throws: ProviderError.notFound(object: ObjectReference.step(packageID: packageID, stepID: stepID).relativePath)) {
            try service.step(stepID, packageID: packageID, for: root)
        }
        #expect(throws: ProviderError.notFound(object: ObjectReference.package(packageID).relativePath)) {
            try service.sequenceXML(packageID: packageID, for: root)
        }
    }

    @Test func aCallerWithoutReadGetsNothingThatWasCached() throws {
        let alice = Caller(uid: 2001, groupIDs: [2001], userName: "alice", groupNames: ["alice"])
        let bob = Caller(uid: 2002, groupIDs: [2002], userName: "bob", groupNames: ["bob"])
        let service = try Self.makeService(policy: PermissionPolicy(superusers: Superusers(admins: [], uids: [0])), knownPrincipals: ["alice", "bob"])
        let (packageID, stepID) = try Self.makePackage(service)
        let entry = try service.setPermission(PermissionEntry(userName: "alice", objectKey: 20, instanceKey: packageID, rights: .read), for: root)
        let seen = try Self.reads(service, packageID, stepID, as: alice)
        #expect(seen.name == "First")
        #expect(try Self.reads(service, packageID, stepID) == seen)

        let missing = ProviderError.notFound(object: ObjectReference.package(packageID).relativePath)
        func expectRefused(_ caller: Caller) {
            #expect(throws: missing) { try service.step(stepID, packageID: packageID, for: caller) }
            #expect(throws: missing) { try service.stepSettings(stepID, packageID: packageID, for: caller) }
            #expect(throws: missing) { try service.sequenceXML(packageID: packageID, for: caller) }
            #expect(throws: missing) { try service.sequenceXMLWithVersion(packageID: packageID, for: caller) }
        }
        // Never granted; then alice once her entry is gone.
        expectRefused(bob)
        try service.deletePermission(entry, for: root)
        expectRefused(alice)
    }

    @Test func whatIsKeptStaysWithinTheBudget() throws {
        let budget = 16 << 10
        let service = try Self.makeService(readCacheBytes: budget)
        var packages: [(packageID: String, stepID: Int64, xml: String)] = []
        for number in 0..<12 {
            let (packageID, stepID) = try Self.makePackage(service, name: "Step of package \(number)")
            for extra in 0..<10 {
                _ = try service.addStep(className: "SMS_TaskSequence_RunCommandLineAction",
                                        properties: ["Name": "Extra \(extra)", "CommandLine": "cmd /c echo \(number).\(extra)"],
                                        packageID: packageID, parentID: nil, index: nil, for: root)
            }
            packages.append((packageID, stepID, try Self.reads(service, packageID, stepID).xml))
            #expect(service.readCache.bytesHeld <= budget)
        }
        for package in packages {
            let seen = try Self.reads(service, package.packageID, package.stepID)
            #expect(seen.xml == package.xml && seen.xml.contains("Extra 9"))
            #expect(service.readCache.bytesHeld <= budget)
        }
    }

    @Test func entriesAnswerOnlyForTheirStampAndTheLeastRecentlyUsedGoFirst() {
        let cache = SequenceReadCache(capacityBytes: 4_000)
        let first = PackageStamp(sourceVersion: 1, sourceDate: 10), second = PackageStamp(sourceVersion: 2, sourceDate: 10)
        let text = String(repeating: "x", count: 900)
        cache.keep(sequenceXML: text, of: "A", at: first)
        #expect(cache.sequenceXML(of: "A", at: first) == text)
        #expect(cache.sequenceXML(of: "A", at: second) == nil)
        #expect(cache.sequenceXML(of: "A", at: PackageStamp(sourceVersion: 1, sourceDate: 11)) == nil)

        // A newer stamp replaces the entry: the old state is no longer answered.
        cache.keep(sequenceXML: text + "y", of: "A", at: second)
        #expect(cache.sequenceXML(of: "A", at: first) == nil)
        #expect(cache.sequenceXML(of: "A", at: second) == text + "y")

        for name in ["B", "C", "D"] { cache.keep(sequenceXML: text, of: name, at: first) }
        #expect(cache.sequenceXML(of: "A", at: second) != nil)
        cache.keep(sequenceXML: text, of: "E", at: first)
        #expect(cache.sequenceXML(of: "B", at: first) == nil)
        #expect(cache.sequenceXML(of: "A", at: second) != nil && cache.sequenceXML(of: "E", at: first) != nil)
        #expect(cache.bytesHeld <= 4_000)

        // More than a quarter of the budget is not kept at all.
        cache.keep(sequenceXML: String(repeating: "z", count: 1_001), of: "F", at: first)
        #expect(cache.sequenceXML(of: "F", at: first) == nil)
    }

    /// Two providers over one PostgreSQL database: neither hears the other here (no listener),
    /// yet each reads what the other wrote at once, since every read checks the SourceVersion.
    @Test(.enabled(if: TestStoreEngine.current == .postgresql))
    func anotherProvidersEditShowsAtOnce() throws {
        let location = try TestStores.makeLocation()
        let here = try Self.makeService(store: try ProviderStore(location: location))
        let there = try Self.makeService(store: try ProviderStore(location: location))
        let (packageID, stepID) = try Self.makePackage(here)
        #expect(try Self.reads(here, packageID, stepID).name == "First")

        try there.setStepProperty("Name", to: "Changed there", stepID: stepID, packageID: packageID, for: root)
        try there.setStepSettings(["CommandLine": "cmd /c echo there"], stepID: stepID, packageID: packageID, for: root)
        let seen = try Self.reads(here, packageID, stepID)
        #expect(seen.name == "Changed there" && seen.commandLine == "cmd /c echo there")
        #expect(seen.xml == (try there.sequenceXML(packageID: packageID, for: root)))

        try there.deletePackage(packageID, for: root)
        #expect(throws: ProviderError.notFound(object: ObjectReference.package(packageID).relativePath)) {
            try here.sequenceXML(packageID: packageID, for: root)
        }
    }
}
