import TaskSequenceModel

/// The classes that deployments target, as the provider describes them (ConfigMgr SDK pages
/// for SMS_R_System, SMS_Collection, SMS_FullCollectionMembership, SMS_CollectToSubCollect and
/// SMS_StateMigration): the properties that mean something for computers imported offline.
enum TargetClasses {
    /// SMS_R_System: a discovered or imported computer (ResourceType 5).
    static let computer = ClassDefinition(
        name: ClassName.computer,
        superclass: ClassName.resourceBaseClass,
        kind: .target,
        properties: [
            .uint32("ResourceID").key().readOnly(),
            // 5: a system.
            .uint32("ResourceType").readOnly().documentedValues(["5"]),
            .string("Name").readOnly(),
            .string("NetbiosName").readOnly(),
            .stringArray("MACAddresses").readOnly(),
            .string("SMBIOSGUID").readOnly(),
            // Imported computers have no client until one installs and reports.
            .uint32("Client").readOnly().documentedValues(["0", "1"]),
            .uint32("Active").readOnly().documentedValues(["0", "1"]),
            .uint32("Obsolete").readOnly().documentedValues(["0", "1"]),
            .uint32("Decommissioned").readOnly().documentedValues(["0", "1"]),
            .datetime("CreationDate").readOnly(),
            .stringArray("AgentName").readOnly(),
        ]
    )

    /// SMS_Collection: computers related by rules.
    static let collection = ClassDefinition(
        name: ClassName.collection,
        superclass: ProviderCatalog.baseClass,
        kind: .target,
        properties: [
            .string("CollectionID").key().readOnly(),
            .string("Name").notNull(),
            .string("Comment"),
            .objects("CollectionRules", of: "SMS_CollectionRule").lazy().readOnly(),
            // 2: a device collection.
            .uint32("CollectionType").readOnly().documentedValues(["2"]),
            .string("MemberClassName").readOnly(),
            .sint32("MemberCount").readOnly(),
            .datetime("LastChangeTime").readOnly(),
            .datetime("LastMemberChangeTime").readOnly(),
            .boolean("OwnedByThisSite").readOnly(),
        ]
    )

    /// SMS_CollectionRule: the abstract root of membership rules.
    static let collectionRule = ClassDefinition(
        name: "SMS_CollectionRule", superclass: nil, kind: .embedded, isAbstract: true,
        properties: [.string("RuleName")]
    )

    /// SMS_CollectionRuleDirect: one resource.
    static let collectionRuleDirect = ClassDefinition(
        name: "SMS_CollectionRuleDirect", superclass: "SMS_CollectionRule", kind: .embedded,
        properties: [.string("ResourceClassName"), .uint32("ResourceID")]
    )

    /// SMS_CollectionRuleQuery: the resources a WQL query finds.
    static let collectionRuleQuery = ClassDefinition(
        name: "SMS_CollectionRuleQuery", superclass: "SMS_CollectionRule", kind: .embedded,
        properties: [.string("QueryExpression"), .uint32("QueryID"), .string("LimitToCollectionID")]
    )

    /// SMS_FullCollectionMembership: one row per computer per collection it is a member of.
    static let fullCollectionMembership = ClassDefinition(
        name: ClassName.fullCollectionMembership,
        superclass: ProviderCatalog.baseClass,
        kind: .view,
        properties: [
            .string("CollectionID").key().readOnly(),
            .uint32("ResourceID").key().readOnly(),
            .string("Name").readOnly(),
            .boolean("IsDirect").readOnly(),
            .uint32("ResourceType").readOnly(),
            .string("SMSID").readOnly(),
        ]
    )

    /// SMS_CollectToSubCollect: a collection and a sub-collection under it.
    static let collectToSubCollect = ClassDefinition(
        name: ClassName.collectToSubCollect,
        superclass: ProviderCatalog.baseClass,
        kind: .view,
        properties: [
            .string("parentCollectionID").key().readOnly(),
            .string("subCollectionID").key().readOnly(),
        ]
    )

    /// SMS_StateMigration: a computer association for side-by-side migration.
    static let stateMigration = ClassDefinition(
        name: ClassName.stateMigration,
        superclass: ProviderCatalog.baseClass,
        kind: .view,
        properties: [
            .uint32("SourceClientResourceID").key().readOnly(),
            .uint32("RestoreClientResourceID").key().readOnly(),
            .string("SourceName").readOnly(),
            .string("RestoreName").readOnly(),
            // 1: a side-by-side (computer association) migration.
            .uint32("MigrationType").readOnly().documentedValues(["1"]),
            .datetime("CreationDate").readOnly(),
        ]
    )

    /// SMS_Resource: the abstract root of discovered resources.
    static let resource = ClassDefinition(
        name: ClassName.resourceBaseClass, superclass: ProviderCatalog.baseClass, kind: .target, isAbstract: true,
        properties: []
    )

    static let all = [resource, computer, collection, collectionRule, collectionRuleDirect, collectionRuleQuery, fullCollectionMembership, collectToSubCollect, stateMigration]
}
