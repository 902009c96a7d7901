import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// The layers computer `name` brings to a plan of package `packageID`: its built-ins, the
    /// variables of the collections it belongs to that the caller may read (ordered by
    /// CollectionID, so the later, higher ID wins a name two collections set differently) and
    /// its own variables; and the first advertisement of the package that reaches it, for
    /// `_SMSTSAdvertID`. `nil` brings nothing.
    ///
    /// - Throws: ``ProviderError/notFound(_:)`` for a computer that does not exist or that the
    ///   caller may not read.
    func planLayers(forComputer name: String?, packageID: String, caller: Caller, in db: StoreDatabase) throws -> ComputerPlanLayers {
        guard let name else { return ComputerPlanLayers() }
        // One lookup of the computer and its collections serves the variables and the advertisement.
        let computer = try readableComputer(named: name, for: caller, in: db)
        let holding = try collectionsHolding(resourceID: computer.resourceID, in: db)
        let environment = try deploymentEnvironment(of: computer, holding: holding, for: caller, in: db)
        var layers = ComputerPlanLayers()
        layers.builtIns.append(PlanVariable(name: "_SMSTSMachineName", value: computer.row.name))
        if !computer.row.macAddresses.isEmpty {
            layers.builtIns.append(PlanVariable(name: "_SMSTSMacAddresses", value: computer.row.macAddresses.joined(separator: ",")))
        }
        if !computer.row.smbiosGUID.isEmpty { layers.builtIns.append(PlanVariable(name: "_SMSTSUUID", value: computer.row.smbiosGUID)) }
        layers.collections = environment.collections.map { collection in
            PlanVariableLayer(source: .collection(id: collection.collectionID, name: collection.name), variables: collection.variables)
        }
        if !environment.computerVariables.isEmpty {
            layers.computer = PlanVariableLayer(source: .computer(name: computer.row.name), variables: environment.computerVariables)
        }
        // The plan has checked Read on the package already.
        layers.advertisementID = try advertisements(ofPackage: packageID, reaching: holding.map(\.collectionID), for: caller, in: db).first?.advertisementID
        return layers
    }
}
