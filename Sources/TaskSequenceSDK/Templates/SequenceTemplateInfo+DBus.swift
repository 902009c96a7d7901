import DBusKit

extension SequenceTemplateInfo {
    /// A template from `GetTemplates` or `GetTemplate`: an `a{sv}` of Name, Title, Description
    /// and Parameters (each an `a{sv}`: Name, Type, Required, Secret, Multiple, Description,
    /// Default, Values).
    init(_ value: DBusValue) {
        let entries = Self.dictionary(PropertyValue(value))
        let parameters = Self.list(entries["Parameters"]).map { item in
            let fields = Self.dictionary(item)
            return TemplateParameter(
                name: fields["Name"]?.text ?? "", kind: TemplateParameterKind(rawValue: fields["Type"]?.text ?? ""),
                isRequired: fields["Required"]?.boolValue ?? false, isSecret: fields["Secret"]?.boolValue ?? false,
                isMultiple: fields["Multiple"]?.boolValue ?? false, defaultValue: fields["Default"]?.text,
                allowedValues: Self.list(fields["Values"]).map(\.text), summary: fields["Description"]?.text ?? "")
        }
        self.init(
            name: entries["Name"]?.text ?? "", title: entries["Title"]?.text ?? "", description: entries["Description"]?.text ?? "",
            parameters: parameters)
    }

    private static func dictionary(_ value: PropertyValue?) -> [String: PropertyValue] {
        if case .dictionary(let entries)? = value { entries } else { [:] }
    }

    private static func list(_ value: PropertyValue?) -> [PropertyValue] {
        if case .list(let items)? = value { items } else { [] }
    }
}
