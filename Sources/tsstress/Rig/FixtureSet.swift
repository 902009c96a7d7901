import DBusKit
import Foundation
import ProviderContract

/// Objects of every kind for the fuzzed calls: two real task sequences imported (groups,
/// actions, conditions with expressions), an operator added, an SMS_Package, a class and an
/// instance permission entry; then the whole tree walked. ``reset()`` deletes every instance of
/// every class first, so the store stays small however many objects fuzzed calls created.
struct FixtureSet {
    /// Real files with groups, actions and conditions (Tests/Fixtures/realworld).
    static let fixtureNames = [
        "microsoft__configmgr-hub-firstparty__How_to_use_Chassis_Type_Queries.xml",
        "DeploymentResearch__HydrationKitWS2022__Source__Hydration__Control__PC0003__ts.xml",
    ]
    static let instanceClasses = [ClassName.taskSequencePackage, ClassName.smsPackage, ClassName.userClassPermissions, ClassName.userInstancePermissions]

    let rig: StressRig
    let fixtureTexts: [String]

    init(rig: StressRig, fixtureDirectory: String) throws {
        self.rig = rig
        fixtureTexts = try Self.fixtureNames.map { name in
            let path = fixtureDirectory + "/" + name
            do {
                return try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw StressFailure("cannot read the fixture \(path): \(error)")
            }
        }
    }

    /// Deletes every instance, creates the fixture objects and returns every object of the tree.
    func reset(round: Int) throws -> [FuzzTarget] {
        try deleteEverything()
        var packages: [ObjectPath] = []
        for (number, text) in fixtureTexts.enumerated() {
            let reply = try rig.call(ProviderNames.classPath(ClassName.taskSequencePackage), ProviderNames.packageClassInterface, "Import", [
                .string(text), .stringVariantDictionary(["Name": .string("stress \(round)-\(number)")]),
            ])
            guard case .objectPath(let package)? = reply.first else { throw StressFailure("Import returned no path") }
            packages.append(package)
        }
        // An operator: the fixtures' conditions hold expressions only.
        let targets = try ObjectWalker(rig: rig).walk(from: packages[0])
        if let condition = targets.first(where: { $0.kind == "condition" }) {
            try rig.call(condition.path, ProviderNames.conditionInterface, "AddOperator", [.objectPath(condition.path), .string("or")])
        }
        try rig.call(ProviderNames.classPath(ClassName.smsPackage), ProviderNames.classInterface, "CreateInstance", [
            .stringVariantDictionary(["Name": .string("Boot image (x64) \(round)")]),
        ])
        try rig.call(ProviderNames.classPath(ClassName.userClassPermissions), ProviderNames.classInterface, "CreateInstance", [
            .stringVariantDictionary(["UserName": .string("@root"), "ObjectKey": .uint32(20), "ClassPermissions": .uint32(1)]),
        ])
        try rig.call(ProviderNames.classPath(ClassName.userInstancePermissions), ProviderNames.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "UserName": .string("@root"), "ObjectKey": .uint32(20),
                "InstanceKey": .string(packages[0].lastComponent.map(String.init) ?? ""), "InstancePermissions": .uint32(3),
            ]),
        ])
        return try ObjectWalker(rig: rig).walk()
    }

    /// Deletes every instance of every class that has instances.
    func deleteEverything() throws {
        for className in Self.instanceClasses {
            let reply = try rig.call(ProviderNames.classPath(className), ProviderNames.classInterface, "Enumerate")
            guard case .array(_, let paths)? = reply.first else { continue }
            for case .objectPath(let path) in paths {
                do {
                    try rig.call(path, ProviderNames.instanceInterface(of: className), "Delete")
                } catch let error as DBusError where error.name == "org.freedesktop.DBus.Error.UnknownObject" {
                    // Gone with the instance it depended on (a package's instance rights).
                } catch let error as DBusError {
                    // Left for the next round; the fuzzed calls count what the daemon answers.
                    report("stress: cannot delete \(path) while resetting the fixture set: \(error)")
                }
            }
        }
    }

    /// Words and documents for the fuzzed arguments, from the live objects and the catalog.
    func vocabulary(targets: [FuzzTarget], catalog: InterfaceCatalog) throws -> FuzzVocabulary {
        var words = CallGenerator.names(in: catalog) + Self.instanceClasses
        if case .array(_, let classes)? = try rig.call(ProviderNames.root, ProviderNames.rootInterface, "EnumerateClasses").first {
            words += classes.compactMap(\.stringValue)
        }
        for target in targets where target.kind == "package" {
            let id = target.path.lastComponent.map(String.init) ?? ""
            words += [id, "\(ClassName.taskSequencePackage).PackageID=\"\(id)\"", "\(ClassName.taskSequencePackage).PackageID='\(id)'"]
        }
        words += ["format", "package", "sequence", "UserName", "ObjectKey", "InstanceKey", "ClassPermissions", "InstancePermissions",
                  "CommandLine", "OperatorType", "Variable", "Operator", "Value", "@root", "root", "nobody", "@nogroup",
                  "SMS_TaskSequence_RunCommandLineAction", "SMS_TaskSequence_VariableConditionExpression",
                  "SMS_TaskSequence_WMIConditionExpression", "SMS_TaskSequence_SetVariableAction", ClassName.group]
        var documents = fixtureTexts + Self.queries
        for target in targets.prefix(400) where target.kind == "package" {
            if case .string(let sequence)? = try rig.call(target.path, ProviderNames.packageInterface, "GetSequence").first {
                documents.append(sequence)
            }
        }
        return FuzzVocabulary(livePaths: targets.map(\.path), words: words, documents: documents)
    }

    /// WQL the fuzzed ExecQuery calls start from (and mutate).
    static let queries = [
        "SELECT * FROM SMS_TaskSequencePackage", "SELECT PackageID, Name FROM SMS_TaskSequencePackage WHERE Name LIKE 'stress%' ORDER BY Name DESC",
        "SELECT * FROM SMS_TaskSequence_Step WHERE __CLASS = 'SMS_TaskSequence_RunCommandLineAction' AND CommandLine LIKE '%[a-c]%'",
        "SELECT * FROM SMS_TaskSequence_Action", "SELECT * FROM SMS_TaskSequence_ConditionOperand", "SELECT * FROM SMS_Package WHERE Name IS NOT NULL",
        "SELECT * FROM SMS_UserInstancePermissions WHERE InstancePermissions > 1 OR NOT (UserName <> '@root')",
        "SELECT * FROM SMS_TaskSequence_Step WHERE Enabled = TRUE AND Timeout >= 0 ORDER BY Name",
        "SELECT * FROM SMS_TaskSequencePackage WHERE __CLASS ISA 'SMS_Package'", "SELECT * FROM SMS_Package WHERE PackageType IN (0, 4, 258)",
    ]
}
