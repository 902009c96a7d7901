extension ClassSchema.Parameter {
    static func string(_ name: String) -> Self { Self(name, cimType: "string", signature: "s") }
    static func uint32(_ name: String) -> Self { Self(name, cimType: "uint32", signature: "u") }
    static func options(_ name: String) -> Self { Self(name, cimType: "object", signature: "a{sv}") }
}
