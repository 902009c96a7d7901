import DBusKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The interfaces of the service, read from the introspection XML files in `interfaces/`: the
/// source every fuzzed call is generated from, so a member added to a file is fuzzed at once.
struct InterfaceCatalog: Sendable {
    /// The interfaces by name.
    let interfaces: [String: InterfaceDescription]

    /// The standard interfaces every object carries (and the root's object manager), declared
    /// here because the project's files describe only its own.
    static let standard: [InterfaceDescription] = [
        InterfaceDescription(name: "org.freedesktop.DBus.Introspectable", methods: [.init(name: "Introspect", inputs: [])], properties: []),
        InterfaceDescription(name: "org.freedesktop.DBus.Peer", methods: [
            .init(name: "Ping", inputs: []), .init(name: "GetMachineId", inputs: []),
        ], properties: []),
        InterfaceDescription(name: "org.freedesktop.DBus.Properties", methods: [
            .init(name: "Get", inputs: [.string, .string]),
            .init(name: "GetAll", inputs: [.string]),
            .init(name: "Set", inputs: [.string, .string, .variant]),
        ], properties: []),
        InterfaceDescription(name: "org.freedesktop.DBus.ObjectManager", methods: [.init(name: "GetManagedObjects", inputs: [])], properties: []),
    ]

    init(interfaces: [InterfaceDescription]) {
        var byName: [String: InterfaceDescription] = [:]
        for interface in interfaces + Self.standard { byName[interface.name] = interface }
        self.interfaces = byName
    }

    /// Reads every `*.xml` file in `directory`.
    ///
    /// - Throws: ``StressFailure`` naming the file that cannot be read or parsed, or a type that
    ///   is not a valid D-Bus signature.
    static func load(directory: String) throws -> InterfaceCatalog {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
        guard !names.isEmpty else { throw StressFailure("no interface files (*.xml) in \(directory)") }
        var interfaces: [InterfaceDescription] = []
        for name in names {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw StressFailure("cannot read \(path)") }
            interfaces += try parse(data, source: path)
        }
        return InterfaceCatalog(interfaces: interfaces)
    }

    /// The interfaces declared in one introspection document.
    static func parse(_ data: Data, source: String) throws -> [InterfaceDescription] {
        let reader = IntrospectionReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            throw StressFailure("\(source): not a well-formed introspection document (\(parser.parserError.map { "\($0)" } ?? "unknown error"), line \(parser.lineNumber))")
        }
        if let problem = reader.problem { throw StressFailure("\(source): \(problem)") }
        return reader.interfaces
    }
}

/// Collects interfaces, methods, input arguments and properties from XMLParser events; doc
/// comments and annotations are skipped.
private final class IntrospectionReader: NSObject, XMLParserDelegate {
    var interfaces: [InterfaceDescription] = []
    var problem: String?
    private var current: InterfaceDescription?
    private var method: InterfaceDescription.Method?

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "interface":
            current = InterfaceDescription(name: attributes["name"] ?? "", methods: [], properties: [])
        case "method":
            method = InterfaceDescription.Method(name: attributes["name"] ?? "", inputs: [])
        case "arg" where method != nil && (attributes["direction"] ?? "in") == "in":
            if let type = self.type(attributes["type"], line: parser.lineNumber) { method?.inputs.append(type) }
        case "property":
            guard let type = self.type(attributes["type"], line: parser.lineNumber) else { return }
            let access = attributes["access"] ?? "read"
            current?.properties.append(.init(name: attributes["name"] ?? "", type: type, writable: access.contains("write")))
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "method":
            if let method { current?.methods.append(method) }
            method = nil
        case "interface":
            if let current { interfaces.append(current) }
            current = nil
        default:
            break
        }
    }

    private func type(_ signature: String?, line: Int) -> DBusType? {
        do {
            return try DBusType(parsing: signature ?? "")
        } catch {
            problem = problem ?? "line \(line): type '\(signature ?? "")' is not one complete D-Bus type"
            return nil
        }
    }
}
