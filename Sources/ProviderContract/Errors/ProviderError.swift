/// Everything a provider call can fail with: the provider's D-Bus errors, one case per kind,
/// plus a client's own (the service is not reachable, a local file cannot be read). One enum
/// for the service that throws it and the clients (the SDK's `ProviderClient`, tsctl) that
/// catch it; each case carries the message a person reads, as the service sends it.
///
/// Match broadly by case, or exactly with the values a case carries:
///
/// ```swift
/// do {
///     try package.setSequenceXML(xml, expectingSourceVersion: 7)
/// } catch ProviderError.conflict(let expected, let actual) {
///     print("someone else saved version \(actual) after \(expected); read it again")
/// } catch let error as ProviderError where error.isNotFound {
///     print("the package is gone")
/// }
/// ```
///
/// Which case to expect:
/// - An object path that names nothing — or something you may not read, which looks the same —
///   fails with ``unknownObject(_:)``; an ID or relative path named *in an argument* that names
///   nothing fails with ``notFound(_:)``. ``isNotFound`` covers both.
/// - A method or class the running daemon does not serve yet (an older daemon) fails with
///   ``notSupported(_:)``.
/// - A daemon that is not running, or a bus that cannot be reached, fails with
///   ``serviceUnavailable(_:)`` — after the client has reconnected and waited once.
public enum ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `org.freedesktop.DBus.Error.AccessDenied`: you lack a right on an object you can see.
    case accessDenied(String)
    /// `org.tsprovider.Provider1.Error.NotFound`: an ID or relative path in an argument names nothing.
    case notFound(String)
    /// `org.freedesktop.DBus.Error.UnknownObject`: nothing at that object path (for you).
    case unknownObject(String)
    /// `org.tsprovider.Provider1.Error.Conflict`: a stale edit. You expected SourceVersion
    /// `expected`; the package is at `actual`.
    case conflict(expected: UInt32, actual: UInt32)
    /// `org.tsprovider.Provider1.Error.InvalidXml`: XML that does not read; `line` and `column`
    /// locate the problem (0 when the daemon did not say).
    case invalidXML(line: Int, column: Int, message: String)
    /// `org.tsprovider.Provider1.Error.InvalidQuery`: WQL that does not parse; the message
    /// names the offending token.
    case invalidQuery(String)
    /// `org.tsprovider.Provider1.Error.ValidationFailed`: a value breaks a rule of the object
    /// model: `property` names the property, `rule` the rule.
    case validationFailed(property: String, rule: String)
    /// `org.freedesktop.DBus.Error.InvalidArgs`: an argument is wrong in itself (an unknown
    /// class, a bad index, an option the method does not know).
    case invalidArguments(String)
    /// `org.freedesktop.DBus.Error.UnknownProperty`: no property of that name.
    case unknownProperty(String)
    /// `org.freedesktop.DBus.Error.PropertyReadOnly`: the property cannot be written.
    case readOnly(String)
    /// `UnknownMethod`, `UnknownInterface` or `NotSupported`: the daemon does not serve this
    /// (yet); the message says what is missing.
    case notSupported(String)
    /// `org.freedesktop.DBus.Error.LimitsExceeded`: a payload or count beyond what the provider
    /// accepts.
    case limitsExceeded(String)
    /// `org.tsprovider.Provider1.Error.StorageFull`: the disk holding the provider's store is
    /// full; nothing was changed. Retry once space is freed.
    case storageFull(String)
    /// `org.tsprovider.Provider1.Error.StorageReadOnly`: the provider's store cannot be written
    /// (a read-only file, directory or file system); nothing was changed.
    case storageReadOnly(String)
    /// `org.tsprovider.Provider1.Error.StorageFailed`: the provider's store failed (an I/O
    /// error, damaged data); nothing was changed.
    case storageFailed(String)
    /// The provider is not running, or the bus cannot be reached (`ServiceUnknown`,
    /// `Disconnected`, `NoReply`, `NoServer` …).
    case serviceUnavailable(String)
    /// A local file could not be read or written.
    case file(path: String, reason: String)
    /// Any other D-Bus error, by name.
    case other(name: String, message: String)

    /// Whether the object does not exist (or is not visible to you): ``unknownObject(_:)`` or
    /// ``notFound(_:)``.
    public var isNotFound: Bool {
        switch self {
        case .unknownObject, .notFound: true
        default: false
        }
    }

    /// The D-Bus error name this case stands for; `nil` for the client's own errors
    /// (``file(path:reason:)``).
    public var dbusName: String? {
        switch self {
        case .file: nil
        case .other(let name, _): name
        default: errorName?.dbusName
        }
    }

    /// The contract's name for this case; `nil` for the client's own errors and ``other(name:message:)``.
    public var errorName: ProviderErrorName? {
        switch self {
        case .accessDenied: .accessDenied
        case .notFound: .notFound
        case .unknownObject: .unknownObject
        case .conflict: .conflict
        case .invalidXML: .invalidXML
        case .invalidQuery: .invalidQuery
        case .validationFailed: .validationFailed
        case .storageFull: .storageFull
        case .storageReadOnly: .storageReadOnly
        case .storageFailed: .storageFailed
        case .invalidArguments: .invalidArguments
        case .unknownProperty: .unknownProperty
        case .readOnly: .readOnly
        case .notSupported: .notSupported
        case .limitsExceeded: .limitsExceeded
        case .serviceUnavailable: .serviceUnavailable
        case .file, .other: nil
        }
    }

    /// What went wrong, in one sentence a person can act on.
    public var message: String {
        switch self {
        case .accessDenied(let message), .notFound(let message), .unknownObject(let message), .invalidQuery(let message),
             .invalidArguments(let message), .unknownProperty(let message), .readOnly(let message), .notSupported(let message),
             .limitsExceeded(let message), .serviceUnavailable(let message), .storageFull(let message),
             .storageReadOnly(let message), .storageFailed(let message):
            message
        case .conflict(let expected, let actual):
            "the package changed since it was read: expected SourceVersion \(expected), it is \(actual); read it again and retry"
        case .invalidXML(let line, let column, let message):
            line > 0 ? "line \(line), column \(column): \(message)" : message
        case .validationFailed(let property, let rule):
            property.isEmpty ? rule : "\(property): \(rule)"
        case .file(let path, let reason):
            "\(path): \(reason)"
        case .other(_, let message):
            message
        }
    }

    /// The text the service sends with the error name: ``message``, except that an XML
    /// location reads `LINE:COLUMN: message` and a rule always names its property, the forms
    /// clients parse the structured cases back from.
    public var wireMessage: String {
        switch self {
        case .invalidXML(let line, let column, let message): "\(line):\(column): \(message)"
        case .validationFailed(let property, let rule): "\(property): \(rule)"
        default: message
        }
    }

    /// The ``message``.
    public var description: String { message }
}
