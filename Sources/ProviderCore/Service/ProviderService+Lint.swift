import ProviderStore
import TaskSequenceModel
import TaskSequenceXML

extension ProviderService {
    /// Lints the package's sequence (Validate on the bus); needs Read. References are checked
    /// against the packages the site has (SMS_Package rows and task sequence packages), the
    /// budgets against the sequence as stored, and every finding names the stored StepID.
    public func lint(packageID: String, for caller: Caller) throws -> [LintFinding] {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            _ = try packageRow(packageID, in: db)
            let sequence = try SequenceTree.load(packageID: packageID, in: db)
            let known = Set(try knownPackages(among: sequence.references(), in: db).map { $0.uppercased() })
            // The stored form, secrets included: what the site database and the policy hold.
            let xml = try Self.xml { try TaskSequenceWriter().sequenceXML(sequence) }
            let options = LintOptions(
                packageExists: { known.contains($0.uppercased()) },
                stepIDs: try StepPaths.ids(packageID: packageID, in: db),
                extraKnownVariables: try deploymentVariableNames(for: caller, in: db),
                storedSequenceBytes: xml.utf8.count,
                policyBytes: PolicySize.estimatedPolicyBytes(forSequenceXML: xml)
            )
            return sequence.lint(options: options)
        }
    }

    /// The names of the collection and computer variables the caller may read: a condition on
    /// one of them is not a typo.
    func deploymentVariableNames(for caller: Caller, in db: StoreDatabase) throws -> Set<String> {
        let collections = try policy.readableCollections(for: caller, in: db)
        let computers = try policy.readableComputers(for: caller, in: db)
        return Set(try DeploymentVariableRow.names(db, owner: .collection, readable: collections)
            + DeploymentVariableRow.names(db, owner: .machine, readable: computers))
    }
}
