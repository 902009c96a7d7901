import Foundation
import Testing
import TestSupport
@testable import ProviderDBus

/// The systemd unit, the sysusers.d file, the activation file and the bus policy agree on the
/// service user, and the unit carries the hardening `systemd-analyze security` scores.
@Suite struct PackagingFilesTests {
    static let policy = InterfaceFilesTests.repository.appendingPathComponent("policy")
    static let unitPath = policy.appendingPathComponent("tsproviderd.service").path

    /// `Key=value` lines of a unit file; a key given twice keeps every value.
    static func settings(_ path: String) throws -> [String: [String]] {
        var settings: [String: [String]] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { continue }
            settings[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
        }
        return settings
    }

    @Test func theUnitRunsAsTheServiceUserWithEveryProtection() throws {
        let unit = try Self.settings(Self.unitPath)
        let required: [String: String] = [
            "User": BusPolicy.serviceUser, "Group": BusPolicy.serviceUser,
            "CapabilityBoundingSet": "", "AmbientCapabilities": "",
            "SystemCallArchitectures": "native", "UMask": "0077", "Restart": "on-failure",
            "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
            "PrivateDevices": "yes", "PrivateNetwork": "yes", "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes",
            "ProtectKernelLogs": "yes", "ProtectControlGroups": "yes", "RestrictAddressFamilies": "AF_UNIX",
            "RestrictNamespaces": "yes", "LockPersonality": "yes", "MemoryDenyWriteExecute": "yes", "RestrictRealtime": "yes",
            "RestrictSUIDSGID": "yes", "ProtectHostname": "yes", "ProtectClock": "yes", "ProtectProc": "invisible",
            "ProcSubset": "pid", "StateDirectory": "tsprovider", "StateDirectoryMode": "0700", "ConfigurationDirectory": "tsprovider",
            "Type": "dbus", "BusName": ProviderBus.busName,
        ]
        for (key, value) in required {
            #expect(unit[key] == [value], "\(key)=\(unit[key] ?? [])")
        }
        #expect(unit["SystemCallFilter"]?.first == "@system-service")
        // PrivateUsers= would map every other uid to nobody: callers' rights need the real ones.
        #expect(unit["PrivateUsers"] == nil)
    }

    @Test func theServiceUserIsCreatedAndMayOwnTheName() throws {
        let sysusers = try String(contentsOfFile: Self.policy.appendingPathComponent("tsprovider.sysusers.conf").path, encoding: .utf8)
        let entries = sysusers.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(entries.count == 1)
        #expect(entries.first?.split(separator: " ").prefix(2) == ["u", Substring(BusPolicy.serviceUser)], "\(entries)")
        #expect(BusPolicy.file.contains("""
              <policy user="\(BusPolicy.serviceUser)">
                <allow own="\(ProviderBus.busName)"/>
              </policy>
            """))
        let activation = try Self.settings(Self.policy.appendingPathComponent("org.tsprovider.Provider1.service").path)
        #expect(activation["User"] == [BusPolicy.serviceUser])
        #expect(activation["SystemdService"] == ["tsproviderd.service"])
    }

    /// systemd's own judgement of the unit: 2.0 or better (lower is safer).
    @Test func systemdAnalyzeSecurityRatesTheUnitAtMost2() throws {
        let run = try runTool("/usr/bin/systemd-analyze", ["security", "--offline=yes", "--no-pager", Self.unitPath])
        #expect(run.termination == .exited(0), "\(run)")
        let marker = "Overall exposure level for tsproviderd.service: "
        let line = try #require(run.standardOutput.split(separator: "\n").first { $0.contains(marker) }, "\(run)")
        let score = try #require(Double(line.components(separatedBy: marker)[1].split(separator: " ")[0]), "\(line)")
        #expect(score <= 2.0, "\(line)")
    }
}
