/// The cells on one task sequence package and what is inside it: the package, its sequence,
/// its Steps node, an action step, a condition and an operand — every entry point that names
/// them by path, and the root methods that name them by relative path.
///
/// Calls that would change the package are made only where the rules refuse them, or as
/// no-ops (a property set to its current value, SetSequence with a stale version), so the
/// fixture stays as it is; allowed changes are tested on throwaway packages.
extension MatrixBuilder {
    mutating func addPackageCells(_ package: FixturePackage) {
        let rights = model.rights(of: user, on: ObjectKey.taskSequencePackage, instance: package.id)
        let readable = rights.contains(.read), mayModify = rights.contains(.modify), mayDelete = rights.contains(.delete)
        let missing = SecurityWorld.missingPackageID
        let label = package.label
        let pkg = Provider.packageInterface
        let secretFree = ResultChecks.lacks(SecurityFixtureContent.secret)

        // The package object.
        add("\(label) package", "Introspect", readable: readable, allowed: true, real: package.id, missing: missing,
            check: ResultChecks.childrenInclude(["Sequence", "Steps"])) { .introspect($0, package.path) }
        add("\(label) package", "GetAll", readable: readable, allowed: true, real: package.id, missing: missing, check: { result in
            result?["PackageID"]?.string == package.id && result?["Name"]?.string == package.name ? nil : "GetAll gave \(String(describing: result))"
        }) { .getAll($0, package.path, pkg) }
        add("\(label) package", "Get Name", readable: readable, allowed: true, real: package.id, missing: missing,
            check: ResultChecks.equals(package.name)) { .get($0, package.path, pkg, "Name") }
        add("\(label) package", "GetSequence", readable: readable, allowed: true, real: package.id, missing: missing,
            check: secretFree) { .method($0, package.path, pkg, "GetSequence") }
        add("\(label) package", "Export", readable: readable, allowed: true, real: package.id, missing: missing, check: secretFree) {
            PlannedCall(id: $0, path: package.path, interface: pkg, member: "Export", signature: "a{sv}", args: [.dictionary([:])])
        }
        add("\(label) package", "Set Description (unchanged)", readable: readable, allowed: mayModify, right: ["Modify"],
            real: package.id, missing: missing) { .set($0, package.path, pkg, "Description", .string(package.description)) }
        add("\(label) package", "SetSequence (stale version)", readable: readable, allowed: mayModify, right: ["Modify"],
            real: package.id, missing: missing, allowedOutcome: .failure(Provider.conflictError)) {
            PlannedCall(id: $0, path: package.path, interface: pkg, member: "SetSequence", signature: "su",
                        args: [.string(#"<sequence version="3.10"/>"#), .uint32(999_999)])
        }
        // Version-checked edits (issue 17): the read a writer needs, and a stale SetProperties.
        add("\(label) package", "GetSequenceWithVersion", readable: readable, allowed: true, real: package.id, missing: missing,
            check: secretFree) { .method($0, package.path, pkg, "GetSequenceWithVersion") }
        add("\(label) package", "SetProperties (stale version)", readable: readable, allowed: mayModify, right: ["Modify"],
            real: package.id, missing: missing, allowedOutcome: .failure(Provider.conflictError)) {
            PlannedCall(id: $0, path: package.path, interface: pkg, member: "SetProperties", signature: "a{sv}a{sv}",
                        args: [.dictionary(["Description": .string(package.description)]), .dictionary(["ExpectedSourceVersion": .uint32(999_999)])])
        }
        if !mayDelete {
            add("\(label) package", "Delete", readable: readable, allowed: false, right: ["Delete"], real: package.id, missing: missing) {
                .method($0, package.path, pkg, "Delete")
            }
        }

        // Sequence, Steps node, steps, condition.
        add("\(label) sequence", "Introspect", readable: readable, allowed: true, real: package.id, missing: missing) { .introspect($0, package.sequencePath) }
        add("\(label) sequence", "Get Steps", readable: readable, allowed: true, real: package.id, missing: missing,
            check: ResultChecks.set(Set(package.steps))) { .get($0, package.sequencePath, Provider.sequenceInterface, "Steps") }
        if !mayModify {
            add("\(label) sequence", "AddStep", readable: readable, allowed: false, right: ["Modify"], real: package.id, missing: missing) {
                PlannedCall(id: $0, path: package.sequencePath, interface: Provider.sequenceInterface, member: "AddStep", signature: "sa{sv}i",
                            args: [.string("SMS_TaskSequence_RebootAction"), .dictionary(["Name": .string("Not allowed"), "Target": .string("HD")]), .int32(-1)])
            }
        }
        let stepIDs = Set(package.steps.compactMap { $0.split(separator: "/").last.map(String.init) })
        add("\(label) Steps node", "Introspect", readable: readable, allowed: true, real: package.id, missing: missing,
            check: ResultChecks.children(stepIDs)) { .introspect($0, package.stepsNodePath) }
        addStepCells(package, readable: readable, mayModify: mayModify)
        addRootCells(package, rights: rights)
        addProbeCells(package, readable: readable)
    }

    /// Calls a client gets wrong on purpose: a hidden package must not answer them any
    /// differently from a missing one (an UnknownProperty, UnknownMethod or InvalidArgs would
    /// say it exists); a readable one answers with the error of the mistake.
    private mutating func addProbeCells(_ package: FixturePackage, readable: Bool) {
        let missing = SecurityWorld.missingPackageID
        let label = "\(package.label) package"
        let pkg = Provider.packageInterface
        add(label, "Get an unknown property", readable: readable, allowed: true, real: package.id, missing: missing,
            allowedOutcome: .failure("org.freedesktop.DBus.Error.UnknownProperty")) { .get($0, package.path, pkg, "NoSuchProperty") }
        add(label, "GetAll of all interfaces", readable: readable, allowed: true, real: package.id, missing: missing) {
            .getAll($0, package.path, "")
        }
        add(label, "an unknown method", readable: readable, allowed: true, real: package.id, missing: missing,
            allowedOutcome: .failure("org.freedesktop.DBus.Error.UnknownMethod")) { .method($0, package.path, pkg, "NoSuchMethod") }
        if !readable {
            add(label, "Set Description with a wrong type", readable: false, allowed: false, real: package.id, missing: missing) {
                .set($0, package.path, pkg, "Description", .uint32(7))
            }
            add(label, "GetSequence with arguments", readable: false, allowed: false, real: package.id, missing: missing) {
                PlannedCall(id: $0, path: package.path, interface: pkg, member: "GetSequence", signature: "s", args: [.string("x")])
            }
        }
        add(label, "ExecMethod Export", readable: readable, allowed: true, hiddenError: Provider.notFoundError, real: package.id, missing: missing,
            check: ResultChecks.lacks(SecurityFixtureContent.secret)) {
            .root($0, "ExecMethod", "ssa{sv}", [.string(package.relativePath), .string("Export"), .dictionary([:])])
        }
    }

    private mutating func addStepCells(_ package: FixturePackage, readable: Bool, mayModify: Bool) {
        let missing = SecurityWorld.missingPackageID
        let label = package.label
        let step = package.actionStep
        add("\(label) step", "Introspect", readable: readable, allowed: true, real: package.id, missing: missing) { .introspect($0, step) }
        add("\(label) step", "GetAll", readable: readable, allowed: true, real: package.id, missing: missing) {
            .getAll($0, step, Provider.stepInterface)
        }
        add("\(label) step", "Get Settings", readable: readable, allowed: true, real: package.id, missing: missing,
            check: ResultChecks.lacks(SecurityFixtureContent.secret)) { .get($0, step, Provider.actionInterface, "Settings") }
        add("\(label) step", "Set Name (unchanged)", readable: readable, allowed: mayModify, right: ["Modify"], real: package.id, missing: missing) {
            .set($0, step, Provider.stepInterface, "Name", .string(package.actionStepName))
        }
        if !mayModify {
            add("\(label) step", "Delete", readable: readable, allowed: false, right: ["Modify"], real: package.id, missing: missing) {
                .method($0, step, Provider.stepInterface, "Delete")
            }
        }
        if readable {
            add("\(label) missing step", "Get Name", .hidden(errorName: Provider.unknownObjectError, twin: Twin(
                call: .get(plan.nextID + "t", package.stepsNodePath + "/999999", Provider.stepInterface, "Name"),
                realText: "999998", missingText: "999999"))) { .get($0, package.stepsNodePath + "/999998", Provider.stepInterface, "Name") }
        }
        guard let condition = package.conditionPath else { return }
        add("\(label) condition", "Introspect", readable: readable, allowed: true, real: package.id, missing: missing) { .introspect($0, condition) }
        add("\(label) condition", "Get Text", readable: readable, allowed: true, real: package.id, missing: missing) {
            .get($0, condition, Provider.conditionInterface, "Text")
        }
        if !mayModify {
            add("\(label) condition", "Clear", readable: readable, allowed: false, right: ["Modify"], real: package.id, missing: missing) {
                .method($0, condition, Provider.conditionInterface, "Clear")
            }
        }
        if let operand = package.operand {
            add("\(label) operand", "GetAll", readable: readable, allowed: true, real: package.id, missing: missing) {
                .getAll($0, operand, Provider.expressionInterface)
            }
        }
    }

    /// Root methods naming the package by relative path: an unreadable one is `NotFound`
    /// exactly as a missing ID.
    private mutating func addRootCells(_ package: FixturePackage, rights: SMSRights) {
        let readable = rights.contains(.read)
        let missing = SecurityWorld.missingPackageID
        let label = package.label
        let superuser = model.isSuperuser(user)
        add("\(label) package", "GetObject", readable: readable, allowed: true, hiddenError: Provider.notFoundError, real: package.id,
            missing: missing, check: ResultChecks.equals(package.path)) { .root($0, "GetObject", "s", [.string(package.relativePath)]) }
        add("\(label) package", "ExecMethod GetSequence", readable: readable, allowed: true, hiddenError: Provider.notFoundError,
            real: package.id, missing: missing, check: ResultChecks.lacks(SecurityFixtureContent.secret)) {
            .root($0, "ExecMethod", "ssa{sv}", [.string(package.relativePath), .string("GetSequence"), .dictionary([:])])
        }
        add("\(label) package", "ExecMethod class GetSequence", readable: readable, allowed: true, hiddenError: Provider.notFoundError,
            real: package.id, missing: missing) {
            .root($0, "ExecMethod", "ssa{sv}", [.string("SMS_TaskSequencePackage"), .string("GetSequence"),
                                               .dictionary(["TaskSequencePackage": .string(package.relativePath)])])
        }
        if !rights.contains(.delete) {
            add("\(label) package", "ExecMethod Delete", readable: readable, allowed: false, right: ["Delete"], hiddenError: Provider.notFoundError,
                real: package.id, missing: missing) {
                .root($0, "ExecMethod", "ssa{sv}", [.string(package.relativePath), .string("Delete"), .dictionary([:])])
            }
        }
        for asked in [SMSRights.read, .modify] {
            let held = model.heldRights(of: user, objectKey: ObjectKey.taskSequencePackage, instance: package.id)
            add("\(label) package", "UserHasPermissions \(asked)", .success(ResultChecks.permissions(
                granted: held.isSuperset(of: asked), held: held, asked: asked, superuser: superuser))) {
                .root($0, "UserHasPermissions", "su", [.string(package.relativePath), .uint32(asked.rawValue)])
            }
        }
        add("\(label) package", "ExecQuery WHERE PackageID", .success({ result in
            let rows = result?.array ?? []
            return rows.count == (readable ? 1 : 0) ? nil : "expected \(readable ? 1 : 0) row, got \(rows.count)"
        })) { .root($0, "ExecQuery", "s", [.string("SELECT * FROM SMS_TaskSequencePackage WHERE PackageID = '\(package.id)'")]) }
    }
}
