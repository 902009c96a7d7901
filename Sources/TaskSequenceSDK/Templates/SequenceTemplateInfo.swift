import DBusKit

/// A template as the provider describes it (`GetTemplates`, `GetTemplate`): its name, the
/// wizard's wording, and its parameters.
///
/// JSON: `Name`, `Title`, `Description`, `Parameters` (each `Name`, `Type`, `Required`,
/// `Secret`, `Multiple`, `Description`, `Default`, `Values`).
public struct SequenceTemplateInfo: Sendable, Hashable, Codable {
    /// One parameter of a template.
    public struct Parameter: Sendable, Hashable, Codable {
        public var name: String
        /// `text`, `secret`, `packageID`, `image`, `boolean`, `choice`, `packagePrograms` or `capturePath`.
        public var type: String
        public var isRequired: Bool
        /// Whether the value is stored as a secret (never returned).
        public var isSecret: Bool
        /// Whether it takes several values (a list).
        public var isMultiple: Bool
        public var description: String
        public var defaultValue: String?
        /// The values a `choice` accepts.
        public var values: [String]

        enum CodingKeys: String, CodingKey {
            case name = "Name", type = "Type", isRequired = "Required", isSecret = "Secret", isMultiple = "Multiple"
            case description = "Description", defaultValue = "Default", values = "Values"
        }
    }

    public var name: String
    public var title: String
    public var description: String
    public var parameters: [Parameter]

    enum CodingKeys: String, CodingKey { case name = "Name", title = "Title", description = "Description", parameters = "Parameters" }

    init(_ value: DBusValue) {
        let entries = Self.dictionary(PropertyValue(value))
        name = entries["Name"]?.text ?? ""
        title = entries["Title"]?.text ?? ""
        description = entries["Description"]?.text ?? ""
        parameters = Self.list(entries["Parameters"]).map { item in
            let fields = Self.dictionary(item)
            return Parameter(
                name: fields["Name"]?.text ?? "", type: fields["Type"]?.text ?? "",
                isRequired: fields["Required"]?.boolValue ?? false, isSecret: fields["Secret"]?.boolValue ?? false,
                isMultiple: fields["Multiple"]?.boolValue ?? false, description: fields["Description"]?.text ?? "",
                defaultValue: fields["Default"]?.text, values: Self.list(fields["Values"]).map(\.text))
        }
    }

    private static func dictionary(_ value: PropertyValue?) -> [String: PropertyValue] {
        if case .dictionary(let entries)? = value { entries } else { [:] }
    }

    private static func list(_ value: PropertyValue?) -> [PropertyValue] {
        if case .list(let items)? = value { items } else { [] }
    }
}
