/// Everything a provider call can fail with. Each case says what was wrong and what was
/// expected; ProviderDBus maps them to D-Bus error names.
///
/// Match broadly by case (`catch ProviderError.notFound`) or exactly by value.
public enum ProviderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller lacks `right` on an object it can see.
    case accessDenied(right: String, object: String)
    /// No such object — or one the caller may not read, which must look the same.
    case notFound(String)
    /// A stale edit: the caller expected `expected`, the object is at `actual`.
    case conflict(expected: UInt32, actual: UInt32)
    /// XML that does not parse; `line`/`column` locate the problem.
    case invalidXML(line: Int, column: Int, message: String)
    /// A WQL query that does not parse.
    case invalidQuery(token: String, position: Int, message: String)
    /// A value that breaks a rule of the object model.
    case validationFailed(property: String, rule: String)
    /// A method argument that is wrong in itself (unknown class, bad index …).
    case invalidArgument(name: String, problem: String)
    /// An unknown property name.
    case unknownProperty(String)
    /// A property that cannot be written.
    case readOnly(String)
    /// A payload or count beyond what the provider accepts.
    case limitsExceeded(String)
    /// The store failed (an I/O error, damaged data); the change was not made.
    case storage(String)
    /// The disk holding the store is full; the change was not made.
    case storageFull(String)
    /// The store cannot be written (a read-only file, directory or mount); the change was not made.
    case storageReadOnly(String)
    /// Operation `index` (zero-based) of an edit batch failed with `error`; nothing of the
    /// batch was written.
    indirect case inOperation(index: Int, operation: String, error: ProviderError)

    public var description: String {
        switch self {
        case .accessDenied(let right, let object): "access denied: \(right) right needed on \(object)"
        case .notFound(let what): "\(what) does not exist"
        case .conflict(let expected, let actual):
            "the package changed since it was read: expected SourceVersion \(expected), it is \(actual); read it again and retry"
        case .invalidXML(let line, let column, let message): "\(line):\(column): \(message)"
        case .invalidQuery(let token, let position, let message): "at \(position) near '\(token)': \(message)"
        case .validationFailed(let property, let rule): "\(property): \(rule)"
        case .invalidArgument(let name, let problem): "argument \(name): \(problem)"
        case .unknownProperty(let name): "no property \(name)"
        case .readOnly(let name): "property \(name) is read-only"
        case .limitsExceeded(let what): what
        case .storage(let detail): "the store failed, nothing was changed: \(detail)"
        case .storageFull(let detail): "the disk holding the store is full, nothing was changed; free space and retry: \(detail)"
        case .storageReadOnly(let detail):
            "the store cannot be written (read-only file, directory or file system), nothing was changed: \(detail)"
        case .inOperation(let index, let operation, let error):
            "operation \(index) (\(operation)): \(error.description); no operation of the batch was applied"
        }
    }
}

extension ProviderError {
    /// The D-Bus error name the failure is sent under (a batch's: that of the operation that
    /// failed), from the table the SDK reads replies with.
    public var errorName: ProviderErrorName {
        switch self {
        case .accessDenied: .accessDenied
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalidXML: .invalidXML
        case .invalidQuery: .invalidQuery
        case .validationFailed: .validationFailed
        case .invalidArgument: .invalidArguments
        case .unknownProperty: .unknownProperty
        case .readOnly: .readOnly
        case .limitsExceeded: .limitsExceeded
        case .storage: .storageFailed
        case .storageFull: .storageFull
        case .storageReadOnly: .storageReadOnly
        case .inOperation(_, _, let error): error.errorName
        }
    }
}
