import DBusKit

/// A collection (`SMS_Collection`) as the provider describes it, read in one round trip.
public struct CollectionInfo: Sendable, Hashable, Codable {
    /// The key: the site code and five hex digits.
    public var collectionID: String
    public var name: String
    public var comment: String
    /// The collection it sits under, empty at the top.
    public var parentCollectionID: String
    /// How many computers are in it.
    public var memberCount: Int32
    /// When it or its rules last changed, as a CIM datetime.
    public var lastChangeTime: String

    enum CodingKeys: String, CodingKey {
        case collectionID = "CollectionID", name = "Name", comment = "Comment", parentCollectionID = "ParentCollectionID"
        case memberCount = "MemberCount", lastChangeTime = "LastChangeTime"
    }

    init(_ properties: OrderedProperties) {
        collectionID = properties.string("CollectionID")
        name = properties.string("Name")
        comment = properties.string("Comment")
        parentCollectionID = properties.string("ParentCollectionID")
        memberCount = if case .int32(let count)? = properties["MemberCount"] { count } else { 0 }
        lastChangeTime = properties.string("LastChangeTime")
    }
}

extension CollectionInfo {
    /// A collection as `GetCollections` lists it.
    init?(listed value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 6, let id = fields[0].stringValue, let name = fields[1].stringValue,
              let comment = fields[2].stringValue, let parent = fields[3].stringValue, case .int32(let count) = fields[4],
              let changed = fields[5].stringValue else { return nil }
        collectionID = id
        self.name = name
        self.comment = comment
        parentCollectionID = parent
        memberCount = count
        lastChangeTime = changed
    }
}

/// A membership rule of a collection.
public struct CollectionRuleInfo: Sendable, Hashable, Codable {
    /// Which kind of rule.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `SMS_CollectionRuleDirect`: one computer.
        case direct
        /// `SMS_CollectionRuleQuery`: the computers a WQL query finds.
        case query
    }

    public var kind: Kind
    public var ruleName: String
    /// The ResourceID of a direct rule, the QueryID of a query rule.
    public var id: UInt32
    /// The WQL of a query rule; empty for a direct one.
    public var queryExpression: String

    enum CodingKeys: String, CodingKey {
        case kind = "Kind", ruleName = "RuleName", id = "ID", queryExpression = "QueryExpression"
    }

    init?(_ value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 4, let kind = fields[0].stringValue.flatMap(Kind.init(rawValue:)),
              let name = fields[1].stringValue, case .uint32(let id) = fields[2], let query = fields[3].stringValue else { return nil }
        self.kind = kind
        ruleName = name
        self.id = id
        queryExpression = query
    }
}

/// A computer in a collection (a row of `SMS_FullCollectionMembership`).
public struct CollectionMemberInfo: Sendable, Hashable, Codable {
    public var resourceID: UInt32
    public var name: String
    /// A direct rule names it.
    public var isDirect: Bool

    enum CodingKeys: String, CodingKey {
        case resourceID = "ResourceID", name = "Name", isDirect = "IsDirect"
    }

    init?(_ value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 3, case .uint32(let id) = fields[0], let name = fields[1].stringValue,
              case .boolean(let isDirect) = fields[2] else { return nil }
        resourceID = id
        self.name = name
        self.isDirect = isDirect
    }
}
