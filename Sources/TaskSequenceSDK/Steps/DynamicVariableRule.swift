internal import TaskSequenceModel

/// One rule of a **Set Dynamic Variables** step: when its condition holds on the machine (or
/// always, without one), the step sets its variables.
///
/// ConfigMgr's console offers rules on a computer's make, model, MAC address, serial number or
/// default gateway; each is a condition here (`.variable("_SMSTSMake", .equals, "Dell Inc.")`), and
/// any other condition the provider knows works too.
public struct DynamicVariableRule: Sendable, Hashable {
    /// A variable a rule sets; a secret one is stored but exported and read back blank.
    public struct Assignment: Sendable, Hashable {
        public var name: String
        public var value: String
        public var isSecret: Bool

        public init(_ name: String, _ value: String, isSecret: Bool = false) {
            self.name = name
            self.value = value
            self.isSecret = isSecret
        }
    }

    /// When the rule applies; `nil` for always.
    public var condition: StepCondition?
    public var variables: [Assignment]

    public init(when condition: StepCondition? = nil, set variables: [Assignment]) {
        self.condition = condition
        self.variables = variables
    }

    /// The rule as the step's `Rules` setting writes it:
    /// `<Rule><condition>…</condition><Variables><Variable Name=… IsSecret=…>…</Variable></Variables></Rule>`.
    var markup: String {
        var text = "<Rule>"
        if let condition { text += "<condition>" + condition.ruleMarkup + "</condition>" }
        text += "<Variables>"
        for variable in variables {
            text += "<Variable Name=\"\(Self.escaped(variable.name))\" IsSecret=\"\(variable.isSecret)\">\(Self.escaped(variable.value))</Variable>"
        }
        return text + "</Variables></Rule>"
    }

    static func escaped(_ text: String) -> String {
        MarkupText.escaped(text)
    }
}

extension StepCondition {
    /// The condition as task sequence XML writes it inside a rule: `<expression type=…>` with a
    /// `<variable name=…>` per property, `<operator type="and|or|not">` around parts.
    var ruleMarkup: String {
        switch self {
        case .expression(let className, let properties):
            let variables = properties.map { "<variable name=\"\(DynamicVariableRule.escaped($0.name))\">\(DynamicVariableRule.escaped($0.value))</variable>" }
            return "<expression type=\"\(DynamicVariableRule.escaped(className))\">" + variables.joined() + "</expression>"
        case .and(let parts): return "<operator type=\"and\">" + parts.map(\.ruleMarkup).joined() + "</operator>"
        case .or(let parts): return "<operator type=\"or\">" + parts.map(\.ruleMarkup).joined() + "</operator>"
        case .not(let parts): return "<operator type=\"not\">" + parts.map(\.ruleMarkup).joined() + "</operator>"
        }
    }
}

extension StepAction {
    /// **Set Dynamic Variables** (`SMS_TaskSequence_SetDynamicVariablesAction`): sets variables
    /// by rules evaluated on the machine, in order. Secret values are kept by the provider and
    /// never read back.
    public static func setDynamicVariables(_ rules: [DynamicVariableRule]) -> StepAction {
        StepAction(className: StepActionClass.setDynamicVariables,
                   settings: ["Rules": .string("<Rules>" + rules.map(\.markup).joined() + "</Rules>")])
    }
}
