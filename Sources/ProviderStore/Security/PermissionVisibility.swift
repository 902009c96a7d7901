/// Which permission entries a caller may see, as an access policy describes it; the store
/// turns it into the condition of the statement reading the entries.
public enum PermissionVisibility: Sendable, Equatable {
    /// Every entry.
    case all
    /// No entry.
    case none
    /// The entries of `principals` (the caller's user and groups), every entry of the classes
    /// in `administered`, and the instance entries `delegated` describes.
    case limited(principals: [String], administered: [UInt32] = [], delegated: [DelegatedEntries] = [])

    /// The instance entries of one class that a caller holding Delegate may see: those of the
    /// instances in `readable` that it may delegate — every one when it holds Delegate on the
    /// class (`onClass`), else those whose own entries give one of `principals` Delegate.
    public struct DelegatedEntries: Sendable, Equatable {
        public var objectKey: UInt32
        public var onClass: Bool
        public var principals: [String]
        public var readable: ReadableSet
        /// The SMS Delegate bit.
        public var delegateRight: UInt32

        public init(objectKey: UInt32, onClass: Bool, principals: [String], readable: ReadableSet, delegateRight: UInt32) {
            self.objectKey = objectKey
            self.onClass = onClass
            self.principals = principals
            self.readable = readable
            self.delegateRight = delegateRight
        }
    }

    /// The condition over the unqualified columns `userName`, `objectKey` and (for instance
    /// entries) `instanceKey` of an entry table; `nil` when every entry qualifies.
    public func condition(instances: Bool, dialect: SQLDialect) -> SQLFragment? {
        switch self {
        case .all:
            return nil
        case .none:
            return SQLFragment(dialect.never)
        case .limited(let principals, let administered, let delegated):
            var visible: [SQLFragment] = ["userName IN " + .list(principals)]
            for objectKey in administered {
                visible.append(SQLFragment("objectKey = ?", [objectKey]))
            }
            if instances {
                for entries in delegated where !entries.readable.isKnownEmpty {
                    let delegable: SQLFragment = entries.onClass ? SQLFragment(dialect.always) : SQLFragment("""
                        (objectKey, instanceKey) IN (SELECT d.objectKey, d.instanceKey FROM instancePermission d \
                        WHERE (d.rights & ?) <> 0 AND d.userName IN 
                        """, [entries.delegateRight]) + .list(entries.principals) + ")"
                    let readable = entries.readable.condition(on: "instanceKey", dialect: dialect) ?? SQLFragment(dialect.always)
                    visible.append(SQLFragment("(objectKey = ? AND ", [entries.objectKey]) + delegable + " AND " + readable + ")")
                }
            }
            return "(" + visible.joined(separator: " OR ") + ")"
        }
    }
}
