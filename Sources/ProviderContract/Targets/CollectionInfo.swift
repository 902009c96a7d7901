import TaskSequenceModel

/// A collection (`SMS_Collection`) as the provider serves it: the service builds it from its
/// store, the SDK reads it in one round trip. JSON keys are the WMI property names
/// (`ParentCollectionID` empty at the top, `LastChangeTime` as a CIM datetime).
public struct CollectionInfo: Sendable, Hashable, Codable {
    /// The key: the site code and five hex digits.
    public var collectionID: String
    /// The name.
    public var name: String
    /// The comment.
    public var comment: String
    /// The collection it sits under; `nil` at the top.
    public var parentCollectionID: String?
    /// Computers in it now (direct and query rules together).
    public var memberCount: Int
    /// Seconds since 1970 (UTC) of the last change to it or its rules; 0 when unknown.
    public var lastChangeTime: Int64

    enum CodingKeys: String, CodingKey {
        case collectionID = "CollectionID", name = "Name", comment = "Comment", parentCollectionID = "ParentCollectionID"
        case memberCount = "MemberCount", lastChangeTime = "LastChangeTime"
    }

    /// A collection from its values.
    public init(collectionID: String, name: String, comment: String, parentCollectionID: String?, memberCount: Int, lastChangeTime: Int64) {
        self.collectionID = collectionID
        self.name = name
        self.comment = comment
        self.parentCollectionID = parentCollectionID
        self.memberCount = memberCount
        self.lastChangeTime = lastChangeTime
    }

    /// ``lastChangeTime`` as the CIM datetime the provider sends, empty when unknown.
    public var lastChangeTimeText: String { CIMDateTime.wireText(fromSeconds: lastChangeTime) }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let parent = try container.decode(String.self, forKey: .parentCollectionID)
        self.init(
            collectionID: try container.decode(String.self, forKey: .collectionID), name: try container.decode(String.self, forKey: .name),
            comment: try container.decode(String.self, forKey: .comment), parentCollectionID: parent.isEmpty ? nil : parent,
            memberCount: try container.decode(Int.self, forKey: .memberCount),
            lastChangeTime: CIMDateTime.seconds(from: try container.decode(String.self, forKey: .lastChangeTime)) ?? 0)
    }

    /// Every key: the parent empty at the top, the time as a CIM datetime.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(collectionID, forKey: .collectionID)
        try container.encode(name, forKey: .name)
        try container.encode(comment, forKey: .comment)
        try container.encode(parentCollectionID ?? "", forKey: .parentCollectionID)
        try container.encode(memberCount, forKey: .memberCount)
        try container.encode(lastChangeTimeText, forKey: .lastChangeTime)
    }
}
