/// A D-Bus error: a name such as `org.freedesktop.DBus.Error.AccessDenied` plus a message.
///
/// The standard `org.freedesktop.DBus.Error.*` names have their own cases, so you can match
/// exactly (`catch DBusError.unknownObject(let message)`) or broadly (`catch let error as
/// DBusError` then look at ``name``). Any other name — a service's own, see ``DBusErrorDomain`` —
/// is ``other(name:message:)``. The same type serves both sides: errors thrown from method
/// handlers become error replies, and error replies come back to callers as these values.
public enum DBusError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `org.freedesktop.DBus.Error.Failed`: a generic failure.
    case failed(String)
    /// `org.freedesktop.DBus.Error.NoMemory`
    case noMemory(String)
    /// `org.freedesktop.DBus.Error.ServiceUnknown`: no service owns the destination name.
    case serviceUnknown(String)
    /// `org.freedesktop.DBus.Error.NameHasNoOwner`
    case nameHasNoOwner(String)
    /// `org.freedesktop.DBus.Error.NoReply`: the call timed out or the peer never answered.
    case noReply(String)
    /// `org.freedesktop.DBus.Error.IOError`
    case ioError(String)
    /// `org.freedesktop.DBus.Error.BadAddress`
    case badAddress(String)
    /// `org.freedesktop.DBus.Error.NotSupported`
    case notSupported(String)
    /// `org.freedesktop.DBus.Error.LimitsExceeded`
    case limitsExceeded(String)
    /// `org.freedesktop.DBus.Error.AccessDenied`
    case accessDenied(String)
    /// `org.freedesktop.DBus.Error.AuthFailed`
    case authFailed(String)
    /// `org.freedesktop.DBus.Error.NoServer`
    case noServer(String)
    /// `org.freedesktop.DBus.Error.Timeout`
    case timeout(String)
    /// `org.freedesktop.DBus.Error.NoNetwork`
    case noNetwork(String)
    /// `org.freedesktop.DBus.Error.AddressInUse`
    case addressInUse(String)
    /// `org.freedesktop.DBus.Error.Disconnected`: the connection is closed.
    case disconnected(String)
    /// `org.freedesktop.DBus.Error.InvalidArgs`: arguments of the wrong type or value.
    case invalidArgs(String)
    /// `org.freedesktop.DBus.Error.FileNotFound`
    case fileNotFound(String)
    /// `org.freedesktop.DBus.Error.FileExists`
    case fileExists(String)
    /// `org.freedesktop.DBus.Error.UnknownMethod`
    case unknownMethod(String)
    /// `org.freedesktop.DBus.Error.UnknownObject`: no object at that path (for this caller).
    case unknownObject(String)
    /// `org.freedesktop.DBus.Error.UnknownInterface`
    case unknownInterface(String)
    /// `org.freedesktop.DBus.Error.UnknownProperty`
    case unknownProperty(String)
    /// `org.freedesktop.DBus.Error.PropertyReadOnly`
    case propertyReadOnly(String)
    /// `org.freedesktop.DBus.Error.TimedOut`
    case timedOut(String)
    /// `org.freedesktop.DBus.Error.MatchRuleNotFound`
    case matchRuleNotFound(String)
    /// `org.freedesktop.DBus.Error.MatchRuleInvalid`
    case matchRuleInvalid(String)
    /// `org.freedesktop.DBus.Error.InvalidSignature`
    case invalidSignature(String)
    /// `org.freedesktop.DBus.Error.InconsistentMessage`
    case inconsistentMessage(String)
    /// `org.freedesktop.DBus.Error.InteractiveAuthorizationRequired`
    case interactiveAuthorizationRequired(String)
    /// `org.freedesktop.DBus.Error.ObjectPathInUse`
    case objectPathInUse(String)
    /// `DBusKit.Error.NameTaken`: a well-known name could not be owned because another
    /// connection owns it. Raised locally by ``DBusConnection/requestName(_:options:)``.
    case nameTaken(String)
    /// Any other error name, e.g. a service's own (see ``DBusErrorDomain``).
    case other(name: String, message: String)

    /// Makes the error for a name, using the matching standard case when there is one.
    public init(name: String, message: String) {
        if let make = DBusError.standardCases[name] {
            self = make(message)
        } else {
            self = .other(name: name, message: message)
        }
    }

    /// The D-Bus error name.
    public var name: String {
        switch self {
        case .failed: return "org.freedesktop.DBus.Error.Failed"
        case .noMemory: return "org.freedesktop.DBus.Error.NoMemory"
        case .serviceUnknown: return "org.freedesktop.DBus.Error.ServiceUnknown"
        case .nameHasNoOwner: return "org.freedesktop.DBus.Error.NameHasNoOwner"
        case .noReply: return "org.freedesktop.DBus.Error.NoReply"
        case .ioError: return "org.freedesktop.DBus.Error.IOError"
        case .badAddress: return "org.freedesktop.DBus.Error.BadAddress"
        case .notSupported: return "org.freedesktop.DBus.Error.NotSupported"
        case .limitsExceeded: return "org.freedesktop.DBus.Error.LimitsExceeded"
        case .accessDenied: return "org.freedesktop.DBus.Error.AccessDenied"
        case .authFailed: return "org.freedesktop.DBus.Error.AuthFailed"
        case .noServer: return "org.freedesktop.DBus.Error.NoServer"
        case .timeout: return "org.freedesktop.DBus.Error.Timeout"
        case .noNetwork: return "org.freedesktop.DBus.Error.NoNetwork"
        case .addressInUse: return "org.freedesktop.DBus.Error.AddressInUse"
        case .disconnected: return "org.freedesktop.DBus.Error.Disconnected"
        case .invalidArgs: return "org.freedesktop.DBus.Error.InvalidArgs"
        case .fileNotFound: return "org.freedesktop.DBus.Error.FileNotFound"
        case .fileExists: return "org.freedesktop.DBus.Error.FileExists"
        case .unknownMethod: return "org.freedesktop.DBus.Error.UnknownMethod"
        case .unknownObject: return "org.freedesktop.DBus.Error.UnknownObject"
        case .unknownInterface: return "org.freedesktop.DBus.Error.UnknownInterface"
        case .unknownProperty: return "org.freedesktop.DBus.Error.UnknownProperty"
        case .propertyReadOnly: return "org.freedesktop.DBus.Error.PropertyReadOnly"
        case .timedOut: return "org.freedesktop.DBus.Error.TimedOut"
        case .matchRuleNotFound: return "org.freedesktop.DBus.Error.MatchRuleNotFound"
        case .matchRuleInvalid: return "org.freedesktop.DBus.Error.MatchRuleInvalid"
        case .invalidSignature: return "org.freedesktop.DBus.Error.InvalidSignature"
        case .inconsistentMessage: return "org.freedesktop.DBus.Error.InconsistentMessage"
        case .interactiveAuthorizationRequired: return "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired"
        case .objectPathInUse: return "org.freedesktop.DBus.Error.ObjectPathInUse"
        case .nameTaken: return "DBusKit.Error.NameTaken"
        case .other(let name, _): return name
        }
    }

    /// The human-readable message.
    public var message: String {
        switch self {
        case .failed(let message), .noMemory(let message), .serviceUnknown(let message),
             .nameHasNoOwner(let message), .noReply(let message), .ioError(let message),
             .badAddress(let message), .notSupported(let message), .limitsExceeded(let message),
             .accessDenied(let message), .authFailed(let message), .noServer(let message),
             .timeout(let message), .noNetwork(let message), .addressInUse(let message),
             .disconnected(let message), .invalidArgs(let message), .fileNotFound(let message),
             .fileExists(let message), .unknownMethod(let message), .unknownObject(let message),
             .unknownInterface(let message), .unknownProperty(let message),
             .propertyReadOnly(let message), .timedOut(let message),
             .matchRuleNotFound(let message), .matchRuleInvalid(let message),
             .invalidSignature(let message), .inconsistentMessage(let message),
             .interactiveAuthorizationRequired(let message), .objectPathInUse(let message),
             .nameTaken(let message):
            return message
        case .other(_, let message):
            return message
        }
    }

    /// Whether the name is one of the standard `org.freedesktop.DBus.Error.*` names.
    public var isStandard: Bool { name.hasPrefix("org.freedesktop.DBus.Error.") }

    /// `name: message`.
    public var description: String { "\(name): \(message)" }

    private static let standardCases: [String: @Sendable (String) -> DBusError] = {
        let all: [@Sendable (String) -> DBusError] = [
            DBusError.failed, DBusError.noMemory, DBusError.serviceUnknown, DBusError.nameHasNoOwner,
            DBusError.noReply, DBusError.ioError, DBusError.badAddress, DBusError.notSupported,
            DBusError.limitsExceeded, DBusError.accessDenied, DBusError.authFailed, DBusError.noServer,
            DBusError.timeout, DBusError.noNetwork, DBusError.addressInUse, DBusError.disconnected,
            DBusError.invalidArgs, DBusError.fileNotFound, DBusError.fileExists, DBusError.unknownMethod,
            DBusError.unknownObject, DBusError.unknownInterface, DBusError.unknownProperty,
            DBusError.propertyReadOnly, DBusError.timedOut, DBusError.matchRuleNotFound,
            DBusError.matchRuleInvalid, DBusError.invalidSignature, DBusError.inconsistentMessage,
            DBusError.interactiveAuthorizationRequired, DBusError.objectPathInUse, DBusError.nameTaken,
        ]
        var table: [String: @Sendable (String) -> DBusError] = [:]
        for make in all { table[make("").name] = make }
        return table
    }()

    /// Converts anything a handler throws into the error to send back: a ``DBusError`` as it
    /// is, a ``DBusErrorConvertible`` through its conversion, anything else as `Failed`.
    public init(converting error: any Error) {
        if let error = error as? DBusError {
            self = error
        } else if let convertible = error as? any DBusErrorConvertible {
            self = convertible.dbusError
        } else {
            self = .failed(String(describing: error))
        }
    }
}

/// An error type of a service that knows its D-Bus form; handlers may throw it directly.
///
/// ```swift
/// enum ProviderError: DBusErrorConvertible {
///     case conflict(String)
///     var dbusError: DBusError { Provider.errors.error("Conflict", message) }
/// }
/// ```
public protocol DBusErrorConvertible: Error {
    /// The D-Bus error to send for this value.
    var dbusError: DBusError { get }
}

/// A service's own family of error names under one prefix, such as
/// `org.tsprovider.Provider1.Error`.
///
/// ```swift
/// let errors = DBusErrorDomain("org.tsprovider.Provider1.Error")
/// throw errors.error("Conflict", "source version 3 is stale, the package is at 5")
/// // a caller:
/// catch let error as DBusError where errors.contains(error) { … }
/// catch DBusError.other(name: "org.tsprovider.Provider1.Error.Conflict", let message) { … }
/// ```
public struct DBusErrorDomain: Hashable, Sendable {
    /// The prefix, without a trailing dot.
    public let prefix: String

    /// A domain; the prefix must itself be a valid error name for the names under it to be
    /// valid (an invalid name is sent as `Failed`, naming the bad name).
    public init(_ prefix: String) {
        self.prefix = prefix
    }

    /// The full name of `suffix` in this domain, e.g. `org.tsprovider.Provider1.Error.Conflict`.
    public func name(_ suffix: String) -> String { "\(prefix).\(suffix)" }

    /// An error named `suffix` in this domain.
    public func error(_ suffix: String, _ message: String) -> DBusError {
        DBusError(name: name(suffix), message: message)
    }

    /// Whether `error` belongs to this domain.
    public func contains(_ error: DBusError) -> Bool {
        error.name.hasPrefix(prefix + ".")
    }

    /// Whether `error` is the error named `suffix` in this domain.
    public func matches(_ error: DBusError, _ suffix: String) -> Bool {
        error.name == name(suffix)
    }
}
