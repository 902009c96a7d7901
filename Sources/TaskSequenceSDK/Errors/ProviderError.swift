import DBusKit
import ProviderContract

/// Reading D-Bus error replies into the contract's `ProviderError`.
extension ProviderError {
    /// The provider's own error names.
    public static let domain = DBusErrorDomain(ProviderErrorName.providerDomain)

    /// Converts a D-Bus error reply.
    public init(_ error: DBusError) {
        let message = error.message
        switch error {
        case .accessDenied, .authFailed: self = .accessDenied(message)
        case .unknownObject: self = .unknownObject(message)
        case .invalidArgs, .invalidSignature, .inconsistentMessage: self = .invalidArguments(message)
        case .unknownProperty: self = .unknownProperty(message)
        case .propertyReadOnly: self = .readOnly(message)
        case .unknownMethod, .unknownInterface, .notSupported: self = .notSupported(message)
        case .limitsExceeded: self = .limitsExceeded(message)
        case .serviceUnknown, .nameHasNoOwner, .noServer, .disconnected, .noReply, .timeout, .timedOut,
             .noNetwork, .badAddress, .fileNotFound, .ioError:
            self = .serviceUnavailable(message)
        default:
            self = Self.providerError(named: error.name, message: message) ?? .other(name: error.name, message: message)
        }
    }

    /// Converts anything a D-Bus call may throw.
    init(converting error: any Error) {
        switch error {
        case let error as ProviderError: self = error
        case let error as DBusError: self.init(error)
        case is CancellationError: self = .serviceUnavailable("the call was cancelled")
        default: self = .other(name: "org.freedesktop.DBus.Error.Failed", message: String(describing: error))
        }
    }

    private static func providerError(named name: String, message: String) -> ProviderError? {
        switch ProviderErrorName.providerNames[name] {
        case .notFound: return .notFound(message)
        case .conflict:
            let numbers = MessageParsing.numbers(in: message, after: "expected SourceVersion")
            return .conflict(expected: numbers.first ?? 0, actual: numbers.dropFirst().first ?? 0)
        case .invalidXML:
            let located = MessageParsing.location(in: message)
            return .invalidXML(line: located.line, column: located.column, message: located.message)
        case .invalidQuery: return .invalidQuery(message)
        case .storageFull: return .storageFull(message)
        case .storageReadOnly: return .storageReadOnly(message)
        case .storageFailed: return .storageFailed(message)
        case .validationFailed:
            let (property, rule) = MessageParsing.propertyAndRule(in: message)
            return .validationFailed(property: property, rule: rule)
        default: return nil
        }
    }
}

/// Reads the structured parts of the provider's error messages (ProviderCore phrases them).
enum MessageParsing {
    /// The unsigned numbers in `message` after `marker` (or anywhere when the marker is absent).
    static func numbers(in message: String, after marker: String) -> [UInt32] {
        let tail = message.range(of: marker).map { message[$0.upperBound...] } ?? Substring(message)
        var numbers: [UInt32] = []
        var digits = ""
        for character in tail + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !digits.isEmpty {
                if let number = UInt32(digits) { numbers.append(number) }
                digits = ""
            }
        }
        return numbers
    }

    /// `LINE:COLUMN: message` → its parts; a message without the prefix keeps line and column 0.
    static func location(in message: String) -> (line: Int, column: Int, message: String) {
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]) else { return (0, 0, message) }
        return (line, column, parts[2].drop { $0 == " " }.description)
    }

    /// `Property: rule` → its parts; a message without a property keeps the whole as the rule.
    static func propertyAndRule(in message: String) -> (String, String) {
        guard let separator = message.range(of: ": ") else { return ("", message) }
        let property = message[..<separator.lowerBound]
        guard !property.isEmpty, !property.contains(" ") else { return ("", message) }
        return (String(property), String(message[separator.upperBound...]))
    }
}
