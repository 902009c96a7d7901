import Foundation

/// An argument of a planned call, typed so that python-dbus marshals it as the daemon expects.
///
/// JSON form: a plain string for `s`; `{"u": n}`, `{"i": n}`, `{"o": path}`, `{"b": flag}` and
/// `{"a{sv}": {…}}` for the others (see ``BusClientScripts/executor``).
indirect enum PlanArgument: Encodable, Sendable, Hashable {
    case string(String)
    case uint32(UInt32)
    case int32(Int32)
    case boolean(Bool)
    case objectPath(String)
    case dictionary([String: PlanArgument])

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .uint32(let number): try container.encode(["u": number])
        case .int32(let number): try container.encode(["i": number])
        case .boolean(let flag): try container.encode(["b": flag])
        case .objectPath(let path): try container.encode(["o": path])
        case .dictionary(let entries): try container.encode(["a{sv}": entries])
        }
    }

    /// Every string inside the argument, for telling which IDs a call was given.
    var texts: [String] {
        switch self {
        case .string(let text), .objectPath(let text): [text]
        case .uint32, .int32, .boolean: []
        case .dictionary(let entries): entries.keys.sorted() + entries.values.flatMap(\.texts)
        }
    }
}

/// One D-Bus method call a client session makes on the provider.
struct PlannedCall: Encodable, Sendable, Hashable {
    /// Names the call in the session's output; never contains an ID.
    let id: String
    let path: String
    let interface: String
    let member: String
    let signature: String
    let args: [PlanArgument]

    /// The path and every string argument: what the caller itself told the daemon.
    var inputTexts: [String] { [path] + args.flatMap(\.texts) }

    /// `Properties.Get(interface, name)` on `path`.
    static func get(_ id: String, _ path: String, _ interface: String, _ name: String) -> PlannedCall {
        PlannedCall(id: id, path: path, interface: Provider.propertiesInterface, member: "Get", signature: "ss", args: [.string(interface), .string(name)])
    }

    /// `Properties.GetAll(interface)` on `path`.
    static func getAll(_ id: String, _ path: String, _ interface: String) -> PlannedCall {
        PlannedCall(id: id, path: path, interface: Provider.propertiesInterface, member: "GetAll", signature: "s", args: [.string(interface)])
    }

    /// `Properties.Set(interface, name, value)` on `path`.
    static func set(_ id: String, _ path: String, _ interface: String, _ name: String, _ value: PlanArgument) -> PlannedCall {
        PlannedCall(id: id, path: path, interface: Provider.propertiesInterface, member: "Set", signature: "ssv", args: [.string(interface), .string(name), value])
    }

    /// `Introspectable.Introspect()` on `path`.
    static func introspect(_ id: String, _ path: String) -> PlannedCall {
        PlannedCall(id: id, path: path, interface: "org.freedesktop.DBus.Introspectable", member: "Introspect", signature: "", args: [])
    }

    /// A method of the root interface.
    static func root(_ id: String, _ member: String, _ signature: String, _ args: [PlanArgument]) -> PlannedCall {
        PlannedCall(id: id, path: Provider.rootPath, interface: Provider.rootInterface, member: member, signature: signature, args: args)
    }

    /// A method with no arguments.
    static func method(_ id: String, _ path: String, _ interface: String, _ member: String) -> PlannedCall {
        PlannedCall(id: id, path: path, interface: interface, member: member, signature: "", args: [])
    }
}

/// What a session printed for one call: its result, or the D-Bus error it got.
struct CallOutcome: Decodable, Sendable, CustomStringConvertible {
    let id: String
    let ok: Bool
    let errorName: String?
    let errorMessage: String?
    let result: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, ok, result
        case errorName = "error_name"
        case errorMessage = "error_message"
    }

    var description: String {
        ok ? "ok \(result.map { "\($0)".prefix(300) } ?? "")" : "\(errorName ?? "?"): \(errorMessage ?? "")"
    }
}
