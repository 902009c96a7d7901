/// Cells that really change a package (meant for a throwaway one), and calls that grant rights.
extension MatrixBuilder {
    /// The text the Description is set to by `user`'s change cells.
    static func changedDescription(by user: TestPrincipal) -> String { "Changed by \(user.name)" }

    /// Edits of every kind on `package`, in an order where an allowed one does not break the
    /// next: property Set on the package and a step, condition Clear, step Delete, AddStep,
    /// SetSequence back to `sequenceXML`, and last Delete of the package.
    mutating func addChangeCells(_ package: FixturePackage, sequenceXML: String, operatorPath: String? = nil) {
        let user = self.user
        let rights = model.rights(of: user, on: ObjectKey.taskSequencePackage, instance: package.id)
        let readable = rights.contains(.read), mayModify = rights.contains(.modify)
        let missing = SecurityWorld.missingPackageID
        let label = "throwaway of \(user.name)"
        add(label, "Set Description", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
            .set($0, package.path, Provider.packageInterface, "Description", .string(Self.changedDescription(by: user)))
        }
        add("\(label) step", "Set Name", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
            .set($0, package.actionStep, Provider.stepInterface, "Name", .string("Renamed by \(user.name)"))
        }
        addEditCells(package, operatorPath: operatorPath)
        if let condition = package.conditionPath {
            add("\(label) condition", "Clear", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                .method($0, condition, Provider.conditionInterface, "Clear")
            }
        }
        if let last = package.steps.last, last != package.actionStep, last != package.conditionStep {
            add("\(label) step", "Delete", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                .method($0, last, Provider.stepInterface, "Delete")
            }
        }
        add("\(label) sequence", "AddStep", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing, check: { result in
            (result?.string ?? "").hasPrefix(package.stepsNodePath + "/") ? nil : "AddStep returned \(String(describing: result))"
        }) {
            PlannedCall(id: $0, path: package.sequencePath, interface: Provider.sequenceInterface, member: "AddStep", signature: "sa{sv}i",
                        args: [.string("SMS_TaskSequence_RebootAction"), .dictionary(["Name": .string("Added by \(user.name)"), "Target": .string("HD")]), .int32(-1)])
        }
        add(label, "SetSequence", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
            PlannedCall(id: $0, path: package.path, interface: Provider.packageInterface, member: "SetSequence", signature: "su",
                        args: [.string(sequenceXML), .uint32(0)])
        }
        add(label, "Delete", readable: readable, allowed: rights.contains(.delete), right: ["Delete"], real: package.id, missing: missing) {
            .method($0, package.path, Provider.packageInterface, "Delete")
        }
    }
}

extension MatrixBuilder {
    /// Every other editing entry point, each needing Modify: the package's writable properties,
    /// a step's own properties and settings, MoveTo, AddGroup, the condition's AddExpression and
    /// AddOperator, an expression's Properties, an operator's OperatorType and operand Delete.
    /// Ordered so that an allowed edit leaves the next one's target in place.
    mutating func addEditCells(_ package: FixturePackage, operatorPath: String?) {
        let user = self.user
        let rights = model.rights(of: user, on: ObjectKey.taskSequencePackage, instance: package.id)
        let readable = rights.contains(.read), mayModify = rights.contains(.modify)
        let missing = SecurityWorld.missingPackageID
        let label = "throwaway of \(user.name)"
        let packageValues: [(String, PlanArgument)] = [
            ("Name", .string("Throwaway of \(user.name)")), ("Version", .string("2.0")), ("Manufacturer", .string("Contoso")),
            ("Language", .string("en-US")), ("Category", .string("Edited")), ("Duration", .uint32(45)),
            ("CustomProgressMsg", .string("Working")),
        ]
        for (name, value) in packageValues {
            add(label, "Set \(name)", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                .set($0, package.path, Provider.packageInterface, name, value)
            }
        }
        let stepValues: [(String, String, PlanArgument)] = [
            (Provider.stepInterface, "Description", .string("Described by \(user.name)")),
            (Provider.stepInterface, "Enabled", .boolean(false)),
            (Provider.stepInterface, "ContinueOnError", .boolean(true)),
            (Provider.actionInterface, "Timeout", .uint32(600)),
            (Provider.actionInterface, "SupportedEnvironment", .string("FullOS")),
            (Provider.actionInterface, "Settings", .dictionary(["VariableName": .string("EDITED"), "VariableValue": .string("by \(user.name)")])),
        ]
        for (interface, name, value) in stepValues {
            add("\(label) step", "Set \(name)", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                .set($0, package.actionStep, interface, name, value)
            }
        }
        add("\(label) step", "SetSettings", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
            PlannedCall(id: $0, path: package.actionStep, interface: Provider.actionInterface, member: "SetSettings", signature: "a{sv}",
                        args: [.dictionary(["VariableValue": .string("set by \(user.name)")])])
        }
        add("\(label) step", "MoveTo", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
            PlannedCall(id: $0, path: package.actionStep, interface: Provider.stepInterface, member: "MoveTo", signature: "oi",
                        args: [.objectPath(package.sequencePath), .int32(-1)])
        }
        add("\(label) sequence", "AddGroup", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing, check: { result in
            (result?.string ?? "").hasPrefix(package.stepsNodePath + "/") ? nil : "AddGroup returned \(String(describing: result))"
        }) {
            PlannedCall(id: $0, path: package.sequencePath, interface: Provider.sequenceInterface, member: "AddGroup", signature: "sa{sv}i",
                        args: [.string("Group of \(user.name)"), .dictionary([:]), .int32(0)])
        }
        if let condition = package.conditionPath {
            add("\(label) condition", "AddExpression", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                PlannedCall(id: $0, path: condition, interface: Provider.conditionInterface, member: "AddExpression", signature: "osa{sv}",
                            args: [.objectPath(condition), .string("SMS_TaskSequence_VariableConditionExpression"),
                                   .dictionary(["Variable": .string("_SMSTSInWinPE"), "Operator": .string("equals"), "Value": .string("false")])])
            }
            add("\(label) condition", "AddOperator", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                PlannedCall(id: $0, path: condition, interface: Provider.conditionInterface, member: "AddOperator", signature: "os",
                            args: [.objectPath(condition), .string("and")])
            }
        }
        if let operand = package.operand {
            add("\(label) expression", "Set Properties", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                .set($0, operand, Provider.expressionInterface, "Properties",
                     .dictionary(["Namespace": .string("root\\cimv2"), "Query": .string("Select * from Win32_BIOS")]))
            }
        }
        if let operatorPath {
            add("\(label) operator", "Set OperatorType", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                .set($0, operatorPath, Provider.operatorInterface, "OperatorType", .string("or"))
            }
            add("\(label) operator", "Delete", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
                .method($0, operatorPath, Provider.operatorInterface, "Delete")
            }
        }
    }
}

extension PlannedCall {
    /// `CreateInstance` on `SMS_UserInstancePermissions`.
    static func grantInstance(_ id: String, _ principal: String, _ objectKey: UInt32, _ instance: String, _ rights: SMSRights) -> PlannedCall {
        PlannedCall(id: id, path: Provider.instancePermissionsPath, interface: Provider.classInterface, member: "CreateInstance", signature: "a{sv}", args: [
            .dictionary([
                "UserName": .string(principal), "ObjectKey": .uint32(objectKey), "InstanceKey": .string(instance),
                "InstancePermissions": .uint32(rights.rawValue),
            ]),
        ])
    }

    /// `CreateInstance` on `SMS_UserClassPermissions`.
    static func grantClass(_ id: String, _ principal: String, _ objectKey: UInt32, _ rights: SMSRights) -> PlannedCall {
        PlannedCall(id: id, path: Provider.classPermissionsPath, interface: Provider.classInterface, member: "CreateInstance", signature: "a{sv}", args: [
            .dictionary(["UserName": .string(principal), "ObjectKey": .uint32(objectKey), "ClassPermissions": .uint32(rights.rawValue)]),
        ])
    }
}

extension SecurityWorld {
    /// Imports a throwaway copy of P1's content (steps and conditions) named `name`.
    func importThrowaway(_ name: String, xml: String? = nil) throws -> FixturePackage {
        try client.importFixturePackage(
            label: "T", xml: xml ?? SecurityFixtureContent.text(ofFixture: SecurityFixtureContent.chassisQueries),
            name: name, description: "Throwaway")
    }

    /// Grants `grants` as root (each with the Read the rules add) and returns the fixture's
    /// model with them and with root's creator entries on `created`.
    func grant(_ grants: [PermissionGrant], created: [String] = []) throws -> AccessModel {
        for grant in grants {
            if let instance = grant.instanceKey {
                try client.grantInstanceRights(grant.principal, objectKey: grant.objectKey, instance: instance, rights: grant.rights)
            } else {
                try client.grantClassRights(grant.principal, objectKey: grant.objectKey, rights: grant.rights)
            }
        }
        let stored = grants.map {
            PermissionGrant(principal: $0.principal, objectKey: $0.objectKey, instanceKey: $0.instanceKey, rights: $0.rights.withImpliedRead)
        }
        let creators = created.map {
            PermissionGrant(principal: "root", objectKey: ObjectKey.taskSequencePackage, instanceKey: $0, rights: [.read, .modify, .delete])
        }
        return AccessModel(admins: model.admins, grants: model.grants + stored + creators)
    }
}
