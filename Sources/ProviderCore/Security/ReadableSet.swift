import Foundation
import GRDB

/// The instances of one class a caller may read, as a policy answers it for a whole query.
///
/// Queries apply it in their SQL, so a caller who may read a few of 10,000 packages pays for
/// those few, not for the rest.
public enum ReadableSet: Sendable {
    /// Every instance.
    case all
    /// No instance.
    case none
    /// Exactly the instances with these keys (PackageIDs).
    case only(Set<String>)
    /// The keys an SQL `SELECT` of one column returns, for policies that keep rights in the
    /// store: `SELECT instanceKey FROM permission WHERE userName IN (…) AND rights & 1`.
    case selectedBy(SQL)

    /// Whether the set is empty, known without asking the store.
    var isKnownEmpty: Bool {
        switch self {
        case .none: true
        case .only(let keys): keys.isEmpty
        case .all, .selectedBy: false
        }
    }

    /// An SQL condition that holds for rows whose key `column` is in the set; `nil` when every
    /// row qualifies.
    func restriction(on column: SQL) throws -> SQL? {
        switch self {
        case .all:
            return nil
        case .none:
            return "0"
        case .only(let keys):
            // One JSON argument however many keys: no limit on bound parameters to reach.
            let list = String(decoding: try JSONEncoder().encode(keys.sorted()), as: UTF8.self)
            return "\(column) IN (SELECT value FROM json_each(\(list)))"
        case .selectedBy(let select):
            return "\(column) IN (\(select))"
        }
    }
}
