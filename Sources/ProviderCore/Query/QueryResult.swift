/// One object a query found: what it is, its concrete class and the properties selected.
///
/// Service-internal: it names the object by ``ObjectReference`` and keeps values typed
/// (``QueryValue``, for the u/i/x D-Bus types); ProviderDBus turns it into the `a{sv}` row that
/// the SDK reads as its `QueryRow`.
public struct QueryResult: Sendable {
    /// The object, from which ProviderDBus derives `__RELPATH` and `__PATH`.
    public var reference: ObjectReference
    /// The object's own class (`__CLASS`), which may derive from the class queried.
    public var className: String
    /// The selected properties in SELECT order — for `SELECT *`, every property of the row's
    /// class that queries return, in schema order. A NULL value is left out; so are lazy and
    /// secret properties, which queries never return.
    public var properties: [(name: String, value: QueryValue)]
    /// `__RELPATH`: the reference's, except for rows of the query-only reference views (whose
    /// reference is the task sequence they describe) and for COUNT and DISTINCT rows (the class).
    public var relativePath: String

    public init(reference: ObjectReference, className: String, properties: [(name: String, value: QueryValue)], relativePath: String? = nil) {
        self.reference = reference
        self.className = className
        self.properties = properties
        self.relativePath = relativePath ?? reference.relativePath
    }

    /// The value of property `name` (case-insensitive), if the row holds one.
    public subscript(name: String) -> QueryValue? {
        properties.first { $0.name.equalsIgnoringCase(name) }?.value
    }
}
