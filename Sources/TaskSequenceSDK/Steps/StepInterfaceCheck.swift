/// Names the kind of a step when a call needs the other kind.
///
/// The provider serves `SMS_TaskSequence_Group` only on groups and `SMS_TaskSequence_Action`
/// only on actions, so a group call on an action answers `UnknownInterface`. The SDK turns that
/// into an error that says which step is of which kind.
enum StepInterfaceCheck {
    /// Runs `body`, a call of `interface` on step `stepID`; an unknown-interface answer becomes
    /// `ProviderError.invalidArguments(_:)` naming the step and its kind.
    static func requiring<T>(_ interface: String, stepID: Int64, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch ProviderError.notSupported(let message) where message.contains("has no interface \(interface)") {
            switch interface {
            case ProviderInterface.group: throw ProviderError.invalidArguments("step \(stepID) is an action, not a group")
            case ProviderInterface.action: throw ProviderError.invalidArguments("step \(stepID) is a group: it has no settings, environment or time-out")
            default: throw ProviderError.notSupported(message)
            }
        }
    }
}
