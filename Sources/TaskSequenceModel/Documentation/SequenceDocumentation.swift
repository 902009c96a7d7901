/// A task sequence package as a reviewer reads it: its properties, the revision shown, and its
/// steps nested as in the console. ``MarkdownDocumentation`` and ``HTMLDocumentation`` render it.
///
/// ```swift
/// let documentation = SequenceDocumentation(title: package.name, properties: [("PackageID", "PS100004")], sequence: sequence)
/// let html = HTMLDocumentation.render(documentation)
/// ```
public struct SequenceDocumentation: Sendable, Hashable {
    /// One package property as shown: a label and its value.
    public struct Property: Sendable, Hashable {
        public var label: String
        public var value: String

        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    /// The package's properties, in the order shown (empty values are left out when rendered).
    public var properties: [Property]
    /// Which revision this is, e.g. `SourceVersion 7`, or the file it was read from.
    public var revision: String
    public var steps: [DocumentedStep]
    /// Every package the sequence references, as in its References property.
    public var references: [String]

    /// - Parameters:
    ///   - stepIDs: the stored StepIDs by path, when the sequence is a stored package's.
    public init(
        title: String, properties: [Property], revision: String, sequence: TaskSequence,
        stepIDs: [StepPath: Int64] = [:], catalog: ActionCatalog = .builtIn
    ) {
        self.title = title
        self.properties = properties
        self.revision = revision
        self.steps = DocumentedStep.steps(of: sequence, under: StepPath(), stepIDs: stepIDs, catalog: catalog)
        self.references = sequence.references(catalog: catalog).map(\.readable)
    }

    /// The package properties a reviewer wants, from a package's properties.
    public static func properties(of package: PackageProperties) -> [Property] {
        [
            Property("PackageID", package.packageID), Property("Name", package.name), Property("Description", package.description),
            Property("Version", package.version), Property("Manufacturer", package.manufacturer), Property("Language", package.language),
            Property("Category", package.category), Property("Boot image", package.bootImageID),
            Property("Duration (minutes)", package.duration == 0 ? "" : String(package.duration)),
            Property("Type", package.type == 2 ? "Operating system deployment" : "Generic"),
            Property("SourceVersion", String(package.sourceVersion)),
        ]
    }

    /// Every documented step, depth first.
    public var allSteps: [DocumentedStep] { steps.flatMap { [$0] + $0.allSteps } }
}
