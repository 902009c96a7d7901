import DBusKit
import Foundation
import Testing
import TestSupport

/// What an import warned about, through the bus: ValidateSequence's second result, the
/// package's ImportWarnings (after Import and SetSequence), ExecMethod's Warnings, read with
/// busctl as any client would.
@Suite(.sharedDaemon) struct ImportWarningsOverBusTests {
    static let longDescription = String(repeating: "x", count: 260)
    static let warned = #"<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description="\#(longDescription)"><action>smsswd.exe /run: cmd /c exit 0</action><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList></step></sequence>"#
    static let warning = #"step[1] "Run": Description: length 260 exceeds AllowedLen 0-255"#

    private func importWarnings(_ package: ObjectPath, _ daemon: ProviderDaemon) throws -> [String] {
        let run = try ExternalTools.busctl(daemon, ["--json=short", "get-property", Provider.busName, package.rawValue, Provider.packageInterface, "ImportWarnings"])
        #expect(run.succeeded, "\(run)")
        let (type, data) = try BusctlJSON.parse(run.standardOutput)
        #expect(type == "as")
        return data as? [String] ?? []
    }

    @Test func validateSequenceReturnsTheCanonicalSequenceAndTheWarnings() throws {
        let daemon = try SharedDaemon.current()
        let run = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.packageClassPath,
                                                    Provider.packageClassInterface, "ValidateSequence", "s", Self.warned])
        #expect(run.succeeded, "\(run)")
        let (type, data) = try BusctlJSON.parse(run.standardOutput)
        #expect(type == "sas")
        let results = data as? [Any] ?? []
        #expect((results.first as? String)?.contains(Self.longDescription) == true)
        #expect(results.last as? [String] == [Self.warning])
    }

    @Test func importAndSetSequenceKeepTheirWarningsWithThePackage() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try client.importPackage(Self.warned, name: "Warned over the bus")
        #expect(try importWarnings(package, daemon) == [Self.warning])

        let clean = Self.warned.replacingOccurrences(of: Self.longDescription, with: "short")
        let set = try ExternalTools.busctl(daemon, ["call", Provider.busName, package.rawValue, Provider.packageInterface, "SetSequence", "su", clean, "0"])
        #expect(set.succeeded, "\(set)")
        #expect(try importWarnings(package, daemon).isEmpty)

        // ExecMethod SetSequence, as WMI clients call it, hands the warnings back as Warnings.
        let relpath = try #require(package.rawValue.split(separator: "/").last.map { #"SMS_TaskSequencePackage.PackageID="\#($0)""# })
        let exec = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.rootPath, Provider.busName, "ExecMethod",
                                                     "ssa{sv}", relpath, "SetSequence", "1", "TaskSequence", "s", Self.warned])
        #expect(exec.succeeded, "\(exec)")
        let (outType, outData) = try BusctlJSON.parse(exec.standardOutput)
        #expect(outType == "a{sv}")
        let warnings = ((outData as? [[String: Any]])?.first?["Warnings"] as? [String: Any])?["data"] as? [String]
        #expect(warnings == [Self.warning], "\(exec.standardOutput)")
        #expect(try importWarnings(package, daemon) == [Self.warning])
    }
}

extension ImportWarningsOverBusTests {
    @Test func theRootsListingCarriesEachPackagesWarnings() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let warned = try await client.importPackage(Self.warned, name: "Warned in the listing").rawValue
        let clean = try await client.importPackage(Self.warned.replacingOccurrences(of: Self.longDescription, with: "short"), name: "Clean in the listing").rawValue

        let root = try await ObjectManagerTreeTests.managedObjects(client, Provider.rootPath)
        func warnings(_ package: String) -> DBusValue? {
            root[package]?.stringKeyedEntries?[Provider.packageInterface]?.stringKeyedEntries?["ImportWarnings"]?.unwrappingVariant
        }
        #expect(warnings(warned) == .array(.string, [.string(Self.warning)]))
        #expect(warnings(clean) == .array(.string, []))
    }
}
