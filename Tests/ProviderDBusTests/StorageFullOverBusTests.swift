import DBusKit
import Foundation
import Testing
import TestSupport

/// A store on a disk that fills up: the import that does not fit answers our StorageFull,
/// changes nothing, and the provider works on once space is freed. The disk is a small tmpfs
/// (mounting needs root, which CI has).
///
/// SQLite only: the store file is what lives on that disk. On PostgreSQL the daemon's store is
/// the server's database, on the server's disk, which filling the daemon's data directory leaves
/// untouched.
@Suite(.enabled(if: TestStoreEngine.current == .sqlite)) struct StorageFullOverBusTests {
    /// A sequence of `count` command-line steps, each with a long command line.
    static func largeSequence(_ count: Int) -> String {
        let padding = String(repeating: "x", count: 400)
        let step = #"<step type="SMS_TaskSequence_RunCommandLineAction" name="Step"><action>smsswd.exe /run: cmd /c echo \#(padding)</action><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c echo \#(padding)</variable></defaultVarList></step>"#
        return #"<sequence version="3.10">"# + String(repeating: step, count: count) + "</sequence>"
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: tool), arguments)
    }

    @Test func anImportThatDoesNotFitIsStorageFullAndTheStoreIsUnchanged() async throws {
        try #require(getuid() == 0, "mounting a tmpfs needs root")
        let mountPoint = try TemporaryDirectory()
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", mountPoint.path])
        try #require(mounted.status == 0, "mount: \(mounted.errorOutput)")
        defer { _ = try? run("/bin/umount", ["-l", mountPoint.path]) }
        let store = mountPoint.path + "/data"

        let daemon = try await ProviderDaemon.start(extraArguments: ["--data-dir", store])
        defer { daemon.shutdown() }
        try fillThenImport(daemon, disk: mountPoint.path)
    }

    /// The calls, made synchronously.
    private func fillThenImport(_ daemon: ProviderDaemon, disk: String) throws {
        let client = ProviderClient(daemon.client)
        let kept = try client.importPackage(SmallSequence.restart, name: "kept")
        let before = try client.allPackageIDs().taskSequences
        let keptXML = try client.sequenceXML(kept)

        // Fill the disk: dd stops when nothing more fits.
        let filled = try run("/bin/dd", ["if=/dev/zero", "of=\(disk)/filler", "bs=64k"])
        #expect(filled.errorOutput.contains("No space left on device"), "dd: \(filled.errorOutput)")

        #expect {
            _ = try client.importPackage(Self.largeSequence(2_000), name: "too big")
        } throws: { error in
            (error as? DBusError)?.name == "org.tsprovider.Provider1.Error.StorageFull"
        }
        #expect(try client.allPackageIDs().taskSequences == before)
        #expect(try client.sequenceXML(kept) == keptXML)

        // Space again: the same import goes through, and the daemon kept serving.
        #expect(try run("/bin/rm", ["-f", "\(disk)/filler"]).status == 0)
        let added = try client.importPackage(Self.largeSequence(200), name: "fits")
        #expect(try client.allPackageIDs().taskSequences == before.union([String(added.lastComponent ?? "")]))
    }
}
