import DBusKit
import Foundation
import TestSupport

/// A task sequence package of the security fixture and the objects in it the matrix aims at.
struct FixturePackage: Sendable {
    /// `P1`, `P2`, `P3`.
    let label: String
    let id: String
    let name: String
    let description: String
    /// The top-level steps, in order.
    let steps: [String]
    /// An action step and its name.
    let actionStep: String
    let actionStepName: String
    /// A step with a condition, and one operand of that condition, when the package has one.
    let conditionStep: String?
    let operand: String?

    var path: String { Provider.packagePath(id) }
    var relativePath: String { Provider.packageRelativePath(id) }
    var sequencePath: String { path + "/Sequence" }
    var stepsNodePath: String { path + "/Steps" }
    var conditionPath: String? { conditionStep.map { $0 + "/Condition" } }
}

/// The SMS_Package of the fixture.
struct FixtureSMSPackage: Sendable {
    let id: String
    let name: String

    var path: String { Provider.smsPackagePath(id) }
    var relativePath: String { Provider.smsPackageRelativePath(id) }
}

/// What the fixture's packages hold and are called. Names and descriptions are distinctive so
/// that a leak of them shows in any output.
enum SecurityFixtureContent {
    /// A README step and three groups with WMI conditions (a real file).
    static let chassisQueries = "microsoft__configmgr-hub-firstparty__objects__TaskSequence__How_to_use_Chassis_Type_Queries.xml"
    /// One BitLocker step (a real file).
    static let bitLocker = "microsoft__configmgr-hub__Communityhub__TaskSequence__test_deploy_bitlocker.xml"
    /// The password of P2's Run Command Line step: no output may ever carry it.
    static let secret = "Matrix-s3cret!"
    /// A step that runs as a user, with a password.
    static let runAsUser = #"<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="Run as the deploy account"><action>smsswd.exe /run: whoami</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">whoami</variable><variable name="SMSTSRunCommandLineUserName" property="UserName">corp\deploy</variable><variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">"# + secret + #"</variable></defaultVarList></step></sequence>"#

    static func text(ofFixture name: String) throws -> String {
        String(decoding: try Fixtures.data(name), as: UTF8.self)
    }
}

/// Imports and inspects fixture packages as root.
extension ProviderClient {
    /// Imports `xml` as a package named `name` with `description`, and finds the objects in it
    /// the matrix aims at.
    func importFixturePackage(label: String, xml: String, name: String, description: String) throws -> FixturePackage {
        let path = try importPackage(xml, name: name)
        try set("Description", of: Provider.packageInterface, at: path, to: .string(description))
        guard let id = path.lastComponent.map(String.init) else { throw DBusError.failed("no PackageID in \(path)") }
        let steps = try paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(path))
        var actionStep: (path: ObjectPath, name: String)?
        var conditionStep: ObjectPath?
        for step in steps {
            let className = try string("ClassName", of: Provider.stepInterface, at: step)
            if actionStep == nil && className != "SMS_TaskSequence_Group" {
                actionStep = (step, try string("Name", of: Provider.stepInterface, at: step))
            }
            let condition = try property("Condition", of: Provider.stepInterface, at: step)
            if conditionStep == nil, case .objectPath(let conditionPath) = condition, conditionPath.rawValue != "/" {
                conditionStep = step
            }
        }
        guard let actionStep else { throw DBusError.failed("\(label) has no top-level action step") }
        let operand = try conditionStep.flatMap { step in
            try paths("Operands", of: Provider.conditionInterface, at: step.appending("Condition")).first
        }
        return FixturePackage(
            label: label, id: id, name: name, description: description, steps: steps.map(\.rawValue),
            actionStep: actionStep.path.rawValue, actionStepName: actionStep.name,
            conditionStep: conditionStep?.rawValue, operand: operand?.rawValue)
    }

    /// Creates an SMS_Package named `name`; returns its PackageID.
    func createSMSPackage(named name: String) throws -> String {
        let path = try proxy(Provider.smsPackageClassPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary(["Name": .string(name)]),
        ]).decode(ObjectPath.self)
        guard let id = path.lastComponent.map(String.init) else { throw DBusError.failed("no PackageID in \(path)") }
        return id
    }
}
