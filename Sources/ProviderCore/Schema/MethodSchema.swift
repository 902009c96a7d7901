/// One method of a ``CIMClassDefinition``, with its in and out parameters.
public struct MethodSchema: Sendable, Hashable {
    public var name: String
    /// Whether the method is called on the class object rather than on an instance.
    public var isStatic: Bool
    public var inParameters: [ParameterSchema]
    public var outParameters: [ParameterSchema]
    /// What the method does, in a sentence.
    public var summary: String

    public init(name: String, isStatic: Bool = false, inParameters: [ParameterSchema] = [], outParameters: [ParameterSchema] = [], summary: String) {
        self.name = name
        self.isStatic = isStatic
        self.inParameters = inParameters
        self.outParameters = outParameters
        self.summary = summary
    }
}

/// A parameter of a ``MethodSchema``.
public struct ParameterSchema: Sendable, Hashable {
    public var name: String
    /// The CIM type in MOF spelling; `ref:<Class>` for an object path, `object` for an options
    /// dictionary and `fd` for a file descriptor passed with the call (no CIM counterpart).
    public var cimType: String
    /// The D-Bus signature the parameter has on the bus.
    public var signature: String

    public init(_ name: String, cimType: String, signature: String) {
        self.name = name
        self.cimType = cimType
        self.signature = signature
    }

    static func string(_ name: String) -> ParameterSchema { ParameterSchema(name, cimType: "string", signature: "s") }
    static func uint32(_ name: String) -> ParameterSchema { ParameterSchema(name, cimType: "uint32", signature: "u") }
    static func options(_ name: String) -> ParameterSchema { ParameterSchema(name, cimType: "object", signature: "a{sv}") }
}
