import DBusKit
import ProviderCore

/// A computer (SMS_R_System).
struct ComputerModel: Sendable {
    let bus: ProviderBus
    let resourceID: UInt32
    /// The computer as the resolver read it for this call.
    var resolved: ComputerInfo? = nil

    func info(_ context: CallerContext) throws -> ComputerInfo {
        if let resolved { return resolved }
        return try bus.service.computer(resourceID, for: bus.caller(context))
    }
}

/// A collection (SMS_Collection).
struct CollectionModel: Sendable {
    let bus: ProviderBus
    let collectionID: String
    var resolved: CollectionInfo? = nil

    func info(_ context: CallerContext) throws -> CollectionInfo {
        if let resolved { return resolved }
        return try bus.service.collection(collectionID, for: bus.caller(context))
    }
}

extension Interfaces {
    /// `…SMS_R_System` on `/…/SMS_R_System/{ResourceID}`.
    static let computer = DBusInterface<ComputerModel>(InterfaceName.named("SMS_R_System"), doc: """
        A computer, on /org/tsprovider/Provider1/SMS_R_System/{ResourceID}. Imported with the class object's Import, \
        ImportMachineEntry or ImportCsv. A caller sees it with Read or ReadResource on the SMS_Collection class or on a \
        collection it is a member of (ObjectKey 1); DeleteResource there deletes it.
        """) {
        DBusProperty("ResourceID", UInt32.self, emitsChangedSignal: .const, doc: "The key, assigned on import.") { model, _ in model.resourceID }
        DBusProperty("Name", String.self, doc: "The NetBIOS name.") { model, context in try model.info(context).name }
        DBusProperty("NetbiosName", String.self, doc: "The NetBIOS name, as Name.") { model, context in try model.info(context).name }
        DBusProperty("MACAddresses", [String].self, doc: "MAC addresses as 00:11:22:AA:BB:CC.") { model, context in try model.info(context).macAddresses }
        DBusProperty("SMBIOSGUID", String.self, doc: "The SMBIOS GUID in upper case, or empty.") { model, context in try model.info(context).smbiosGUID }
        DBusProperty("CreationDate", String.self, emitsChangedSignal: .const, doc: "When it was imported, as a CIM datetime.") { model, context in
            ValueConversion.cimDateTime(try model.info(context).creationDate)
        }
        DBusMethod(
            "GetCollections",
            outputs: [DBusArgument("collections", .array(.structure([.string, .string, .string])), doc: "(CollectionID, Name, ThroughSubCollection): each collection it is a member of with an empty third field, then their parents with the sub-collection that holds it.")],
            doc: "The collections that hold the computer, as far as the caller may read them; a deployment to a parent with include sub-collections reaches it through the named sub-collection."
        ) { model, call in
            let collections = try model.bus.service.collectionsContaining(computer: model.resourceID, for: model.bus.caller(call.caller))
            return [.array(.structure([.string, .string, .string]), collections.map {
                .structure([.string($0.collectionID), .string($0.name), .string($0.throughSubCollection ?? "")])
            })]
        }
        DBusMethod("Delete", doc: "Deletes the computer with its memberships and associations; needs DeleteResource on the collection class or on a collection it is a member of.") { model, call in
            try model.bus.service.deleteComputer(model.resourceID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…ComputerClass` on `/…/SMS_R_System`: importing computers and associating them.
    static let computerClass = DBusInterface<ClassModel>(InterfaceName.named("ComputerClass"), doc: """
        The static methods of SMS_R_System, on /org/tsprovider/Provider1/SMS_R_System: Import Computer Information, \
        one computer or a CSV file, and computer associations for side-by-side migration (SMS_StateMigration). Each \
        needs ImportMachine (0x80000) on the SMS_Collection class.
        """) {
        DBusMethod(
            "GetComputers",
            outputs: [DBusArgument("computers", .array(.structure([.uint32, .string, .string, .array(.string), .string])), doc: "(ResourceID, Name, SMBIOSGUID, MACAddresses, CreationDate) by ResourceID.")],
            doc: "Every computer the caller may read with its properties, in one reply: what Enumerate and a GetAll on each would give."
        ) { model, call in
            let computers = try model.bus.service.computers(for: model.bus.caller(call.caller))
            return [.array(.structure([.uint32, .string, .string, .array(.string), .string]), computers.map(TargetConversion.computer))]
        }
        DBusMethod(
            "ImportMachineEntry",
            inputs: [DBusArgument("NetbiosName", .string, doc: "1 to 15 letters, digits, hyphens or underscores."),
                     DBusArgument("SMBIOSGUID", .string, doc: "A GUID, braces optional, or empty."),
                     DBusArgument("MACAddress", .string, doc: "Six hex pairs joined by colons or hyphens, or empty; a MAC address or a GUID is needed."),
                     DBusArgument("OverwriteExistingRecord", .boolean, doc: "Replace the MAC address and GUID of a computer of that name instead of refusing.")],
            outputs: [DBusArgument("ResourceID", .uint32, doc: "The computer's key."), DBusArgument("computer", .objectPath, doc: "Its object.")],
            doc: "Imports one computer, as SMS_Site.ImportMachineEntry does. A name already taken (without OverwriteExistingRecord), or a MAC address or GUID of another computer, is InvalidArgs; a malformed name, MAC or GUID is ValidationFailed."
        ) { model, call in
            let (name, guid, mac, overwrite) = try call.decode(String.self, String.self, String.self, Bool.self)
            let entry = ComputerEntry(name: name, macAddresses: mac.isEmpty ? [] : [mac], smbiosGUID: guid)
            let id = try model.bus.service.importComputer(entry, overwrite: overwrite, for: model.bus.caller(call.caller))
            return [.uint32(id), .objectPath(ProviderPath.path(of: .computer(id)))]
        }
        DBusMethod(
            "Import",
            inputs: [DBusArgument("entry", .dictionary(key: .string, value: .variant), doc: "Name (s, required); MACAddress (s or as); SMBIOSGUID (s); SourceComputer (s): a name or ResourceID whose user state moves to this computer; Overwrite (b).")],
            outputs: [DBusArgument("ResourceID", .uint32, doc: "The computer's key."), DBusArgument("computer", .objectPath, doc: "Its object.")],
            doc: "ImportMachineEntry with a source computer: the import and the association are one change. Errors as for ImportMachineEntry; an unknown key is InvalidArgs."
        ) { model, call in
            let entry = try TargetConversion.entry(call.arguments[0])
            let id = try model.bus.service.importComputer(entry.entry, overwrite: entry.overwrite, for: model.bus.caller(call.caller))
            return [.uint32(id), .objectPath(ProviderPath.path(of: .computer(id)))]
        }
        DBusMethod(
            "ImportCsv",
            inputs: [DBusArgument("data", .string, doc: "Lines of Name,SMBIOS GUID,MAC Address and an optional Source Computer, as the console's wizard reads them; a header line is optional."),
                     DBusArgument("overwrite", .boolean, doc: "Replace computers of the same name instead of reporting the line.")],
            outputs: [DBusArgument("lines", .array(.structure([.uint32, .string, .uint32, .string])), doc: "(line number, name, ResourceID or 0, problem or empty) for every line with content.")],
            doc: "Imports the good lines in one transaction and reports every bad one by line, changing nothing for it."
        ) { model, call in
            let (data, overwrite) = try call.decode(String.self, Bool.self)
            let lines = try model.bus.service.importComputers(csv: data, overwrite: overwrite, for: model.bus.caller(call.caller))
            return [.array(.structure([.uint32, .string, .uint32, .string]), lines.map(TargetConversion.importLine))]
        }
        DBusMethod(
            "AddAssociation",
            inputs: [DBusArgument("source", .string, doc: "The old computer, by name or ResourceID."),
                     DBusArgument("destination", .string, doc: "The new computer, by name or ResourceID.")],
            doc: "Associates two computers for side-by-side migration (SMS_StateMigration); needs Read on both. An existing association is left as it is."
        ) { model, call in
            let (source, destination) = try call.decode(String.self, String.self)
            try model.bus.service.associateComputers(source: source, destination: destination, for: model.bus.caller(call.caller))
            return []
        }
        DBusMethod(
            "GetAssociations",
            outputs: [DBusArgument("associations", .array(.structure([.uint32, .string, .uint32, .string])), doc: "(source ResourceID, source name, destination ResourceID, destination name); the source name is empty when the caller may not read the source.")],
            doc: "The associations whose destination the caller may read."
        ) { model, call in
            let associations = try model.bus.service.computerAssociations(for: model.bus.caller(call.caller))
            return [.array(.structure([.uint32, .string, .uint32, .string]), associations.map {
                .structure([.uint32($0.sourceResourceID), .string($0.sourceName ?? ""), .uint32($0.destinationResourceID), .string($0.destinationName)])
            })]
        }
    }

    /// `…SMS_Collection` on `/…/SMS_Collection/{CollectionID}`.
    static let collection = DBusInterface<CollectionModel>(InterfaceName.named("SMS_Collection"), doc: """
        A collection of computers, on /org/tsprovider/Provider1/SMS_Collection/{CollectionID}; rights use ObjectKey 1. \
        Its members are the computers its direct rules name and its query rules find, evaluated whenever a rule or a \
        computer changes. Modify changes its rules; Read on it reads its members.
        """) {
        DBusProperty("CollectionID", String.self, emitsChangedSignal: .const, doc: "The key: the site code and five hex digits.") { model, _ in model.collectionID }
        DBusProperty("Name", String.self, doc: "Unique without regard to case; writable with Modify.", get: { model, context in try model.info(context).name },
                     set: { model, value, context in try model.bus.service.updateCollection(model.collectionID, name: value, for: model.bus.caller(context)) })
        DBusProperty("Comment", String.self, doc: "Free text; writable with Modify.", get: { model, context in try model.info(context).comment },
                     set: { model, value, context in try model.bus.service.updateCollection(model.collectionID, comment: value, for: model.bus.caller(context)) })
        DBusProperty("ParentCollectionID", String.self, doc: "The collection it sits under, empty at the top (SMS_CollectToSubCollect).") { model, context in
            try model.info(context).parentCollectionID ?? ""
        }
        DBusProperty("MemberCount", Int32.self, doc: "How many computers are in it.") { model, context in Int32(clamping: try model.info(context).memberCount) }
        DBusProperty("LastChangeTime", String.self, doc: "When it or its rules last changed, as a CIM datetime.") { model, context in
            ValueConversion.cimDateTime(try model.info(context).lastChangeTime)
        }
        DBusMethod(
            "GetMembers",
            outputs: [DBusArgument("members", .array(.structure([.uint32, .string, .boolean])), doc: "(ResourceID, Name, IsDirect) by ResourceID.")],
            doc: "The computers in the collection now, as SMS_FullCollectionMembership lists them."
        ) { model, call in
            let members = try model.bus.service.collectionMembers(model.collectionID, for: model.bus.caller(call.caller))
            return [.array(.structure([.uint32, .string, .boolean]), members.map { .structure([.uint32($0.resourceID), .string($0.name), .boolean($0.isDirect)]) })]
        }
        DBusMethod(
            "GetRules",
            outputs: [DBusArgument("rules", .array(.structure([.string, .string, .uint32, .string])), doc: "(direct or query, RuleName, ResourceID or QueryID, QueryExpression or empty).")],
            doc: "The membership rules (SMS_CollectionRuleDirect and SMS_CollectionRuleQuery): direct rules by ResourceID, then query rules."
        ) { model, call in
            let rules = try model.bus.service.collectionRules(model.collectionID, for: model.bus.caller(call.caller))
            return [.array(.structure([.string, .string, .uint32, .string]), rules.map(TargetConversion.rule))]
        }
        DBusMethod(
            "AddDirectRules",
            inputs: [DBusArgument("computers", .array(.string), doc: "Computers by name or ResourceID, each one the caller may read.")],
            doc: "Adds a direct rule for each computer, in one change; computers already named by one are left as they are."
        ) { model, call in
            try model.bus.service.addDirectMembers(call.argument("computers", as: [String].self), to: model.collectionID, for: model.bus.caller(call.caller))
            return []
        }
        DBusMethod(
            "DeleteDirectRule", inputs: [DBusArgument("computer", .string, doc: "A computer by name or ResourceID.")],
            doc: "Removes the direct rule naming the computer; NotFound when there is none."
        ) { model, call in
            try model.bus.service.removeDirectMember(call.argument("computer", as: String.self), from: model.collectionID, for: model.bus.caller(call.caller))
            return []
        }
        DBusMethod(
            "AddQueryRule",
            inputs: [DBusArgument("ruleName", .string, doc: "The rule's name; empty for Query N."),
                     DBusArgument("query", .string, doc: "SELECT * FROM SMS_R_System WHERE ..., as ExecQuery takes it.")],
            outputs: [DBusArgument("QueryID", .uint32, doc: "The rule's key.")],
            doc: "Adds a query rule; the query is checked and run before it is kept. A query of another class, COUNT or DISTINCT, or one that does not parse is InvalidQuery."
        ) { model, call in
            let (name, query) = try call.decode(String.self, String.self)
            return [.uint32(try model.bus.service.addQueryRule(query, named: name, to: model.collectionID, for: model.bus.caller(call.caller)))]
        }
        DBusMethod("DeleteQueryRule", inputs: [DBusArgument("QueryID", .uint32, doc: "As GetRules gives it.")], doc: "Removes a query rule.") { model, call in
            try model.bus.service.removeQueryRule(call.argument("QueryID", as: UInt32.self), from: model.collectionID, for: model.bus.caller(call.caller))
            return []
        }
        DBusMethod(
            "MoveTo", inputs: [DBusArgument("parentCollectionID", .string, doc: "The new parent, or empty for the top.")],
            doc: "Makes the collection a sub-collection of another (Modify on both); a collection cannot be its own ancestor (InvalidArgs)."
        ) { model, call in
            let parent = try call.argument("parentCollectionID", as: String.self)
            try model.bus.service.moveCollection(model.collectionID, toParent: parent.isEmpty ? nil : parent, for: model.bus.caller(call.caller))
            return []
        }
        DBusMethod("Delete", doc: "Deletes the collection with its rules and the rights entries on it; one with sub-collections is ValidationFailed.") { model, call in
            try model.bus.service.deleteCollection(model.collectionID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…CollectionClass` on `/…/SMS_Collection`.
    static let collectionClass = DBusInterface<ClassModel>(InterfaceName.named("CollectionClass"), doc: """
        The static methods of SMS_Collection, on /org/tsprovider/Provider1/SMS_Collection.
        """) {
        DBusMethod(
            "GetCollections",
            outputs: [DBusArgument("collections", .array(.structure([.string, .string, .string, .string, .int32, .string])), doc: "(CollectionID, Name, Comment, ParentCollectionID, MemberCount, LastChangeTime) by CollectionID.")],
            doc: "Every collection the caller may read with its properties, in one reply."
        ) { model, call in
            let collections = try model.bus.service.collections(for: model.bus.caller(call.caller))
            return [.array(.structure([.string, .string, .string, .string, .int32, .string]), collections.map(TargetConversion.collection))]
        }
        DBusMethod(
            "Create",
            inputs: [DBusArgument("name", .string, doc: "Unique without regard to case."),
                     DBusArgument("comment", .string, doc: "Free text."),
                     DBusArgument("parentCollectionID", .string, doc: "The collection to create it under (Modify needed there), or empty.")],
            outputs: [DBusArgument("CollectionID", .string, doc: "The new key."), DBusArgument("collection", .objectPath, doc: "Its object.")],
            doc: "Creates a collection; needs Create on SMS_Collection, and the caller gets Read, Modify and Delete on it. A name already taken is InvalidArgs."
        ) { model, call in
            let (name, comment, parent) = try call.decode(String.self, String.self, String.self)
            let id = try model.bus.service.createCollection(name: name, comment: comment, parentCollectionID: parent.isEmpty ? nil : parent, for: model.bus.caller(call.caller))
            return [.string(id), .objectPath(ProviderPath.path(of: .collection(id)))]
        }
    }
}

/// D-Bus shapes of the targeting values.
enum TargetConversion {
    static func importLine(_ line: ComputerImportLine) -> DBusValue {
        switch line.outcome {
        case .imported(let id): .structure([.uint32(UInt32(line.line)), .string(line.name), .uint32(id), .string("")])
        case .failed(let problem): .structure([.uint32(UInt32(line.line)), .string(line.name), .uint32(0), .string(problem)])
        }
    }

    static func computer(_ computer: ComputerInfo) -> DBusValue {
        .structure([
            .uint32(computer.resourceID), .string(computer.name), .string(computer.smbiosGUID),
            .array(.string, computer.macAddresses.map(DBusValue.string)), .string(ValueConversion.cimDateTime(computer.creationDate)),
        ])
    }

    static func collection(_ collection: CollectionInfo) -> DBusValue {
        .structure([
            .string(collection.collectionID), .string(collection.name), .string(collection.comment), .string(collection.parentCollectionID ?? ""),
            .int32(Int32(clamping: collection.memberCount)), .string(ValueConversion.cimDateTime(collection.lastChangeTime)),
        ])
    }

    static func rule(_ rule: CollectionRule) -> DBusValue {
        switch rule {
        case .direct(let name, let id): .structure([.string("direct"), .string(name), .uint32(id), .string("")])
        case .query(let name, let id, let query): .structure([.string("query"), .string(name), .uint32(id), .string(query)])
        }
    }

    /// The `Import` dictionary as an entry and whether to overwrite.
    static func entry(_ value: DBusValue) throws -> (entry: ComputerEntry, overwrite: Bool) {
        guard let entries = value.stringKeyedEntries else { throw DBusError.invalidArgs("entry must be a{sv}") }
        var entry = ComputerEntry(name: "")
        var overwrite = false
        var named = false
        for (key, raw) in entries {
            let value = raw.unwrappingVariant
            switch (key.lowercased(), value) {
            case ("name", .string(let name)), ("netbiosname", .string(let name)):
                entry.name = name
                named = true
            case ("macaddress", .string(let mac)), ("macaddresses", .string(let mac)):
                entry.macAddresses = mac.isEmpty ? [] : [mac]
            case ("macaddress", .array), ("macaddresses", .array):
                entry.macAddresses = try [String](dbusValue: value)
            case ("smbiosguid", .string(let guid)):
                entry.smbiosGUID = guid
            case ("sourcecomputer", .string(let source)):
                entry.sourceComputer = source.isEmpty ? nil : source
            case ("overwrite", .boolean(let flag)), ("overwriteexistingrecord", .boolean(let flag)):
                overwrite = flag
            default:
                throw DBusError.invalidArgs("entry['\(key)'] is not a known key of type \(value.type.signature); known: Name (s), MACAddress (s or as), SMBIOSGUID (s), SourceComputer (s), Overwrite (b)")
            }
        }
        guard named else { throw DBusError.invalidArgs("entry needs Name") }
        return (entry, overwrite)
    }
}
