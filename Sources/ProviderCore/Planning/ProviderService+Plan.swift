import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// A dry run of the package's sequence: which steps would run for `request`, and why.
    ///
    /// Needs Read on the package (an unreadable one is NotFound). The built-in layer holds
    /// `_SMSTSPackageID`, `_SMSTSPackageName`, `_SMSTSType`, `_SMSTSSiteCode`, `_SMSTSAdvertID`
    /// (when given) and the computer's built-ins; then come its collections' variables, its own,
    /// and the request's variables. Nothing changes.
    ///
    /// - Throws: ``ProviderError/invalidArgument(name:problem:)`` naming `Facts`, `Fail` or
    ///   `Variables` for input that does not read; NotFound for an unknown computer.
    public func plan(packageID: String, request: PlanRequest, for caller: Caller) throws -> StoredPackagePlan {
        let facts: PlanFacts
        do {
            facts = try PlanFacts(request.facts)
        } catch {
            throw ProviderError.invalidArgument(name: "Facts", problem: error.description)
        }
        if let empty = request.variables.first(where: { $0.name.allSatisfy(\.isWhitespace) }) {
            throw ProviderError.invalidArgument(name: "Variables", problem: "a variable needs a name (value '\(empty.isMasked ? "(masked)" : empty.value)')")
        }
        return try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            let properties = try packageRow(packageID, in: db).properties()
            let sequence = try SequenceTree.load(packageID: packageID, in: db)
            let ids = try StepPaths.ids(packageID: packageID, in: db)
            let failing = try Self.failingPaths(request.failing, in: sequence, ids: ids, packageID: packageID)
            let computer = try planLayers(forComputer: request.computer, packageID: packageID, caller: caller, in: db)

            var builtIns = [
                PlanVariable(name: "_SMSTSPackageID", value: properties.packageID),
                PlanVariable(name: "_SMSTSPackageName", value: properties.name),
                PlanVariable(name: "_SMSTSType", value: String(properties.type)),
                PlanVariable(name: "_SMSTSSiteCode", value: configuration.siteCode),
            ]
            if let advertisementID = request.advertisementID.flatMap({ $0.isEmpty ? nil : $0 }) ?? computer.advertisementID {
                builtIns.append(PlanVariable(name: "_SMSTSAdvertID", value: advertisementID))
            }
            var layers = [PlanVariableLayer(source: .builtIn, variables: builtIns + computer.builtIns)]
            layers += computer.collections
            if let own = computer.computer { layers.append(own) }
            if !request.variables.isEmpty { layers.append(PlanVariableLayer(source: .commandLine, variables: request.variables)) }

            let plan = TaskSequencePlanner(layers: layers, facts: facts, failing: failing).plan(sequence)
            return StoredPackagePlan(plan: plan, stepIDs: ids)
        }
    }

    /// The steps `selectors` name: a StepID, a path or a name; every selector must name one.
    private static func failingPaths(_ selectors: [String], in sequence: TaskSequence, ids: [StepPath: Int64], packageID: String) throws -> Set<StepPath> {
        let pathsByID = Dictionary(ids.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        var paths: Set<StepPath> = []
        var unknown: [String] = []
        for selector in selectors {
            if let id = Int64(selector), let path = pathsByID[id] {
                paths.insert(path)
                continue
            }
            let matches = sequence.stepPaths(matching: selector)
            if matches.isEmpty { unknown.append(selector) } else { paths.formUnion(matches) }
        }
        guard unknown.isEmpty else {
            throw ProviderError.invalidArgument(
                name: "Fail", problem: "no step " + unknown.map { "'\($0)'" }.joined(separator: ", ") + " in package \(packageID) (give StepIDs, paths or names)")
        }
        return paths
    }
}
