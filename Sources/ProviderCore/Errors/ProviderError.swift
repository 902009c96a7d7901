import ProviderContract

/// The service's ways of building the contract's ``ProviderError``: each names what was wrong
/// and where, in the words the D-Bus reply carries (docs/dbus-api.md, Errors).
extension ProviderError {
    /// The caller lacks `right` on `object`, an object it can see.
    public static func accessDenied(right: String, object: String) -> ProviderError {
        .accessDenied("access denied: \(right) right needed on \(object)")
    }

    /// No such object — or one the caller may not read, which must look the same.
    public static func notFound(object: String) -> ProviderError {
        .notFound("\(object) does not exist")
    }

    /// A WQL query that does not parse, at `position` (from 1) near `token`.
    public static func invalidQuery(token: String, position: Int, message: String) -> ProviderError {
        .invalidQuery("at \(position) near '\(token)': \(message)")
    }

    /// Method argument `name` is wrong in itself (unknown class, bad index …).
    public static func invalidArgument(name: String, problem: String) -> ProviderError {
        .invalidArguments("argument \(name): \(problem)")
    }

    /// No property `name`.
    public static func unknownProperty(named name: String) -> ProviderError {
        .unknownProperty("no property \(name)")
    }

    /// Property `name` cannot be written.
    public static func readOnly(property name: String) -> ProviderError {
        .readOnly("property \(name) is read-only")
    }

    /// The store failed (an I/O error, damaged data); the change was not made.
    public static func storage(_ detail: String) -> ProviderError {
        .storageFailed("the store failed, nothing was changed: \(detail)")
    }

    /// The disk holding the store is full; the change was not made.
    public static func storageFull(detail: String) -> ProviderError {
        .storageFull("the disk holding the store is full, nothing was changed; free space and retry: \(detail)")
    }

    /// The store cannot be written (a read-only file, directory or mount); the change was not made.
    public static func storageReadOnly(detail: String) -> ProviderError {
        .storageReadOnly("the store cannot be written (read-only file, directory or file system), nothing was changed: \(detail)")
    }
}
