/// A membership rule of a collection.
public enum CollectionRule: Sendable, Hashable {
    /// SMS_CollectionRuleDirect: one computer.
    case direct(ruleName: String, resourceID: UInt32)
    /// SMS_CollectionRuleQuery: the computers a WQL query over SMS_R_System finds.
    case query(ruleName: String, queryID: UInt32, queryExpression: String)

    /// The rule's name.
    public var ruleName: String {
        switch self {
        case .direct(let name, _), .query(let name, _, _): name
        }
    }
}

/// A computer in a collection, and which kind of rule brought it in.
public struct CollectionMember: Sendable, Hashable {
    public var resourceID: UInt32
    public var name: String
    /// A direct rule names it (a query rule may find it too).
    public var isDirect: Bool

    public init(resourceID: UInt32, name: String, isDirect: Bool) {
        self.resourceID = resourceID
        self.name = name
        self.isDirect = isDirect
    }
}

/// A collection that holds a computer, directly or through a sub-collection: what a
/// deployment to it with "include sub-collections" reaches.
public struct ContainingCollection: Sendable, Hashable {
    public var collectionID: String
    public var name: String
    /// `nil` when the computer is a member of this collection itself; otherwise the
    /// collection below it (a descendant) that holds the computer.
    public var throughSubCollection: String?

    public init(collectionID: String, name: String, throughSubCollection: String?) {
        self.collectionID = collectionID
        self.name = name
        self.throughSubCollection = throughSubCollection
    }

    /// Whether the computer is a member of the collection itself.
    public var isMember: Bool { throughSubCollection == nil }
}
