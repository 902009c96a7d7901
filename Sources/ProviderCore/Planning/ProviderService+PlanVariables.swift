import GRDB
import TaskSequenceModel

extension ProviderService {
    /// The layers computer `name` brings to a plan: its built-ins, the variables of the
    /// collections it belongs to (ordered by CollectionID, so the later, higher ID wins a name
    /// two collections set differently) and its own variables. `nil` brings nothing.
    ///
    /// Computers are not served yet: any name is NotFound.
    func planLayers(forComputer name: String?, caller: Caller, in db: Database) throws -> ComputerPlanLayers {
        guard let name else { return ComputerPlanLayers() }
        throw ProviderError.notFound("computer '\(name)'")
    }
}
