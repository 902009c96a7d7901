/// A template as a provider describes it (`GetTemplates`, `GetTemplate`): its name, the
/// wizard's wording, and its parameters — a ``SequenceTemplate`` without the code that writes
/// the sequence, which is what a client reads back.
///
/// JSON (`tsctl package templates --json`): `Name`, `Title`, `Description`, `Parameters`
/// (each as ``TemplateParameter`` writes it).
public struct SequenceTemplateInfo: Sendable, Hashable, Codable {
    /// The name requests use: `install-image`, `build-and-capture`, `custom`.
    public var name: String
    /// The wizard's option, as the console words it.
    public var title: String
    public var description: String
    /// The parameters, Name and Description (the package's) first.
    public var parameters: [TemplateParameter]

    public init(name: String, title: String, description: String, parameters: [TemplateParameter]) {
        self.name = name
        self.title = title
        self.description = description
        self.parameters = parameters
    }

    private enum CodingKeys: String, CodingKey {
        case name = "Name", title = "Title", description = "Description", parameters = "Parameters"
    }
}
