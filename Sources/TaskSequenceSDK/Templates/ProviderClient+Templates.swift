import DBusKit

extension ProviderClient {
    /// The templates ``createPackage(fromTemplate:named:description:)`` takes, with their
    /// parameters, in the wizard's order (`GetTemplates`).
    public func templates() throws -> [SequenceTemplateInfo] {
        let reply = try call(ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "GetTemplates", [])
        let order = ["install-image", "build-and-capture", "custom"]
        let templates = (reply.first?.unwrappingVariant.stringKeyedEntries ?? [:]).values.map(SequenceTemplateInfo.init)
        return templates.sorted { (order.firstIndex(of: $0.name) ?? order.count, $0.name) < (order.firstIndex(of: $1.name) ?? order.count, $1.name) }
    }

    /// One template by name (`GetTemplate`).
    ///
    /// - Throws: `ProviderError.notFound(_:)` for an unknown name.
    public func template(named name: String) throws -> SequenceTemplateInfo {
        let reply = try call(ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "GetTemplate", [.string(name)])
        return SequenceTemplateInfo(reply.first ?? .stringVariantDictionary([:]))
    }

    /// Creates a package holding the sequence the Create Task Sequence Wizard writes for
    /// `template` (`CreateFromTemplate`), like New-CMTaskSequence.
    ///
    /// Passwords and the product key travel once, to be stored as secrets; they are never
    /// returned. Packages the site does not have are not refused: the package is flagged
    /// dangling, as an import would be.
    ///
    /// - Throws: `ProviderError.invalidArguments(_:)` naming a missing, malformed or contradictory
    ///   parameter; `ProviderError.accessDenied(_:)` without Create on SMS_TaskSequencePackage.
    ///
    /// ```swift
    /// let deployment = DeploymentParameters(
    ///     bootImage: "PS100001", image: ImageReference(packageID: "PS100002", index: 1),
    ///     network: .workgroup("LAB"), clientPackage: "PS100003", updates: .required)
    /// let package = try client.createPackage(
    ///     fromTemplate: .buildAndCapture(BuildAndCaptureParameters(deployment: deployment, capture: CaptureSettings(
    ///         path: #"\\cm01\captures$\win11.wim"#, account: #"CORP\svc-capture"#, password: capturePassword))),
    ///     named: "Windows 11 reference")
    /// ```
    public func createPackage(fromTemplate template: TemplateRequest, named name: String, description: String? = nil) throws -> PackageHandle {
        var parameters = template.parameterValues.mapValues { value -> PropertyValue in
            switch value {
            case .text(let text): .string(text)
            case .list(let entries): .list(entries.map(PropertyValue.string))
            }
        }
        parameters[TemplateParameterName.name] = .string(name)
        if let description { parameters[TemplateParameterName.description] = .string(description) }
        return try createPackage(fromTemplate: template.templateName, parameters: parameters)
    }

    /// CreateFromTemplate with parameters by name, as ``templates()`` lists them (Name
    /// included), for tools that take the answers as text.
    public func createPackage(fromTemplate template: String, parameters: [String: PropertyValue]) throws -> PackageHandle {
        let reply = try call(ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "CreateFromTemplate",
                             [.string(template), parameters.dbusDictionary])
        return try handle(forPackagePath: reply.first)
    }
}
