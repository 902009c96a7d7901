import TaskSequenceModel

/// Where a step was copied from: the package and the step's ID there.
public struct StepOrigin: Sendable, Hashable, Codable {
    public var packageID: String
    public var stepID: Int64

    public init(packageID: String, stepID: Int64) {
        self.packageID = packageID
        self.stepID = stepID
    }
}

/// A package as it was after one of its revisions: what a diff, a merge or an export of an old
/// revision reads. Secrets are as stored (callers outside the provider get them blanked).
public struct PackageSnapshot: Sendable {
    public var packageID: String
    public var sourceVersion: UInt32
    /// The package properties as they were (SourceVersion and SourceDate of that revision).
    public var properties: PackageProperties
    public var sequence: TaskSequence
    /// Each step's ID by its place in ``sequence``.
    public var stepIDs: [StepPath: Int64]
    /// Steps that were copied from another step, by their ID.
    public var origins: [Int64: StepOrigin]

    public init(packageID: String, sourceVersion: UInt32, properties: PackageProperties, sequence: TaskSequence, stepIDs: [StepPath: Int64], origins: [Int64: StepOrigin]) {
        self.packageID = packageID
        self.sourceVersion = sourceVersion
        self.properties = properties
        self.sequence = sequence
        self.stepIDs = stepIDs
        self.origins = origins
    }
}
