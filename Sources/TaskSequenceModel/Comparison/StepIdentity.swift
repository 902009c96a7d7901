/// A step's identity where one is known: its StepID, or the StepID of the step it was copied from.
///
/// Two steps with equal keys are the same step, whatever their position, class or name.
public struct StepIdentity: Hashable, Sendable {
    public var key: String
    public init(_ key: String) { self.key = key }
}
