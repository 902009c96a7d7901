import DBusKit
import Foundation
import TaskSequenceSDK
import TestSupport
import Testing

/// The contract the service and the SDK share is declared once (ProviderContract and
/// TaskSequenceModel), under one name, and both directions of the D-Bus error mapping read the
/// same table.
@Suite struct ContractTests {
    /// The types still declared on both sides, each awaiting its move into ProviderContract.
    /// A name leaves this list when it moves; nothing may join it.
    static let notYetShared: Set<String> = [
    ]

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/shared-type-duplicates.sh")

    @Test func noTypeBeyondTheKnownOnesIsDeclaredInTwoModules() throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), [Self.script.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        let duplicated = Set(result.outputLines.map { String($0.prefix { $0 != ":" }) })
        #expect(duplicated == Self.notYetShared, "declared twice: \(result.output)")
        for line in result.outputLines {
            #expect(line.hasSuffix(": ProviderCore TaskSequenceSDK"), "\(line)")
        }
    }

    static let shapeScript = script.deletingLastPathComponent().appendingPathComponent("same-shape-mirrors.sh")

    /// No type mirrors another under a different name: no two declare the same JSON keys.
    @Test func noJSONShapeIsDeclaredTwiceUnderTwoNames() throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), [Self.shapeScript.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.outputLines.isEmpty, "declared twice under two names: \(result.output)")
    }

    /// The check finds a renamed mirror: the SDK's old PackageChange beside the model's SequenceChange.
    @Test func theShapeCheckFindsARenamedMirror() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("shape-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let keys = """
                enum CodingKeys: String, CodingKey {
                    case kind = "Kind", stepID = "StepID"
                    case old = "Old", new = "New"
                }
            """
        for (module, name) in [("TaskSequenceModel", "SequenceChange"), ("TaskSequenceSDK", "PackageChange")] {
            let folder = root.appendingPathComponent("Sources/\(module)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "public struct \(name): Codable {\n\(keys)\n}\n".write(to: folder.appendingPathComponent("\(name).swift"), atomically: true, encoding: .utf8)
        }
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["ROOT=\(root.path)", "/bin/sh", Self.shapeScript.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.outputLines == ["Kind,New,Old,StepID: TaskSequenceModel/SequenceChange.swift TaskSequenceSDK/PackageChange.swift"])
    }

    @Test func everyErrorNameComesBackAsTheCaseThatSendsIt() {
        for name in ProviderErrorName.allCases {
            let error = ProviderError(DBusError(name: name.dbusName, message: "what was wrong"))
            #expect(error.errorName == name, "\(name.dbusName) became \(error)")
            #expect(error.dbusName == name.dbusName)
        }
    }

    @Test func theProvidersOwnNamesAreThoseUnderItsDomain() {
        #expect(ProviderError.domain.prefix == ProviderErrorName.providerDomain)
        #expect(Set(ProviderErrorName.providerNames.values) == [
            .notFound, .conflict, .invalidXML, .invalidQuery, .validationFailed, .storageFailed, .storageFull, .storageReadOnly,
        ])
        #expect(ProviderErrorName.invalidXML.dbusName == "org.tsprovider.Provider1.Error.InvalidXml")
    }

    @Test func rightsNameEveryBitTheServiceAndClientsKnow() {
        #expect(Rights.all.names == Rights.named.map(\.name))
        #expect(Rights(parsing: "Distribute|Advertise|ImportMachine") == [.distribute, .advertise, .importMachine])
        #expect(Rights.classOnly.description == "Administer|Create|ImportMachine")
        #expect(Rights(rawValue: 0x100001).description == "Read|1048576")
        #expect(Rights.numbered.hasPrefix("Read 1, Modify 2, Delete 4, Distribute 8, Advertise 64"))
    }
}
