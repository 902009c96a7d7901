/// One side of a diff or a merge: a sequence, optionally its package properties, and what is
/// known of its steps' identities.
public struct ComparedSequence: Sendable, Hashable {
    public var sequence: TaskSequence
    /// The package's properties; when both sides of a diff have them, they are compared too.
    public var properties: PackageProperties?
    /// Each step's identity for matching: its StepID, or the StepID of the step it was copied
    /// from. Steps without one are matched by class, name and position.
    public var identities: [StepPath: StepIdentity]
    /// Each step's own StepID, as changes report it (`StepID` in the JSON).
    public var stepIDs: [StepPath: String]

    public init(
        sequence: TaskSequence, properties: PackageProperties? = nil,
        identities: [StepPath: StepIdentity] = [:], stepIDs: [StepPath: String] = [:]
    ) {
        self.sequence = sequence
        self.properties = properties
        self.identities = identities
        self.stepIDs = stepIDs
    }

    /// A side whose steps are identified by their own StepIDs (no lineage).
    public static func identifiedByStepIDs(
        _ sequence: TaskSequence, properties: PackageProperties? = nil, stepIDs: [StepPath: String]
    ) -> ComparedSequence {
        ComparedSequence(
            sequence: sequence, properties: properties,
            identities: stepIDs.mapValues(StepIdentity.init), stepIDs: stepIDs
        )
    }
}

extension StepMatching {
    /// ``match(old:new:oldIdentity:newIdentity:)`` with each side's known identities.
    public static func match(old: ComparedSequence, new: ComparedSequence) -> [StepPath: StepPath] {
        match(
            old: old.sequence, new: new.sequence,
            oldIdentity: { old.identities[$0] }, newIdentity: { new.identities[$0] }
        )
    }
}
