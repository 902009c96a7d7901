import ArgumentParser
import TaskSequenceSDK

/// `tsctl computer show COMPUTER`: one computer and the collections that hold it.
struct ComputerShowCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a computer and the collections that hold it.",
        discussion: """
            COMPUTER is a name (any case) or a ResourceID. With --json, the computer's properties \
            and Collections: [{CollectionID, Name, ThroughSubCollection}].
            """
    )

    @Argument(help: ArgumentHelp("The computer's name or ResourceID.", valueName: "computer"))
    var computer: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "computer \(computer)" }

    struct Shown: Encodable {
        var computer: ComputerInfo
        var collections: [Collection]

        struct Collection: Encodable {
            var CollectionID: String
            var Name: String
            var ThroughSubCollection: String
        }

        func encode(to encoder: any Encoder) throws {
            try computer.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(collections, forKey: Key(stringValue: "Collections"))
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        let handle = try client.computer(named: computer)
        let info = try handle.info()
        let collections = try handle.collections().map { Shown.Collection(CollectionID: $0.collectionID, Name: $0.name, ThroughSubCollection: $0.throughSubCollection) }
        try output.emit(Shown(computer: info, collections: collections)) {
            var lines = [
                "ResourceID:    \(info.resourceID)", "Name:          \(info.name)",
                "MACAddresses:  \(info.macAddresses.joined(separator: " "))", "SMBIOSGUID:    \(info.smbiosGUID)",
                "CreationDate:  \(PackageText.date(info.creationDateText))",
            ]
            for collection in collections {
                let through = collection.ThroughSubCollection.isEmpty ? "" : " (through \(collection.ThroughSubCollection))"
                lines.append("Collection:    \(collection.CollectionID) \(collection.Name)\(through)")
            }
            return lines.joined(separator: "\n")
        }
    }
}
