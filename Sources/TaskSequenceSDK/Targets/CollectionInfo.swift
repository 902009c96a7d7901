import DBusKit
internal import TaskSequenceModel

extension CollectionInfo {
    /// A collection from the properties of its object.
    init(_ properties: OrderedProperties) {
        let parent = properties.string("ParentCollectionID")
        let count: Int32 = if case .int32(let count)? = properties["MemberCount"] { count } else { 0 }
        self.init(
            collectionID: properties.string("CollectionID"), name: properties.string("Name"), comment: properties.string("Comment"),
            parentCollectionID: parent.isEmpty ? nil : parent, memberCount: Int(count),
            lastChangeTime: CIMDateTime.seconds(from: properties.string("LastChangeTime")) ?? 0)
    }
}

extension CollectionInfo {
    /// A collection as `GetCollections` lists it.
    init?(listed value: DBusValue) {
        guard let fields = value.structureFields, fields.count == 6, let id = fields[0].stringValue, let name = fields[1].stringValue,
              let comment = fields[2].stringValue, let parent = fields[3].stringValue, case .int32(let count) = fields[4],
              let changed = fields[5].stringValue else { return nil }
        self.init(
            collectionID: id, name: name, comment: comment, parentCollectionID: parent.isEmpty ? nil : parent, memberCount: Int(count),
            lastChangeTime: CIMDateTime.seconds(from: changed) ?? 0)
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
