/// What can go wrong in the store, beyond SQLite's own errors (which pass through as
/// `GRDB.DatabaseError`).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No package with this ID.
    case packageNotFound(String)
    /// No step with this ID in the package.
    case stepNotFound(Int64)
    /// No condition operand with this ID on the step.
    case operandNotFound(Int64)
    /// A move that would put a group inside itself.
    case wouldCreateCycle(step: Int64, parent: Int64)
    /// The target of an insert or move cannot hold children (it is not a group, or not an operator).
    case notAContainer(String)
    /// The expected SourceVersion did not match (someone else saved first).
    case staleVersion(expected: UInt32, actual: UInt32)
    /// Every PackageID of the site is taken.
    case packageIDsExhausted(siteCode: String)
    /// Every CollectionID of the site is taken.
    case collectionIDsExhausted(siteCode: String)
    /// Every AdvertisementID of the site is taken.
    case advertisementIDsExhausted(siteCode: String)
    /// Stored data that does not decode; the store was changed behind the provider's back.
    case corrupt(String)

    public var description: String {
        switch self {
        case .packageNotFound(let id): "no package \(id)"
        case .stepNotFound(let id): "no step \(id)"
        case .operandNotFound(let id): "no condition operand \(id)"
        case .wouldCreateCycle(let step, let parent): "cannot move step \(step) into \(parent): a group cannot contain itself"
        case .notAContainer(let what): "\(what) cannot hold children"
        case .staleVersion(let expected, let actual): "the package changed: expected SourceVersion \(expected), it is \(actual)"
        case .packageIDsExhausted(let site): "every PackageID of site \(site) is taken"
        case .collectionIDsExhausted(let site): "every CollectionID of site \(site) is taken"
        case .advertisementIDsExhausted(let site): "every AdvertisementID of site \(site) is taken"
        case .corrupt(let detail): "the store is damaged: \(detail)"
        }
    }
}
