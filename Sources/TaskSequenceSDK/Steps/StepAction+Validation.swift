internal import TaskSequenceModel

extension StepAction {
    /// Checks the action against the class schema the provider uses, without asking it:
    /// an unknown class or setting, an empty Run Command Line, a value outside a ValueMap
    /// (`ExecutionPolicy`) or a missing required setting. ``StepParent/addStep(_:named:description:isEnabled:continuesOnError:condition:at:)``
    /// calls it first, so a refused step costs no call.
    ///
    /// - Throws: `ProviderError.validationFailed(property:rule:)` naming the property and rule,
    ///   as the provider words it. Unknown classes and settings pass: the provider names them.
    public func validate() throws {
        var texts: [String: String] = [:]
        for (name, value) in settings { texts[name] = value.text }
        let step: Step
        do throws(CatalogError) {
            // The name is the caller's, checked by the provider with the step's own properties.
            step = try ActionCatalog.builtIn.makeStep(ofClass: className, name: "validated", settings: texts)
        } catch {
            // An unknown class or setting is left to the provider, whose message suggests the
            // name meant.
            return
        }
        if let issue = step.validate(catalog: .builtIn).first(where: { $0.severity == .error }) {
            let refusal = step.refusal(for: issue)
            throw ProviderError.validationFailed(property: refusal.property, rule: refusal.rule)
        }
        // The provider keeps an empty required text as unset (ConfigMgr's exports write unset
        // strings empty); a builder refuses it, as ConfigMgr's console and the class's AllowedLen do.
        for (name, value) in texts.sorted(by: { $0.key < $1.key }) where value.isEmpty {
            guard let property = ActionCatalog.builtIn.property(name, of: className), property.requirement == .notNull,
                  let bounds = property.allowedLength, bounds.lowerBound > 0 else { continue }
            throw ProviderError.validationFailed(property: property.name, rule: "length 0 is below AllowedLen \(bounds.lowerBound)-\(bounds.upperBound)")
        }
    }
}
