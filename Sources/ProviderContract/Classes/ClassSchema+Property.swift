import TaskSequenceModel

extension ClassSchema {
    /// One property of a class.
    public struct Property: Sendable, Hashable, Codable {
        /// The property name.
        public var name: String
        /// The CIM type in MOF spelling, as WMI's `CIMTYPE` qualifier gives it: `string`, `uint32`,
        /// `sint64`, `boolean`, `datetime`, `string[]`, `object:SMS_TaskSequence_PartitionSettings[]`.
        public var cimType: String
        /// Qualifiers in MOF spelling: `key`, `read`, `lazy`, `Secret`, `AllowedLen("1-100")`,
        /// `ValueRange("0-99")`, `ValueMap{…}`, `Not_Null` …
        public var qualifiers: [Qualifier]
        /// The class that declares the property (WMI's `ClassOrigin`).
        public var origin: String
        /// The value a new instance gets, as task sequence XML writes it.
        public var defaultValue: String?

        /// A property.
        public init(name: String, cimType: String, qualifiers: [Qualifier] = [], origin: String = "", defaultValue: String? = nil) {
            self.name = name
            self.cimType = cimType
            self.qualifiers = qualifiers
            self.origin = origin
            self.defaultValue = defaultValue
        }

        /// Whether the property is one of the class's keys.
        public var isKey: Bool { has("key") }
        /// Whether the property can only be read.
        public var isReadOnly: Bool { has("read") }
        /// Lazy properties are left out of query results; a get by path returns them.
        public var isLazy: Bool { has("lazy") }
        /// Secret and QuasiSecret values never leave the provider in clear.
        public var isSecret: Bool { has("Secret") || has("QuasiSecret") }

        /// The qualifier called `name` (case-insensitive), if present.
        public func qualifier(_ name: String) -> Qualifier? {
            qualifiers.first { $0.name.equalsIgnoringCase(name) }
        }

        /// The qualifiers as short words, by name (`key`, `lazy`, `AllowedLen=1-100`,
        /// `ValueMap=a, b`): what a table shows.
        public var qualifierSummary: String {
            qualifiers.sorted { $0.name.lowercased() < $1.name.lowercased() }.map { qualifier in
                switch qualifier.value {
                case nil: qualifier.name
                case .string(let text)?: "\(qualifier.name)=\(text)"
                case .integer(let number)?: "\(qualifier.name)=\(number)"
                case .strings(let texts)?: "\(qualifier.name)=\(texts.joined(separator: ", "))"
                }
            }.joined(separator: " ")
        }

        private func has(_ name: String) -> Bool { qualifier(name) != nil }

        enum CodingKeys: String, CodingKey { case name = "Name", type = "Type", qualifiers = "Qualifiers" }

        /// Decodes what ``encode(to:)`` wrote (origin and default are not in it).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                name: try container.decode(String.self, forKey: .name), cimType: try container.decode(String.self, forKey: .type),
                qualifiers: try container.decode(QualifierList.self, forKey: .qualifiers).qualifiers)
        }

        /// `Name`, `Type` and `Qualifiers`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(cimType, forKey: .type)
            try container.encode(QualifierList(qualifiers), forKey: .qualifiers)
        }
    }
}

/// Qualifiers as JSON: an object by name, a flag `true`, a value as itself.
struct QualifierList: Codable {
    var qualifiers: [Qualifier]

    init(_ qualifiers: [Qualifier]) {
        self.qualifiers = qualifiers
    }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        qualifiers = try container.allKeys.sorted { $0.stringValue < $1.stringValue }.map { key in
            if (try? container.decode(Bool.self, forKey: key)) == true { return Qualifier(key.stringValue) }
            if let number = try? container.decode(Int64.self, forKey: key) { return Qualifier(key.stringValue, .integer(number)) }
            if let texts = try? container.decode([String].self, forKey: key) { return Qualifier(key.stringValue, .strings(texts)) }
            return Qualifier(key.stringValue, .string(try container.decode(String.self, forKey: key)))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for qualifier in qualifiers {
            let key = Name(stringValue: qualifier.name)
            switch qualifier.value {
            case nil: try container.encode(true, forKey: key)
            case .string(let text)?: try container.encode(text, forKey: key)
            case .integer(let number)?: try container.encode(number, forKey: key)
            case .strings(let texts)?: try container.encode(texts, forKey: key)
            }
        }
    }
}
