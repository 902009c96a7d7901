import Foundation
import Testing
import ProviderCore
import TaskSequenceModel

/// `ImportBatch` in the service: each file all or nothing, results in order, rights per call,
/// events only for the packages that landed.
@Suite struct ImportBatchTests {
    static func sequence(_ stepName: String) -> String {
        """
        <sequence version="3.10">
          <step type="SMS_TaskSequence_RunCommandLineAction" name="\(stepName)">
            <action>smsswd.exe /run: cmd /c exit 0</action>
            <defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList>
          </step>
        </sequence>
        """
    }

    @Test func aBadFileInTheMiddleIsReportedAndTheOthersLand() throws {
        let fixture = try ServiceFixture()
        let recorder = EventRecorder()
        fixture.service.addObserver(recorder)
        let files = [
            ImportBatchFile(label: "first.xml", text: Self.sequence("One"), name: "First"),
            ImportBatchFile(label: "broken.xml", text: "<sequence><step"),
            // Reads, but its name breaks a rule only the store checks: the savepoint undoes its rows.
            ImportBatchFile(label: "long-name.xml", text: Self.sequence("Two"), name: String(repeating: "n", count: 300)),
            ImportBatchFile(label: "warned.xml", text: ImportWarningsTests.warned, name: "Warned"),
        ]
        let results = try fixture.service.importPackages(files, for: fixture.root)

        #expect(results.map(\.label) == files.map(\.label))
        let ids = results.compactMap(\.packageID)
        #expect(ids.count == 2 && results[0].packageID == ids[0] && results[3].packageID == ids[1])
        #expect(results[0].error == nil && results[0].warnings.isEmpty)
        #expect(results[1].packageID == nil)
        guard case .invalidXML(let line, _, _)? = results[1].error else {
            Issue.record("broken.xml: expected InvalidXml, got \(String(describing: results[1].error))")
            return
        }
        #expect(line == 1)
        #expect(results[2].error == .validationFailed(property: "Name", rule: "length 300 exceeds the limit of 255 characters"))
        #expect(results[3].warnings == [ImportWarningsTests.warning])

        #expect(try fixture.service.packageIDs(for: fixture.root).sorted() == ids.sorted())
        #expect(try fixture.service.package(ids[0], for: fixture.root).name == "First")
        #expect(try fixture.service.importWarnings(packageID: ids[1], for: fixture.root) == [ImportWarningsTests.warning])
        #expect(try fixture.service.history(of: ids[0], for: fixture.root).map(\.summary) == ["import (sequence)"])
        let created = recorder.events.filter { $0.kind == .created && $0.className == "SMS_TaskSequencePackage" }.map(\.object)
        #expect(created == ids.map { .package($0) })
    }

    @Test func aBatchLargerThanAChunkImportsEveryFileInOrder() throws {
        let fixture = try ServiceFixture()
        let count = ProviderService.importBatchChunkFiles * 2 + 3
        let files = (0..<count).map { ImportBatchFile(label: "f\($0)", text: Self.sequence("Step \($0)"), name: "Package \($0)") }
        let results = try fixture.service.importPackages(files, for: fixture.root)
        #expect(results.map(\.label) == files.map(\.label))
        #expect(results.allSatisfy { $0.error == nil })
        let names = try results.map { try fixture.service.package($0.packageID ?? "", for: fixture.root).name }
        #expect(names == files.compactMap(\.name))
    }

    @Test func anEmptyBatchReturnsNothingAndChangesNothing() throws {
        let fixture = try ServiceFixture()
        #expect(try fixture.service.importPackages([], for: fixture.root).isEmpty)
        #expect(try fixture.service.packageIDs(for: fixture.root).isEmpty)
    }

    @Test func aCallerWithoutCreateIsRefusedForTheWholeCall() throws {
        let fixture = try ServiceFixture(policy: PermissionPolicy(superusers: Superusers(admins: [], uids: [0])), knownPrincipals: ["alice"])
        let alice = Caller(uid: 2001, groupIDs: [2001], userName: "alice", groupNames: ["alice"])
        let files = [ImportBatchFile(label: "a.xml", text: Self.sequence("One"))]
        #expect(throws: ProviderError.accessDenied(right: "Create", object: "SMS_TaskSequencePackage")) {
            _ = try fixture.service.importPackages(files, for: alice)
        }
        #expect(throws: ProviderError.accessDenied(right: "Create", object: "SMS_TaskSequencePackage")) {
            _ = try fixture.service.importPackages([], for: alice)
        }
        #expect(try fixture.service.packageIDs(for: fixture.root).isEmpty)

        _ = try fixture.service.setPermission(PermissionEntry(userName: "alice", objectKey: 20, instanceKey: nil, rights: [.create]), for: fixture.root)
        let results = try fixture.service.importPackages(files, for: alice)
        let id = try #require(results.first?.packageID)
        #expect(try fixture.service.rights(onTarget: ObjectReference.package(id).relativePath, for: alice).isSuperset(of: [.read, .modify, .delete]))
    }

    /// Files the service reads itself (`ImportBatchFd`): each is read when its chunk is, no
    /// earlier, and one that does not read is reported in its place.
    @Test func filesReadByTheServiceAreReadAChunkAtATime() throws {
        let fixture = try ServiceFixture()
        let count = ProviderService.importBatchChunkFiles + 5
        let reads = ReadLog()
        let service = fixture.service, root = fixture.root
        var files = (0..<count).map { index in
            ImportBatchSource(label: "f\(index)", name: "Read \(index)") {
                reads.note(index, stored: try service.packageIDs(for: root).count)
                return Data(Self.sequence("Step \(index)").utf8)
            }
        }
        files[4] = ImportBatchSource(label: "unreadable") { throw ProviderError.limitsExceeded("too large to read") }
        let results = try fixture.service.importPackages(reading: files, for: fixture.root)
        #expect(results.map(\.label) == files.map(\.label))
        #expect(results[4].error == .limitsExceeded("too large to read") && results[4].packageID == nil)
        #expect(results.filter { $0.packageID != nil }.count == count - 1)
        // Every file read once, in order; the first chunk's files before anything was stored,
        // the second chunk's after the first chunk was written (less its unreadable file).
        #expect(reads.indices == (0..<count).filter { $0 != 4 })
        let chunk = ProviderService.importBatchChunkFiles
        #expect(reads.stored == (0..<count).filter { $0 != 4 }.map { $0 < chunk ? 0 : chunk - 1 })
        #expect(try fixture.service.package(results[count - 1].packageID ?? "", for: fixture.root).name == "Read \(count - 1)")
    }
}

/// The order in which a batch's files were read.
private final class ReadLog: @unchecked Sendable {
    private(set) var indices: [Int] = []
    /// Packages in the store when each file was read.
    private(set) var stored: [Int] = []
    func note(_ index: Int, stored count: Int) {
        indices.append(index)
        stored.append(count)
    }
}
