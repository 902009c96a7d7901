import DBusKit
import Foundation
import TaskSequenceModel
import TaskSequenceXML
import Testing
import TestSupport

/// Issue 12 over the bus: every package property, Enable and Disable, ExportData.
@Suite(.sharedDaemon) struct WholePackageOverBusTests {
    /// Imports the enriched object.xml through ImportFd (it is larger than a comfortable message).
    static func importEnriched(_ client: ProviderClient) throws -> ObjectPath {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-whole-\(UUID().uuidString).xml")
        try WholePackageFixture.objectXML().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try client.importFile(descriptorOf: file.path)
    }

    @Test func everyPropertyOfTheObjectXMLIsServed() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let package = try Self.importEnriched(client)
        let all = try client.proxy(package).allProperties(of: Provider.packageInterface).mapValues(\.unwrappingVariant)
        #expect(all["Icon"] == .bytes(WholePackageFixture.pngIcon))
        #expect(all["IconSize"] == .uint32(UInt32(WholePackageFixture.pngIcon.count)))
        let platform = WholePackageFixture.platform
        #expect(all["SupportedOperatingSystems"] == .array(.structure([.string, .string, .string, .string]), [
            .structure([.string(platform.0), .string(platform.1), .string(platform.2), .string(platform.3)]),
        ]))
        #expect(all["SecuredScopeNames"] == .array(.string, [.string("Default")]))
        #expect(all["TsEnabled"] == .boolean(true))
        #expect(all["Priority"] == .uint32(WholePackageFixture.priority))
        #expect(all["PkgFlags"] == .uint32(WholePackageFixture.pkgFlags))
        #expect(all["CustomProgressMsg"] == .string(WholePackageFixture.customProgressMessage))
        #expect(all["ShareType"] == .uint32(1))
        // Program * kept for packages used whole, as the file's References say.
        guard case .array(_, let references)? = all["References"] else {
            Issue.record("References is \(String(describing: all["References"]))")
            return
        }
        #expect(references.count == 3)
        #expect(references.allSatisfy { if case .structure(let fields) = $0 { fields[1] == .string("*") } else { false } })
        // Every property of the class schema is on the interface.
        let schema = try client.proxy(try ObjectPath(Provider.rootPath)).call(Provider.rootInterface, "GetClass", [.string("SMS_TaskSequencePackage")])
        let properties = try #require(schema.first?.stringKeyedEntries?["Properties"]?.unwrappingVariant)
        guard case .array(_, let entries) = properties else {
            Issue.record("Properties is \(properties)")
            return
        }
        let names = entries.compactMap {
            $0.stringKeyedEntries?["Name"].flatMap { try? $0.unwrappingVariant.decode(String.self) }
        }
        #expect(names.count >= 78)
        for name in names where name != "Sequence" { #expect(all[name] != nil, "\(name) is not served") }
    }

    @Test func busctlQueriesSelectAndFilterTheNewProperties() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try Self.importEnriched(client)
        _ = try client.proxy(package).call(Provider.packageInterface, "Disable")
        let id = String(package.rawValue.split(separator: "/").last ?? "")
        let wql = "SELECT PackageID, TsEnabled, PkgFlags FROM SMS_TaskSequencePackage WHERE TsEnabled = FALSE AND PkgFlags = \(WholePackageFixture.pkgFlags) AND PackageID = '\(id)'"
        let run = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.rootPath, Provider.busName, "ExecQuery", "s", wql])
        #expect(run.succeeded, "\(run)")
        let reply = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let rows = ((reply?["data"] as? [Any])?.first as? [[String: [String: Any]]]) ?? []
        #expect(rows.count == 1)
        #expect(rows.first?["TsEnabled"]?["data"] as? Bool == false)
        #expect((rows.first?["PkgFlags"]?["data"] as? NSNumber)?.uint32Value == WholePackageFixture.pkgFlags)
    }

    @Test func enableAndDisableAreMethods() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let package = try Self.importEnriched(client)
        _ = try client.proxy(package).call(Provider.packageInterface, "Disable")
        #expect(try client.property("TsEnabled", of: Provider.packageInterface, at: package) == .boolean(false))
        let flags = try client.property("ProgramFlags", of: Provider.packageInterface, at: package).decode(UInt32.self)
        #expect(flags & 0x1000 != 0)
        _ = try client.proxy(package).call(Provider.packageInterface, "Enable")
        #expect(try client.property("TsEnabled", of: Provider.packageInterface, at: package) == .boolean(true))
        #expect(try client.property("ProgramFlags", of: Provider.packageInterface, at: package).decode(UInt32.self) == flags & ~0x1000)
        // Writing TsEnabled does the same.
        try client.set("TsEnabled", of: Provider.packageInterface, at: package, to: .boolean(false))
        #expect(try client.property("ProgramFlags", of: Provider.packageInterface, at: package).decode(UInt32.self) == flags)
    }

    @Test func propertiesSetFollowsTheReferenceRules() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let package = try Self.importEnriched(client)
        try client.set("Priority", of: Provider.packageInterface, at: package, to: .uint32(3))
        try client.set("Icon", of: Provider.packageInterface, at: package, to: .bytes([1, 2, 3]))
        try client.set("SupportedOperatingSystems", of: Provider.packageInterface, at: package, to: .array(.structure([.string, .string, .string, .string]), [
            .structure([.string("10.00.99999.9999"), .string("10.00.0000.0"), .string("Win NT"), .string("ARM64")]),
        ]))
        #expect(try client.property("Priority", of: Provider.packageInterface, at: package) == .uint32(3))
        #expect(try client.property("IconSize", of: Provider.packageInterface, at: package) == .uint32(3))
        let before = try client.proxy(package).allProperties(of: Provider.packageInterface)
        for readOnly in [("SedoObjectVersion", DBusValue.string("X")), ("SecuredScopeNames", .array(.string, [])), ("SourceSize", .uint32(1))] {
            #expect {
                try client.set(readOnly.0, of: Provider.packageInterface, at: package, to: readOnly.1)
            } throws: { error in
                (error as? DBusError)?.name == "org.freedesktop.DBus.Error.PropertyReadOnly"
            }
        }
        #expect {
            try client.set("ShareType", of: Provider.packageInterface, at: package, to: .uint32(3))
        } throws: { error in
            (error as? DBusError)?.name == "org.tsprovider.Provider1.Error.ValidationFailed"
                && (error as? DBusError)?.message.contains("ShareType") == true
        }
        #expect(try client.proxy(package).allProperties(of: Provider.packageInterface) == before)
    }

    @Test func exportDataGivesZipsThatImportBack() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let first = try Self.importEnriched(client)
        let second = try client.importPackage(String(decoding: try Fixtures.data(WholePackageFixture.baseName), as: UTF8.self), name: "second")
        let zip = try client.proxy(first).call(Provider.packageInterface, "ExportData", [.stringVariantDictionary(["format": .string("zip")])])
            .decode([UInt8].self)
        let documents = try TaskSequenceReader().documents(from: Data(zip))
        #expect(documents.count == 1 && documents.first?.package.icon == WholePackageFixture.pngIcon)

        let id = { (path: ObjectPath) in String(path.rawValue.split(separator: "/").last ?? "") }
        let both = try client.proxy(try ObjectPath(Provider.packageClassPath)).call(Provider.packageClassInterface, "ExportData", [
            .array(.string, [.string(id(first)), .string(id(second))]), .stringVariantDictionary([:]),
        ]).decode([UInt8].self)
        #expect(try TaskSequenceReader().documents(from: Data(both)).map(\.package.packageID) == [id(first), id(second)])

        // A zip export imports back to the same properties.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-whole-\(UUID().uuidString).zip")
        try Data(zip).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let again = try client.importFile(descriptorOf: file.path)
        let original = try client.proxy(first).allProperties(of: Provider.packageInterface)
        let reimported = try client.proxy(again).allProperties(of: Provider.packageInterface)
        for (name, value) in original where !["PackageID", "SourceVersion", "SourceDate", "SourceSite", "TaskSequenceFlags"].contains(name) {
            #expect(reimported[name] == value, "\(name)")
        }

        #expect {
            _ = try client.proxy(first).call(Provider.packageInterface, "Export", [.stringVariantDictionary(["format": .string("zip")])])
        } throws: { error in
            (error as? DBusError)?.name == "org.freedesktop.DBus.Error.InvalidArgs"
        }
    }
}
