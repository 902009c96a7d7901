/// The texts of a step that lint reads as command lines and scripts: its settings (secrets
/// left out: those are stored hidden), the `<action>` of MDT command steps and unknown steps,
/// and embedded scripts decoded.
struct ScriptText {
    /// Where the text came from (`CommandLine`, `Parameters`, `SourceScript`, `action`).
    var source: String
    var text: String

    /// Every such text of `step`, without repeats (a Run Command Line's `<action>` usually
    /// repeats its CommandLine).
    static func texts(of step: Step, catalog: ActionCatalog) -> [ScriptText] {
        guard step.kind != .group else { return [] }
        var result: [ScriptText] = []
        var seen: Set<String> = []
        func add(_ source: String, _ text: String) {
            guard !text.isEmpty, seen.insert(text).inserted else { return }
            result.append(ScriptText(source: source, text: text))
        }
        let secretNames = catalog.secretVariableNames
        for variable in step.variables?.variables ?? [] {
            switch step.secrecy(of: variable, catalog: catalog, secretNames: secretNames) {
            case .secret, .quasiSecret, .secretRuleVariables: continue
            case .none: break
            }
            if variable.property.equalsIgnoringCase("SourceScript"), let decoded = Base64Text.decode(variable.value) {
                add(variable.property, decoded)
            } else {
                add(variable.property, variable.value)
            }
        }
        // The `<action>` of a class the catalog knows is built from its settings, read above
        // (`smsswd.exe /run:PKG <CommandLine>`; `OSDBitLocker.exe /pwd:AD` names a
        // recovery-password mode, not a password): only MDT's command steps keep their command
        // there alone.
        if let action = step.actionCommandLine, !catalog.contains(step.catalogClassName) || step.keepsCommandLineInAction {
            add("action", action)
        }
        return result
    }
}
