import DBusKit
import Foundation
import TestSupport
import Testing
@testable import ProviderDBus

/// The files in `interfaces/` and `policy/` are derived from the code: these tests keep them equal.
/// Run with `TSPROVIDER_UPDATE_INTERFACES=1` to write the interface files again after changing a declaration.
@Suite struct InterfaceFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let interfacesDirectory = repository.appendingPathComponent("interfaces").path

    @Test func everyInterfaceHasItsFileAndTheFilesMatchTheDeclarations() throws {
        if ProcessInfo.processInfo.environment["TSPROVIDER_UPDATE_INTERFACES"] == "1" {
            try InterfaceFiles.write(Interfaces.all, to: Self.interfacesDirectory)
        }
        let mismatches = InterfaceFiles.check(Interfaces.all, in: Self.interfacesDirectory)
        #expect(mismatches.isEmpty, "\(mismatches)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.interfacesDirectory).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files == Interfaces.all.map(InterfaceFiles.fileName).sorted(), "interfaces/ holds files for interfaces nobody serves")
    }

    @Test func everyInterfaceMemberAndArgumentIsDocumented() {
        for interface in Interfaces.all {
            #expect(interface.undocumentedParts.isEmpty, "\(interface.name) lacks documentation for \(interface.undocumentedParts)")
        }
    }

    /// gdbus-codegen copies comments into DocBook as markup and reads `@name` as a parameter
    /// reference, so documentation is plain text: no `<`, `>`, `&`, `@` or `--`.
    @Test func documentationIsPlainText() {
        for interface in Interfaces.all {
            var texts: [String?] = [interface.documentation]
            for method in interface.methods {
                texts.append(method.documentation)
                texts += (method.inputs + method.outputs).map(\.documentation)
            }
            texts += interface.properties.map(\.documentation)
            for signal in interface.signals {
                texts.append(signal.documentation)
                texts += signal.arguments.map(\.documentation)
            }
            for text in texts.compactMap({ $0 }) {
                #expect(!text.contains(where: { "<>&@".contains($0) }) && !text.contains("--"), "\(interface.name): markup in \"\(text)\"")
            }
        }
    }

    /// The reference users read is what `gdbus-codegen` renders from the files (DocBook renders
    /// out-arguments, which its reStructuredText output leaves out): every method, property and
    /// signal appears with its description, and every argument with its own, word for word.
    @Test func gdbusCodegenRendersTheDocumentationOfEveryMember() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-docbook-\(getpid())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let files = Interfaces.all.map { Self.interfacesDirectory + "/" + InterfaceFiles.fileName(for: $0) }
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/gdbus-codegen"), ["--generate-docbook", output.path + "/api"] + files)
        try #require(result.status == 0, "gdbus-codegen failed: \(result.errorOutput)")
        for interface in Interfaces.all {
            let docbook = try String(contentsOfFile: output.path + "/api-\(interface.name).xml", encoding: .utf8)
            let text = Self.words(Self.plainText(ofDocBook: docbook))
            func rendered(_ documentation: String?) -> Bool { documentation.map { text.contains(Self.words($0)) } ?? false }
            let anchor = interface.name.replacingOccurrences(of: ".", with: "-")
            #expect(rendered(interface.documentation), "\(interface.name): description missing from the reference")
            for method in interface.methods {
                #expect(docbook.contains("id=\"gdbus-method-\(anchor).\(method.name)\""), "\(interface.name).\(method.name) missing")
                #expect(rendered(method.documentation), "\(interface.name).\(method.name): description missing from the reference")
                for argument in method.inputs + method.outputs {
                    #expect(rendered(argument.documentation), "\(interface.name).\(method.name)(\(argument.name)): description missing")
                }
            }
            for property in interface.properties {
                #expect(docbook.contains("id=\"gdbus-property-\(anchor).\(property.name)\""), "\(interface.name):\(property.name) missing")
                #expect(rendered(property.documentation), "\(interface.name):\(property.name): description missing from the reference")
            }
            for signal in interface.signals {
                #expect(docbook.contains("id=\"gdbus-signal-\(anchor).\(signal.name)\""), "\(interface.name)::\(signal.name) missing")
                #expect(rendered(signal.documentation), "\(interface.name)::\(signal.name): description missing from the reference")
                for argument in signal.arguments {
                    #expect(rendered(argument.documentation), "\(interface.name)::\(signal.name)(\(argument.name)): description missing")
                }
            }
        }
    }

    /// The text a reader sees: tags dropped, entities decoded.
    static func plainText(ofDocBook docbook: String) -> String {
        docbook.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func theInstalledBusPolicyIsTheOneTheDaemonUses() throws {
        let file = try String(contentsOfFile: Self.repository.appendingPathComponent("policy/org.tsprovider.Provider1.conf").path, encoding: .utf8)
        #expect(file == BusPolicy.file)
    }
}
