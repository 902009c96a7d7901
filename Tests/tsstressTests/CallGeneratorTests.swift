import DBusKit
import Foundation
import Testing
@testable import tsstress

/// The stress run's call generator reads every interface file and makes well-formed calls of
/// every member (the run itself, `make stress`, is too long for `make test`).
@Suite struct CallGeneratorTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let interfacesDirectory = repository.appendingPathComponent("interfaces").path

    static func catalog() throws -> InterfaceCatalog { try InterfaceCatalog.load(directory: interfacesDirectory) }

    static func generator(_ catalog: InterfaceCatalog) throws -> CallGenerator {
        let paths = [ObjectPath.rootProvider, try ObjectPath("/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS100001")]
        return CallGenerator(catalog: catalog, vocabulary: FuzzVocabulary(
            livePaths: paths, words: CallGenerator.names(in: catalog), documents: ["<sequence version=\"3.10\"/>", "SELECT * FROM SMS_Package"]))
    }

    @Test func everyInterfaceFileIsReadWithItsMembers() throws {
        let catalog = try Self.catalog()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.interfacesDirectory).filter { $0.hasSuffix(".xml") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: Self.interfacesDirectory + "/" + file, encoding: .utf8)
            for (name, element) in IntrospectionXML.interfaceElements(in: text) {
                let interface = try #require(catalog.interfaces[name], "\(file) declares \(name), which the catalog lacks")
                let methods = element.components(separatedBy: "<method name=\"").count - 1
                let properties = element.components(separatedBy: "<property name=\"").count - 1
                #expect(interface.methods.count == methods, "\(name): \(interface.methods.map(\.name))")
                #expect(interface.properties.count == properties, "\(name): \(interface.properties.map(\.name))")
            }
        }
        let import_ = try #require(catalog.interfaces["org.tsprovider.Provider1.TaskSequencePackageClass"]?.methods.first { $0.name == "Import" })
        #expect(import_.inputs == [.string, .dictionary(key: .string, value: .variant)])
    }

    @Test func rightlyTypedArgumentsOfEveryMethodMakeAMessageOfItsSignature() throws {
        let catalog = try Self.catalog()
        let generator = try Self.generator(catalog)
        var random = SeededRandom(seed: 7)
        for interface in catalog.interfaces.values {
            for method in interface.methods {
                for _ in 0..<20 {
                    let arguments = method.inputs.map { generator.values.value(of: $0, using: &random) }
                    let message = try DBusMessage.methodCall(destination: CallGenerator.destination, path: .rootProvider,
                                                             interface: interface.name, method: method.name, arguments: arguments)
                    #expect(message.signature == method.inputs.map(\.signature).joined(), "\(interface.name).\(method.name)")
                    #expect(try message.arguments().count == method.inputs.count)
                }
            }
        }
    }

    @Test func generatedCallsOnAnObjectNameItsMembersAndCarryReadableArguments() throws {
        let catalog = try Self.catalog()
        let generator = try Self.generator(catalog)
        let names = Set(catalog.interfaces.values.flatMap { $0.methods.map(\.name) })
        var random = SeededRandom(seed: 11)
        var membersSeen: Set<String> = []
        for interface in catalog.interfaces.keys.sorted() {
            let target = FuzzTarget(path: .rootProvider, kind: "test", interfaces: [interface, "org.freedesktop.DBus.Properties"])
            for _ in 0..<200 {
                let call = try generator.call(on: target, using: &random)
                #expect(call.message.kind == .methodCall)
                #expect(call.message.destination == CallGenerator.destination)
                _ = try call.message.arguments()
                let member = try #require(call.message.member)
                membersSeen.insert(member)
                #expect(names.contains(member) || ["NoSuchMethod", "delete", "Get_", "X"].contains(member), "\(call.summary)")
            }
        }
        let declared = Set(catalog.interfaces.values.filter { $0.name.hasPrefix("org.tsprovider.") }.flatMap { $0.methods.map(\.name) })
        #expect(declared.isSubset(of: membersSeen), "never generated: \(declared.subtracting(membersSeen).sorted())")
    }

    @Test func aTypeThatIsNotOneCompleteSignatureIsRefused() throws {
        #expect(throws: StressFailure.self) {
            try InterfaceCatalog.parse(Data("<node><interface name=\"a.b\"><property name=\"P\" type=\"a{\" access=\"read\"/></interface></node>".utf8), source: "bad.xml")
        }
    }
}
