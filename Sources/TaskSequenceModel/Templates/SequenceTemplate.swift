/// A template of the Create Task Sequence Wizard: its questions (parameters) and the sequence it
/// writes from the answers.
///
/// ```swift
/// let template = try SequenceTemplate.named("build-and-capture")
/// let result = try template.instantiate(["Name": .text("Win11 reference"), "BootImage": .text("PS100001"), …])
/// result.sequence.steps.map(\.name)   // ["Build the Reference Machine", "Capture the Reference Machine"]
/// ```
public struct SequenceTemplate: Sendable {
    /// What the template is and asks, as a provider describes it.
    public let info: SequenceTemplateInfo
    private let build: @Sendable (TemplateArguments) throws(TemplateError) -> TaskSequence

    init(name: String, title: String, summary: String, parameters: [TemplateParameter],
         build: @escaping @Sendable (TemplateArguments) throws(TemplateError) -> TaskSequence) {
        info = SequenceTemplateInfo(name: name, title: title, description: summary, parameters: Self.packageParameters + parameters)
        self.build = build
    }

    /// The name requests use: `install-image`, `build-and-capture`, `custom`.
    public var name: String { info.name }
    /// The wizard's option, as the console words it.
    public var title: String { info.title }
    public var summary: String { info.description }
    /// The parameters, Name and Description (the package's) first.
    public var parameters: [TemplateParameter] { info.parameters }

    /// The sequence and package properties the template makes from `values`.
    public func instantiate(_ values: [String: TemplateValue]) throws(TemplateError) -> TemplateResult {
        let arguments = try TemplateArguments(template: name, parameters: parameters, given: values)
        let sequence = try build(arguments)
        var package = PackageProperties()
        package.name = try arguments.required(TemplateParameterName.name)
        package.description = arguments.text(TemplateParameterName.description) ?? ""
        package.bootImageID = arguments.text(TemplateParameterName.bootImage) ?? ""
        return TemplateResult(package: package, sequence: sequence)
    }

    /// Every template, in the wizard's order.
    public static let all: [SequenceTemplate] = [InstallImageTemplate.template, BuildAndCaptureTemplate.template, CustomTemplate.template]

    /// The template called `name` (any case).
    public static func named(_ name: String) throws(TemplateError) -> SequenceTemplate {
        guard let template = all.first(where: { $0.name.equalsIgnoringCase(name) }) else {
            throw .unknownTemplate(name, known: all.map(\.name))
        }
        return template
    }

    /// The new package's own properties, which every template asks for first.
    static let packageParameters: [TemplateParameter] = [
        TemplateParameter(TemplateParameterName.name, .text, required: true, summary: "the new task sequence package's name"),
        TemplateParameter(TemplateParameterName.description, .text, summary: "the package's description"),
    ]
}

/// What a template makes: the new package's properties (Name, Description, BootImageID) and
/// its sequence.
public struct TemplateResult: Sendable, Hashable {
    public var package: PackageProperties
    public var sequence: TaskSequence
}

/// A template with typed answers: what a client fills in to create a package from a template
/// (the SDK's `ProviderClient.createPackage(fromTemplate:named:description:)`).
///
/// ```swift
/// let deployment = DeploymentParameters(
///     bootImage: "PS100001", image: ImageReference(packageID: "PS100002", index: 1),
///     network: .workgroup("LAB"), clientPackage: "PS100003", updates: .required)
/// let request = TemplateRequest.buildAndCapture(BuildAndCaptureParameters(
///     deployment: deployment,
///     capture: CaptureSettings(path: #"\\cm01\captures$\win11.wim"#, account: #"CORP\svc-capture"#, password: capturePassword)))
/// ```
public enum TemplateRequest: Sendable, Hashable {
    /// An empty sequence, optionally with a boot image.
    case custom(bootImage: String?)
    case installImage(InstallImageParameters)
    case buildAndCapture(BuildAndCaptureParameters)

    /// The template's name.
    public var templateName: String {
        switch self {
        case .custom: CustomTemplate.name
        case .installImage: InstallImageTemplate.name
        case .buildAndCapture: BuildAndCaptureTemplate.name
        }
    }

    /// The parameter values of the request, without Name and Description.
    public var parameterValues: [String: TemplateValue] {
        switch self {
        case .custom(let bootImage): bootImage.map { [TemplateParameterName.bootImage: .text($0)] } ?? [:]
        case .installImage(let parameters): parameters.parameterValues
        case .buildAndCapture(let parameters): parameters.parameterValues
        }
    }
}
