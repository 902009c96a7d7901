/// The instances of one class a caller may read, as an access policy answers it for a whole
/// query or listing.
///
/// The store turns it into a condition of the statement that reads the rows, so a caller who
/// may read a few of 10,000 packages pays for those few, not for the rest. Policies describe the
/// set; they never write SQL.
public enum ReadableSet: Sendable, Equatable {
    /// Every instance.
    case all
    /// No instance.
    case none
    /// Exactly the instances with these keys (PackageIDs, CollectionIDs …).
    case only(Set<String>)
    /// The instances of secured class `objectKey` whose instance entries give one of
    /// `principals` any of `rights` (SMS permission bits), as the store keeps them.
    case granted(objectKey: UInt32, rights: UInt32, principals: [String])
    /// The computers (ResourceIDs) that are members of a collection whose instance entries give
    /// one of `principals` any of `rights`.
    case membersOfGranted(collectionObjectKey: UInt32, rights: UInt32, principals: [String])

    /// Whether the set is empty, known without asking the store.
    public var isKnownEmpty: Bool {
        switch self {
        case .none: true
        case .only(let keys): keys.isEmpty
        case .granted(_, _, let principals), .membersOfGranted(_, _, let principals): principals.isEmpty
        case .all: false
        }
    }

    /// A condition that holds for rows whose key `column` (trusted: a name the store defines)
    /// is in the set; `nil` when every row qualifies.
    public func condition(on column: String, dialect: SQLDialect) -> SQLFragment? {
        switch self {
        case .all: nil
        case .none: SQLFragment(dialect.never)
        default: keyTest(dialect: dialect).map { SQLFragment("\(column) ") + $0 }
        }
    }

    /// `IN (…)` selecting the keys of a set given by its keys or its entries.
    func keyTest(dialect: SQLDialect) -> SQLFragment? {
        switch self {
        case .all, .none:
            return nil
        case .only(let keys):
            return dialect.inKeys(keys.sorted())
        case .granted(let objectKey, let rights, let principals):
            return "IN (" + Self.grantedInstances(objectKey: objectKey, rights: rights, principals: principals) + ")"
        case .membersOfGranted(let objectKey, let rights, let principals):
            return "IN (SELECT resourceID FROM collectionMember WHERE collectionID IN ("
                + Self.grantedInstances(objectKey: objectKey, rights: rights, principals: principals) + "))"
        }
    }

    /// `SELECT instanceKey …` of the instances whose entries give one of `principals` a right
    /// of `rights`; served by the primary key of `instancePermission`.
    static func grantedInstances(objectKey: UInt32, rights: UInt32, principals: [String]) -> SQLFragment {
        SQLFragment("SELECT instanceKey FROM instancePermission WHERE objectKey = ? AND (rights & ?) <> 0 AND userName IN ", [objectKey, rights])
            + .list(principals)
    }
}
