import ArgumentParser
import TaskSequenceSDK

/// `tsctl collection show ID`: a collection with its rules.
struct CollectionShowCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a collection and its membership rules.",
        discussion: "With --json, the collection's properties and Rules: [{Kind (direct or query), RuleName, ID (ResourceID or QueryID), QueryExpression}]."
    )

    @Argument(help: ArgumentHelp("The CollectionID.", valueName: "collection-id"))
    var collectionID: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "collection \(collectionID)" }

    struct Shown: Encodable {
        var collection: CollectionInfo
        var rules: [CollectionRuleInfo]

        func encode(to encoder: any Encoder) throws {
            try collection.encode(to: encoder)
            var container = encoder.container(keyedBy: RulesKey.self)
            try container.encode(rules, forKey: .rules)
        }

        enum RulesKey: String, CodingKey { case rules = "Rules" }
    }

    func run(client: ProviderClient, output: Output) throws {
        let handle = client.collection(collectionID)
        let info = try handle.info()
        let rules = try handle.rules()
        try output.emit(Shown(collection: info, rules: rules)) {
            var lines = [
                "CollectionID:        \(info.collectionID)", "Name:                \(info.name)", "Comment:             \(info.comment)",
                "ParentCollectionID:  \(info.parentCollectionID ?? "")", "MemberCount:         \(info.memberCount)",
                "LastChangeTime:      \(PackageText.date(info.lastChangeTimeText))",
            ]
            for rule in rules {
                switch rule.kind {
                case .direct: lines.append("Rule:                direct \(rule.ruleName) (ResourceID \(rule.id))")
                case .query: lines.append("Rule:                query \(rule.id) \(rule.ruleName): \(rule.queryExpression)")
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
