import DBusKit
import Foundation
import Testing
import TestSupport
@testable import ProviderDBus
#if canImport(Glibc)
import Glibc
#endif

/// The packaged daemon runs as the `tsprovider` system user: the sysusers.d file creates it, the
/// installed bus policy lets it (and no other ordinary user) own the name, and root keeps every
/// right over a daemon that is not root.
@Suite struct ServiceUserTests {
    static let sysusersFile = PackagingFilesTests.policy.appendingPathComponent("tsprovider.sysusers.conf").path

    /// The user as `make install` creates it: `systemd-sysusers` on the project's file.
    static func serviceUser() throws -> (uid: uid_t, gid: gid_t) {
        if getpwnam(BusPolicy.serviceUser) == nil {
            let run = try runTool("/usr/bin/systemd-sysusers", [sysusersFile])
            #expect(run.termination == .exited(0), "\(run)")
        }
        let entry = try #require(getpwnam(BusPolicy.serviceUser), "systemd-sysusers did not create \(BusPolicy.serviceUser)")
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    @Test func sysusersCreatesASystemUserWithoutALoginShell() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: root.path + "/etc", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root.path + "/etc") }
        let run = try runTool("/usr/bin/systemd-sysusers", ["--root=\(root.path)", Self.sysusersFile])
        #expect(run.termination == .exited(0), "\(run)")
        let passwd = try #require(readTextFile(root.path + "/etc/passwd"))
        let entry = try #require(passwd.split(separator: "\n").first { $0.hasPrefix(BusPolicy.serviceUser + ":") }, "\(passwd)")
        let fields = entry.split(separator: ":", omittingEmptySubsequences: false)
        #expect(fields.count == 7)
        #expect((UInt32(fields[2]) ?? 100_000) < 1000, "a system uid: \(entry)")
        #expect(fields[5] == "/var/lib/tsprovider")
        #expect(fields[6].hasSuffix("/nologin"), "\(entry)")
    }

    /// On a bus with only the installed policy (what `/usr/share/dbus-1/system.d/` adds to the
    /// system bus), the daemon running as `tsprovider` owns the name and root is a superuser; the
    /// same daemon as another user is refused the name and exits 1 saying so.
    @Test func theInstalledPolicyLetsTheServiceUserOwnTheNameAndNoOtherUser() async throws {
        let ids = try Self.serviceUser()
        var configuration = ProviderDaemon.busConfiguration
        configuration.limits = .systemBus
        configuration.extraConfiguration = BusPolicy.privateBusConfiguration(owner: nil)
        let bus = try PrivateBus.start(configuration)
        defer { bus.stop() }
        let scratch = try TemporaryDirectory()
        chmod(scratch.path, 0o755)
        let executable = try CommandRunner.builtProduct(named: "tsproviderd").path
        let connection = try DBusConnection(address: bus.address)
        defer { connection.close() }

        // Another ordinary user: the policy does not let it own the name.
        let other = try SystemPrincipals.setprivArguments(runningAs: TestPrincipals.none.name)
        let otherData = scratch.path + "/other"
        defer { try? FileManager.default.removeItem(atPath: otherData) }
        let otherUser = try #require(getpwnam(TestPrincipals.none.name))
        #expect(mkdir(otherData, 0o700) == 0 && chown(otherData, otherUser.pointee.pw_uid, otherUser.pointee.pw_gid) == 0)
        let refused = try ChildProcess.spawn(
            SystemPrincipals.setpriv.path, arguments: other + [executable, "--address", bus.address, "--data-dir", otherData],
            standardError: .file(scratch.path + "/other.log"))
        #expect(refused.wait(timeout: .seconds(30)) == .exited(1))
        let refusal = readTextFile(scratch.path + "/other.log") ?? ""
        #expect(refusal.contains("critical") && refusal.contains("org.freedesktop.DBus.Error.AccessDenied"), "\(refusal)")

        // The service user owns it, in a data directory of its own.
        let data = scratch.path + "/data"
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(mkdir(data, 0o700) == 0 && chown(data, ids.uid, ids.gid) == 0)
        let daemon = try ChildProcess.spawn(
            SystemPrincipals.setpriv.path,
            arguments: ["--reuid=\(ids.uid)", "--regid=\(ids.gid)", "--init-groups", executable, "--address", bus.address, "--data-dir", data],
            standardError: .file(scratch.path + "/daemon.log"))
        defer { daemon.terminate(timeout: .seconds(20)) }
        let log = { readTextFile(scratch.path + "/daemon.log") ?? "" }
        _ = await waitUntil { !daemon.isRunning || ((try? connection.nameOwner(of: ProviderBus.busName)) ?? nil) != nil }
        let owner = try #require(try connection.nameOwner(of: ProviderBus.busName), "\(log())")
        #expect(try connection.credentials(of: owner).uid == ids.uid)

        // Root (uid 0) is a superuser of a daemon that is not root: it imports and reads.
        let client = ProviderClient(connection)
        let package = try await client.importPackage(SmallSequence.restart, name: "as tsprovider")
        #expect(try client.string("Name", of: Provider.packageInterface, at: package) == "as tsprovider")
        var status = stat()
        #expect(stat(data + "/store.sqlite", &status) == 0 && status.st_uid == ids.uid && status.st_mode & 0o777 == 0o600)
        #expect(daemon.terminate(timeout: .seconds(20)) == .exited(0), "\(log())")
    }
}
