/// What can go wrong in the store. Engine failures (SQLite's, PostgreSQL's) are translated to
/// the cases at the end, so code above the store never sees an engine's own error type.
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
    /// A rule the store keeps itself refused the change (a trigger); the text is `Property: rule`.
    case refusedByRule(String)
    /// The disk (or the database server's) is full; nothing was written.
    case full(String)
    /// The store is read-only; nothing was written.
    case readOnly(String)
    /// The database cannot be reached (a server that went away); nothing was written, and the
    /// store reconnects on a later call.
    case unavailable(String)
    /// Any other failure of the engine, with its own message and code.
    case engine(String)

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
        case .refusedByRule(let rule): rule
        case .full(let detail): "the store is full: \(detail)"
        case .readOnly(let detail): "the store is read-only: \(detail)"
        case .unavailable(let detail): "the database cannot be reached: \(detail)"
        case .engine(let detail): detail
        }
    }
}
