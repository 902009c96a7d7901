import DBusKit
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Mutable state behind the test object (a class so setters can change it).
final class TestState: Sendable {
    let name = Mutex("initial")
    let counter = Mutex<UInt32>(7)
    let secret = Mutex("")
    let mode = Mutex("idle")
}

/// The service the bus tests talk to: one fixed object exercising every type and error path,
/// a lazy subtree of a million items, a small enumerable tree under an object manager, and a
/// subtree visible only to root.
enum TestService {
    static let busName = "org.dbuskit.Test"
    static let interfaceName = "org.dbuskit.Test1"
    static let itemInterfaceName = "org.dbuskit.Item1"
    static let errors = DBusErrorDomain("org.dbuskit.Test1.Error")
    static let itemCount = 1_000_000

    static let notice = DBusSignal("Notice", arguments: [DBusArgument("text", .string)])

    static let interface = DBusInterface<TestState>(interfaceName) {
        DBusMethod("EchoVariant", inputs: [DBusArgument("value", .variant)], outputs: [DBusArgument("value", .variant)]) { _, call in
            call.arguments
        }
        DBusMethod(
            "EchoBasics",
            inputs: basicArguments.map { DBusArgument("in_\($0.name)", $0.type) },
            outputs: basicArguments.map { DBusArgument("out_\($0.name)", $0.type) }
        ) { _, call in call.arguments }
        DBusMethod("EchoBytes", inputs: [DBusArgument("data", [UInt8].self)], outputs: [DBusArgument("data", [UInt8].self)]) { _, call in
            [try call.decode([UInt8].self).dbusValue]
        }
        DBusMethod(
            "EchoArrays",
            inputs: arrayTypes.enumerated().map { DBusArgument("a\($0.offset)", $0.element) },
            outputs: arrayTypes.enumerated().map { DBusArgument("a\($0.offset)", $0.element) }
        ) { _, call in call.arguments }
        DBusMethod("EchoDict", inputs: [DBusArgument("dict", [String: DBusValue].self)], outputs: [DBusArgument("dict", [String: DBusValue].self)]) { _, call in
            [try call.decode([String: DBusValue].self).dbusValue]
        }
        DBusMethod("EchoStruct", inputs: [DBusArgument("record", structType)], outputs: [DBusArgument("record", structType)]) { _, call in
            call.arguments
        }
        DBusMethod("EchoNested", inputs: [DBusArgument("rows", nestedType)], outputs: [DBusArgument("rows", nestedType)]) { _, call in
            call.arguments
        }
        DBusMethod("EchoFD", inputs: [DBusArgument("fd", .unixFD)], outputs: [DBusArgument("fd", .unixFD)]) { _, call in
            call.arguments
        }
        DBusMethod("ReadFD", inputs: [DBusArgument("fd", .unixFD)], outputs: [DBusArgument("text", .string)]) { _, call in
            let descriptor = try call.decode(UnixFileDescriptor.self)
            var buffer = [UInt8](repeating: 0, count: 256)
            lseek(descriptor.rawValue, 0, SEEK_SET)
            let count = buffer.withUnsafeMutableBytes { read(descriptor.rawValue, $0.baseAddress, $0.count) }
            return [.string(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self))]
        }
        DBusMethod(
            "Concat", inputs: [DBusArgument("text", .string), DBusArgument("count", .uint32)],
            outputs: [DBusArgument("result", .string)]
        ) { _, call in
            let (text, count) = try call.decode(String.self, UInt32.self)
            return [.string(String(repeating: text, count: Int(count)))]
        }
        DBusMethod(
            "WhoAmI",
            outputs: [DBusArgument("sender", .string), DBusArgument("uid", .uint32), DBusArgument("gids", .array(.uint32)), DBusArgument("pid", .uint32)]
        ) { _, call in
            let credentials = try call.caller.credentials()
            return [.string(call.caller.sender ?? ""), .uint32(credentials.uid), credentials.groupIDs.dbusValue, .uint32(credentials.processID ?? 0)]
        }
        DBusMethod("Fail", inputs: [DBusArgument("name", .string), DBusArgument("message", .string)]) { _, call in
            let (name, message) = try call.decode(String.self, String.self)
            throw DBusError(name: name, message: message)
        }
        DBusMethod("FailCustom", inputs: [DBusArgument("suffix", .string)]) { _, call in
            throw errors.error(try call.decode(String.self), "custom failure")
        }
        DBusMethod("Sleep", inputs: [DBusArgument("milliseconds", .uint32)], outputs: [DBusArgument("done", .string)], async: { _, call in
            let milliseconds = try call.decode(UInt32.self)
            try await Task.sleep(for: .milliseconds(Int(milliseconds)))
            return [.string("slept \(milliseconds)")]
        })
        DBusMethod("BadReturn", outputs: [DBusArgument("text", .string)]) { _, _ in
            [.uint32(1)]
        }
        DBusMethod("EmitNotice", inputs: [DBusArgument("destination", .string), DBusArgument("text", .string)]) { _, call in
            let (destination, text) = try call.decode(String.self, String.self)
            try call.server.emit(
                "Notice", of: call.interfaceInfo, from: call.path, arguments: [.string(text)],
                to: destination.isEmpty ? nil : destination)
            return []
        }
        DBusProperty("Name", String.self, get: { state, _ in state.name.withLock { $0 } }, set: { state, value, _ in
            state.name.withLock { $0 = value }
        })
        DBusProperty("Counter", .uint32, emitsChangedSignal: .false) { state, _ in .uint32(state.counter.withLock { $0 }) }
        DBusProperty("Secret", .string) { state, value, _ in
            state.secret.withLock { $0 = value.stringValue ?? "" }
        }
        DBusProperty("Mode", String.self, emitsChangedSignal: .invalidates, get: { state, _ in state.mode.withLock { $0 } }, set: { state, value, _ in
            state.mode.withLock { $0 = value }
        })
        DBusProperty("Version", String.self, emitsChangedSignal: .const) { _, _ in "1.0" }
        notice
        DBusAnnotation("org.dbuskit.Comment", "a test <interface> & more")
    }

    static let basicArguments: [DBusArgument] = [
        DBusArgument("byte", .byte), DBusArgument("bool", .boolean), DBusArgument("int16", .int16),
        DBusArgument("uint16", .uint16), DBusArgument("int32", .int32), DBusArgument("uint32", .uint32),
        DBusArgument("int64", .int64), DBusArgument("uint64", .uint64), DBusArgument("double", .double),
        DBusArgument("string", .string), DBusArgument("path", .objectPath), DBusArgument("signature", .signature),
    ]

    static let arrayTypes: [DBusType] = [
        .array(.int32), .array(.int16), .array(.double), .array(.boolean), .array(.uint64), .array(.string), .array(.objectPath),
    ]

    static let structType = DBusType.structure([.string, .dictionary(key: .string, value: .int32), .structure([.int32, .boolean])])
    static let nestedType = DBusType.array(.dictionary(key: .string, value: .variant))

    /// An item of the lazy subtree: its number is its model.
    static let item = DBusInterface<Int>(itemInterfaceName) {
        DBusProperty("Number", Int.self) { number, _ in number }
        DBusMethod("Describe", outputs: [DBusArgument("text", .string)]) { number, call in
            [.string("item \(number) at \(call.path)")]
        }
    }

    /// An object visible only to root (uid 0).
    static let secretItem = DBusInterface<String>("org.dbuskit.Secret1") {
        DBusProperty("Label", String.self) { label, _ in label }
    }
}

/// A running test service and a client connection on a private bus.
final class ServiceFixture: Sendable {
    let bus: PrivateBus
    let serverConnection: DBusConnection
    let server: ObjectServer
    let client: DBusConnection
    let state = TestState()

    let testPath: ObjectPath
    let itemsPath: ObjectPath
    let treePath: ObjectPath
    let privatePath: ObjectPath

    init(configuration: PrivateBus.Configuration = PrivateBus.Configuration()) throws {
        bus = try PrivateBus.start(configuration)
        serverConnection = try DBusConnection(address: bus.address)
        server = try ObjectServer(connection: serverConnection)
        client = try DBusConnection(address: bus.address)
        testPath = try ObjectPath("/org/dbuskit/Test")
        itemsPath = try ObjectPath("/org/dbuskit/Items")
        treePath = try ObjectPath("/org/dbuskit/Tree")
        privatePath = try ObjectPath("/org/dbuskit/Private")

        try server.register(DBusObject(TestService.interface.bound(to: state)), at: testPath)

        // A million items, resolved from their path alone; only a window is enumerated.
        let itemsPath = itemsPath
        try server.registerSubtree(
            itemsPath,
            resolve: { path, _ in
                guard let components = path.components(below: itemsPath), components.count == 1,
                      let number = Int(components[0]), (0..<TestService.itemCount).contains(number) else { return nil }
                return DBusObject(TestService.item.bound(to: number))
            },
            enumerate: { path, _ in path == itemsPath ? ["0", "1", "2"] : [] })

        // A small enumerable tree: /Tree/a, /Tree/a/x, /Tree/b, managed by an object manager at /Tree.
        let treePath = treePath
        let tree: [String: [String]] = ["": ["a", "b"], "a": ["x"], "b": [], "a/x": []]
        try server.registerSubtree(
            treePath,
            resolve: { path, _ in
                guard let components = path.components(below: treePath), !components.isEmpty else { return nil }
                let key = components.joined(separator: "/")
                guard tree[key] != nil else { return nil }
                return DBusObject(TestService.item.bound(to: key.count))
            },
            enumerate: { path, _ in
                guard let components = path.components(below: treePath) else { return [] }
                return tree[components.joined(separator: "/")] ?? []
            })
        server.addObjectManager(at: treePath)

        // Objects only root may see: for anyone else they do not exist.
        let privatePath = privatePath
        try server.registerSubtree(
            privatePath,
            resolve: { path, caller in
                guard try caller.credentials().uid == 0, let label = path.lastComponent, path != privatePath else { return nil }
                return DBusObject(TestService.secretItem.bound(to: String(label)))
            },
            enumerate: { path, caller in
                guard path == privatePath, try caller.credentials().uid == 0 else { return [] }
                return ["alpha", "beta"]
            })

        try serverConnection.requestName(TestService.busName)
    }

    /// A proxy for the test object.
    var testObject: DBusProxy { DBusProxy(connection: client, destination: TestService.busName, path: testPath) }

    /// A proxy for any path of the service.
    func proxy(_ path: String) throws -> DBusProxy {
        DBusProxy(connection: client, destination: TestService.busName, path: try ObjectPath(path))
    }

    func close() {
        client.close()
        serverConnection.close()
        bus.stop()
    }
}

/// Runs `body` with a fresh service on a fresh private bus, tearing both down afterwards.
func withService<T>(
    _ configuration: PrivateBus.Configuration = PrivateBus.Configuration(),
    _ body: (ServiceFixture) async throws -> T
) async throws -> T {
    let fixture = try ServiceFixture(configuration: configuration)
    defer { fixture.close() }
    return try await body(fixture)
}
