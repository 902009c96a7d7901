import Foundation
import Testing
import ProviderCore
import TaskSequenceModel
import TestSupport

/// Package properties are served from memory between changes; every change shows at once —
/// to callers and to observers reading in their notification.
@Suite struct PackageReadTests {
    /// Reads the package's name whenever it is told of a change.
    final class NameReader: ChangeObserver, @unchecked Sendable {
        let service: ProviderService
        let packageID: String
        private let lock = NSLock()
        private var seen: [String] = []
        init(_ service: ProviderService, _ packageID: String) { self.service = service; self.packageID = packageID }
        var names: [String] { lock.withLock { seen } }
        func providerDidChange(_ events: [ChangeRecord]) {
            let name = (try? service.package(packageID, for: .system).name) ?? "?"
            lock.withLock { seen.append(name) }
        }
    }

    @Test func changesShowInTheNextReadAndToObservers() throws {
        let fixture = try ServiceFixture()
        var properties = PackageProperties()
        properties.name = "first"
        let id = try fixture.service.createPackage(properties, for: fixture.root)
        #expect(try fixture.service.package(id, for: fixture.root).name == "first")
        let reader = NameReader(fixture.service, id)
        fixture.service.addObserver(reader)

        try fixture.service.updatePackage(id, for: fixture.root) { $0.name = "second" }
        #expect(try fixture.service.package(id, for: fixture.root).name == "second")
        #expect(try fixture.service.package(id, for: fixture.root).sourceVersion == 2)
        try fixture.service.updatePackage(id, for: fixture.root) { $0.name = "third" }
        #expect(reader.names == ["second", "third"])

        // A failed change leaves what was there.
        #expect {
            try fixture.service.updatePackage(id, for: fixture.root) { $0.name = String(repeating: "x", count: 300) }
        } throws: { error in
            if case ProviderError.validationFailed(let property, _) = error { property == "Name" } else { false }
        }
        #expect(try fixture.service.package(id, for: fixture.root).name == "third")
    }

    /// What a property `Get` reads from memory: nothing before the package was read, then the
    /// text of one property, and after a change nothing again until it is read anew — never the
    /// package read last when it no longer says so. On PostgreSQL the cache is off (other
    /// providers write the same database): nothing, ever.
    @Test func oneCachedPropertyIsReadOnlyWhileThePackageIsUnchanged() throws {
        let fixture = try ServiceFixture()
        let cached = TestStoreEngine.current == .sqlite
        var properties = PackageProperties()
        properties.name = "first"
        properties.duration = 45
        let id = try fixture.service.createPackage(properties, for: fixture.root)
        let other = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        _ = try fixture.service.package(other, for: fixture.root)
        #expect(fixture.service.cachedText(of: .name, ofPackage: id, for: fixture.root) == nil)
        #expect(!fixture.service.isCachedAndReadable(package: id, for: fixture.root))

        _ = try fixture.service.package(id, for: fixture.root)
        #expect(fixture.service.cachedText(of: .name, ofPackage: id, for: fixture.root) == (cached ? "first" : nil))
        #expect(fixture.service.cachedText(of: .duration, ofPackage: id, for: fixture.root) == (cached ? "45" : nil))
        #expect(fixture.service.cachedText(of: .name, ofPackage: other, for: fixture.root) == (cached ? "" : nil))
        #expect(fixture.service.isCachedAndReadable(package: id, for: fixture.root) == cached)
        #expect(fixture.service.cachedText(of: .name, ofPackage: id, for: fixture.stranger) == nil)
        #expect(!fixture.service.isCachedAndReadable(package: id, for: fixture.stranger))

        try fixture.service.updatePackage(id, for: fixture.root) { $0.name = "second" }
        #expect(fixture.service.cachedText(of: .name, ofPackage: id, for: fixture.root) == nil)
        #expect(try fixture.service.package(id, for: fixture.root).name == "second")
        #expect(fixture.service.cachedText(of: .name, ofPackage: id, for: fixture.root) == (cached ? "second" : nil))
    }

    @Test func theCacheNeverShowsAPackageToACallerThePolicyTurnsAway() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        _ = try fixture.service.package(id, for: fixture.root)
        #expect(throws: ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")) { try fixture.service.package(id, for: fixture.stranger) }
        try fixture.service.deletePackage(id, for: fixture.root)
        #expect(throws: ProviderError.notFound(object: ObjectReference.package(id).relativePath)) {
            try fixture.service.package(id, for: fixture.root)
        }
    }
}
