/// Where in a sequence a finding is: the step's path, its name, and its StepID when the caller
/// knows the stored IDs.
public struct LintStepLocation: Sendable, Hashable {
    public var path: StepPath
    public var name: String
    public var stepID: Int64?

    public init(path: StepPath, name: String, stepID: Int64? = nil) {
        self.path = path
        self.name = name
        self.stepID = stepID
    }
}
