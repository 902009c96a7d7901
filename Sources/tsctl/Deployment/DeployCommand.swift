import ArgumentParser
import Foundation
import TaskSequenceSDK

/// `tsctl deploy PACKAGE COLLECTION`: advertise a task sequence to a collection.
struct DeployCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy a task sequence package to a collection (create an SMS_Advertisement).",
        discussion: """
            Prints the new AdvertisementID (with --json: {"AdvertisementID": …}). Needs Create on \
            SMS_Advertisement, Advertise on the collection and Read on the package. TIME is ISO 8601 \
            (2026-12-24T18:00:00Z) or a CIM datetime (20261224180000.000000+000).
            """
    )

    @Argument(help: ArgumentHelp("The task sequence's PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The target CollectionID.", valueName: "collection-id"))
    var collectionID: String

    @Flag(help: "Required: runs without anyone starting it.")
    var required = false

    @Flag(help: "Available: listed for someone to start (the default).")
    var available = false

    @Flag(help: "Show the task sequence progress window (AdvertFlags 0x800000).")
    var showProgress = false

    @Flag(help: "Make it available to PXE boot (AdvertFlags 0x40000, shared with --media).")
    var pxe = false

    @Flag(help: "Make it available to boot media (AdvertFlags 0x40000, shared with --pxe).")
    var media = false

    @Option(help: ArgumentHelp("The AdvertisementName (default: PACKAGE to COLLECTION).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("When it becomes available (default: now).", valueName: "time"))
    var start: String?

    @Option(help: ArgumentHelp("When it expires (default: never).", valueName: "time"))
    var expires: String?

    @Flag(help: "Members of the collection's sub-collections get it too.")
    var includeSubcollections = false

    @OptionGroup var global: GlobalOptions

    var subject: String { "deploy \(packageID) to \(collectionID)" }

    func validate() throws {
        if required, available { throw ValidationError("Give --required or --available, not both.") }
        if let start, DeploymentTime.parse(start) == nil { throw ValidationError("--start '\(start)' is not a time: \(DeploymentTime.expected)") }
        if let expires, DeploymentTime.parse(expires) == nil { throw ValidationError("--expires '\(expires)' is not a time: \(DeploymentTime.expected)") }
    }

    func run(client: ProviderClient, output: Output) throws {
        var deployment = NewDeployment(packageID: packageID, collectionID: collectionID)
        deployment.name = name
        deployment.offer = required ? .required : .available
        if showProgress { deployment.flags.insert(.showProgress) }
        if pxe || media { deployment.flags.insert(.mediaAndPXE) }
        deployment.start = start.flatMap(DeploymentTime.parse)
        deployment.expires = expires.flatMap(DeploymentTime.parse)
        deployment.includeSubCollections = includeSubcollections
        let id = try client.deploy(deployment)
        try output.emit(["AdvertisementID": id]) { id }
    }
}

/// Times given on the command line.
enum DeploymentTime {
    static let expected = "ISO 8601 (2026-12-24T18:00:00Z) or a CIM datetime (20261224180000.000000+000)"

    static func parse(_ text: String) -> Date? {
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        // A CIM datetime: the first 14 digits, UTC unless an offset in minutes follows.
        let digits = Array(text.utf8.prefix(14))
        guard digits.count == 14, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func number(_ start: Int, _ count: Int) -> Int { digits[start..<start + count].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: number(0, 4), month: number(4, 2), day: number(6, 2), hour: number(8, 2), minute: number(10, 2), second: number(12, 2))
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        let tail = text.dropFirst(21)
        if let sign = tail.first, sign == "+" || sign == "-", let minutes = Int(tail.dropFirst()) {
            return date.addingTimeInterval(TimeInterval((sign == "+" ? -1 : 1) * minutes * 60))
        }
        return date
    }
}
