import DBusKit

/// A template as the provider describes it (`GetTemplates`, `GetTemplate`): its name, the
/// wizard's wording, and its parameters. (The service's `SequenceTemplate` also carries the
/// code that writes the sequence, which a description on the bus cannot; the parameters are
/// the model's own `TemplateParameter`.)
///
/// JSON: `Name`, `Title`, `Description`, `Parameters` (each `Name`, `Type`, `Required`,
/// `Secret`, `Multiple`, `Description`, `Default`, `Values`).
public struct SequenceTemplateInfo: Sendable, Hashable, Codable {
    public var name: String
    public var title: String
    public var description: String
    public var parameters: [TemplateParameter]

    enum CodingKeys: String, CodingKey { case name = "Name", title = "Title", description = "Description", parameters = "Parameters" }

    init(_ value: DBusValue) {
        let entries = Self.dictionary(PropertyValue(value))
        name = entries["Name"]?.text ?? ""
        title = entries["Title"]?.text ?? ""
        description = entries["Description"]?.text ?? ""
        parameters = Self.list(entries["Parameters"]).map { item in
            let fields = Self.dictionary(item)
            return TemplateParameter(
                name: fields["Name"]?.text ?? "", kind: TemplateParameterKind(rawValue: fields["Type"]?.text ?? ""),
                isRequired: fields["Required"]?.boolValue ?? false, isSecret: fields["Secret"]?.boolValue ?? false,
                isMultiple: fields["Multiple"]?.boolValue ?? false, defaultValue: fields["Default"]?.text,
                allowedValues: Self.list(fields["Values"]).map(\.text), summary: fields["Description"]?.text ?? "")
        }
    }

    private static func dictionary(_ value: PropertyValue?) -> [String: PropertyValue] {
        if case .dictionary(let entries)? = value { entries } else { [:] }
    }

    private static func list(_ value: PropertyValue?) -> [PropertyValue] {
        if case .list(let items)? = value { items } else { [] }
    }
}
