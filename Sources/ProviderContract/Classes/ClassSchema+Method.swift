extension ClassSchema {
    /// One method of a class, with its in and out parameters.
    public struct Method: Sendable, Hashable, Codable {
        /// The method name.
        public var name: String
        /// Whether the method is called on the class object rather than on an instance.
        public var isStatic: Bool
        /// What the caller passes.
        public var inParameters: [Parameter]
        /// What the method answers.
        public var outParameters: [Parameter]
        /// What the method does, in a sentence.
        public var summary: String

        /// A method.
        public init(name: String, isStatic: Bool = false, inParameters: [Parameter] = [], outParameters: [Parameter] = [], summary: String) {
            self.name = name
            self.isStatic = isStatic
            self.inParameters = inParameters
            self.outParameters = outParameters
            self.summary = summary
        }

        enum CodingKeys: String, CodingKey { case name = "Name", qualifiers = "Qualifiers" }
        enum QualifierKeys: String, CodingKey { case isStatic = "Static", summary = "Summary", inParameters = "In", outParameters = "Out" }

        /// Decodes what ``encode(to:)`` wrote.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let qualifiers = try container.nestedContainer(keyedBy: QualifierKeys.self, forKey: .qualifiers)
            self.init(
                name: try container.decode(String.self, forKey: .name), isStatic: try qualifiers.decode(Bool.self, forKey: .isStatic),
                inParameters: try qualifiers.decode([Parameter].self, forKey: .inParameters),
                outParameters: try qualifiers.decode([Parameter].self, forKey: .outParameters),
                summary: try qualifiers.decode(String.self, forKey: .summary))
        }

        /// `Name`, and `Static`, `Summary`, `In` and `Out` under `Qualifiers`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            var qualifiers = container.nestedContainer(keyedBy: QualifierKeys.self, forKey: .qualifiers)
            try qualifiers.encode(isStatic, forKey: .isStatic)
            try qualifiers.encode(summary, forKey: .summary)
            try qualifiers.encode(inParameters, forKey: .inParameters)
            try qualifiers.encode(outParameters, forKey: .outParameters)
        }
    }

    /// A parameter of a ``Method``.
    public struct Parameter: Sendable, Hashable, Codable {
        /// The parameter name.
        public var name: String
        /// The CIM type in MOF spelling; `ref:<Class>` for an object path, `object` for an options
        /// dictionary and `fd` for a file descriptor passed with the call (no CIM counterpart).
        public var cimType: String
        /// The D-Bus signature the parameter has on the bus.
        public var signature: String

        /// A parameter.
        public init(_ name: String, cimType: String, signature: String) {
            self.name = name
            self.cimType = cimType
            self.signature = signature
        }

        enum CodingKeys: String, CodingKey { case name = "Name", cimType = "Type", signature = "Signature" }
    }
}
