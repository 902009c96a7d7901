internal import TaskSequenceModel

extension StepAction {
    /// Checks the action against the class schema the provider uses, without asking it:
    /// an unknown class or setting, an empty Run Command Line, a value outside a ValueMap
    /// (`ExecutionPolicy`) or a missing required setting. ``StepParent/addStep(_:named:description:enabled:continueOnError:condition:at:)``
    /// calls it first, so a refused step costs no call.
    ///
    /// - Throws: the error the provider would answer: ``ProviderError/validationFailed(property:rule:)``
    ///   naming the property and rule, ``ProviderError/invalidArguments(_:)`` for an unknown
    ///   class or setting.
    public func validate() throws {
        var texts: [String: String] = [:]
        for (name, value) in settings { texts[name] = value.text }
        let step: Step
        do throws(CatalogError) {
            // The name is the caller's, checked by the provider with the step's own properties.
            step = try ActionCatalog.builtIn.makeStep(ofClass: className, name: "validated", settings: texts)
        } catch {
            throw ProviderError.invalidArguments(error.description)
        }
        if let issue = step.validate(catalog: .builtIn).first(where: { $0.severity == .error }) {
            throw ProviderError.validationFailed(property: issue.property ?? "step", rule: issue.detail)
        }
    }
}
