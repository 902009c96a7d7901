import DBusKit
import Foundation
import Testing
import TestSupport

/// Plan on a package through the daemon, from python-dbus and busctl.
@Suite(.sharedDaemon) struct PlanOverBusTests {
    static let upgrade = "DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml"
    static let dellQuery = "wmi:root\\cimv2:SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude E7270%'"

    static func importUpgrade(_ daemon: ProviderDaemon, name: String) throws -> ObjectPath {
        try ProviderClient(daemon.client).importPackage(String(decoding: try Fixtures.data(upgrade), as: UTF8.self), name: name)
    }

    /// Plans with variables, a fact and a failing step, prints the result as JSON, then tries an
    /// unknown option and prints the error.
    static let pythonPlan = """
        import sys, json, dbus
        bus = dbus.bus.BusConnection(sys.argv[1])
        package = bus.get_object('org.tsprovider.Provider1', sys.argv[2])
        interface = 'org.tsprovider.Provider1.SMS_TaskSequencePackage'
        def plain(value):
            if isinstance(value, dbus.Boolean): return bool(value)
            if isinstance(value, (dbus.UInt32, dbus.Int32, dbus.UInt64, dbus.Int64)): return int(value)
            if isinstance(value, dbus.Dictionary): return {str(k): plain(v) for k, v in value.items()}
            if isinstance(value, dbus.Array): return [plain(v) for v in value]
            return str(value)
        options = dbus.Dictionary({
            'Variables': dbus.Dictionary({'_SMSTSOSUpgradeActionReturnCode': '3247440400', '_SMSTSSetupRollback': 'false'}, signature='ss'),
            'Facts': dbus.Dictionary({sys.argv[3]: 'rows'}, signature='ss'),
            'Fail': dbus.Array(['Dell Latitude E7270'], signature='s'),
        }, signature='sv')
        environment, conflicts, steps, outcome = package.Plan(options, dbus_interface=interface)
        print(json.dumps({'environment': plain(environment), 'conflicts': plain(conflicts), 'steps': plain(steps), 'outcome': plain(outcome)}))
        try:
            package.Plan(dbus.Dictionary({'Weather': 'sunny'}, signature='sv'), dbus_interface=interface)
        except dbus.DBusException as error:
            print(json.dumps({'error': error.get_dbus_name(), 'message': error.get_dbus_message()}))
        """

    @Test func pythonDbusReadsThePlan() throws {
        let daemon = try SharedDaemon.current()
        let package = try Self.importUpgrade(daemon, name: "plan from python")
        let run = try ExternalTools.python(Self.pythonPlan, daemon, [package.rawValue, Self.dellQuery])
        #expect(run.succeeded, "\(run)")
        let lines = run.outputLines
        #expect(lines.count == 2, "\(run)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        let steps = try #require(plan["steps"] as? [[String: Any]])
        #expect(steps.count == 14)
        let decisions = steps.map { "\($0["Name"] as? String ?? "?"): \($0["Decision"] as? String ?? "?")" }
        #expect(decisions == [
            "Prepare for Upgrade: run", "Check Readiness for Upgrade: run", "Upgrade Assessment: run",
            "Upgrade the Operating System: run", "Download Drivers: run", "Dell Latitude E7270: run",
            "HP EliteBook 8560w: skip", "Instruct setup to install drivers if available: skip",
            "Upgrade Operating System: run", "Restart Computer: run",
            "Post-Processing: run", "Install Updates: run", "Install Applications: run", "Rollback: skip",
        ])
        let dell = try #require(steps.first { $0["Name"] as? String == "Dell Latitude E7270" })
        #expect(dell["AssumedToFail"] as? Bool == true && dell["Depth"] as? Int == 2 && dell["Path"] as? String == "group[2]/group[1]/step[1]")
        #expect((dell["StepID"] as? Int ?? 0) > 0)
        let hp = try #require(steps.first { $0["Name"] as? String == "HP EliteBook 8560w" })
        #expect(hp["Reason"] as? String == "not reached: step 'Dell Latitude E7270' failed")
        let outcome = try #require(plan["outcome"] as? [String: Any])
        #expect(outcome["Result"] as? String == "completes")
        let environment = try #require(plan["environment"] as? [[String: Any]])
        #expect(environment.contains { $0["Name"] as? String == "_SMSTSPackageID" && $0["Value"] as? String == package.rawValue.split(separator: "/").last.map(String.init) })

        let refusal = try #require(try JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: String])
        #expect(refusal["error"] == "org.freedesktop.DBus.Error.InvalidArgs")
        #expect(refusal["message"] == "unknown option 'Weather'; Plan takes AdvertisementID, Computer, Facts, Fail, Variables")
    }

    @Test func busctlCallsPlanAndGetsTheOptionNamedWhenWrong() throws {
        let daemon = try SharedDaemon.current()
        let package = try Self.importUpgrade(daemon, name: "plan from busctl")
        let call = ["call", Provider.busName, package.rawValue, Provider.packageInterface, "Plan"]
        let plan = try ExternalTools.busctl(daemon, ["--json=short"] + call + ["a{sv}", "1", "Variables", "a{ss}", "1", "_SMSTSSetupRollback", "true"])
        #expect(plan.succeeded, "\(plan)")
        let (type, data) = try BusctlJSON.parse(plan.standardOutput)
        #expect(type == "aa{sv}aa{sv}aa{sv}a{sv}")
        let replies = try #require(data as? [Any])
        let steps = try #require(replies[2] as? [[String: [String: Any]]])
        let rollback = try #require(steps.first { $0["Name"]?["data"] as? String == "Rollback" })
        #expect(rollback["Decision"]?["data"] as? String == "run")
        #expect(rollback["Reason"]?["data"] as? String == "condition true: _SMSTSSetupRollback equals \"true\" (value: true, from command line)")

        let wrongType = try ExternalTools.busctl(daemon, call + ["a{sv}", "1", "Computer", "u", "5"])
        #expect(!wrongType.succeeded)
        #expect(wrongType.standardError.contains("option Computer must be s, not u"), "\(wrongType)")
        let noStep = try ExternalTools.busctl(daemon, call + ["a{sv}", "1", "Fail", "as", "2", "Nope", "Restart Computer"])
        #expect(!noStep.succeeded)
        #expect(noStep.standardError.contains("argument Fail: no step 'Nope' in package"), "\(noStep)")
    }

    /// A hidden Set Variable ("Do not display this value") and a step deciding on a copy of it.
    static let maskedSequence = """
        <sequence version="3.10"><step type="SMS_TaskSequence_SetVariableAction" name="Hide key"><action>tsenv.exe "JoinKey=" /hiddenflag:true</action>\
        <defaultVarList><variable name="VariableName" property="VariableName" hidden="true">JoinKey</variable>\
        <variable name="VariableValue" property="VariableValue" hidden="true"></variable>\
        <variable name="DoNotShowVariableValue" property="DoNotShowVariableValue" hidden="true">true</variable>\
        <variable name="HiddenVariableValue" property="HiddenVariableValue" hidden="true">s3cr3t-join-key</variable></defaultVarList></step>\
        <step type="SMS_TaskSequence_RunCommandLineAction" name="Join"><condition><expression type="SMS_TaskSequence_VariableConditionExpression">\
        <variable name="Operator">like</variable><variable name="Value">s3cr3t%</variable><variable name="Variable">JoinKey</variable></expression></condition>\
        <action>cmd /c exit 0</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">cmd /c exit 0</variable></defaultVarList></step></sequence>
        """

    @Test func maskedValuesDecideButNeverLeaveTheDaemon() throws {
        let daemon = try SharedDaemon.current()
        let package = try ProviderClient(daemon.client).importPackage(Self.maskedSequence, name: "plan masked")
        let plan = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, package.rawValue, Provider.packageInterface, "Plan", "a{sv}", "0"])
        #expect(plan.succeeded, "\(plan)")
        // The condition's own comparand (s3cr3t%) is sequence text anyone may read; the value is not.
        #expect(!plan.standardOutput.contains("s3cr3t-join-key"), "\(plan.standardOutput)")
        #expect(plan.standardOutput.contains("sets JoinKey = (masked)"))
        #expect(plan.standardOutput.contains("condition true: JoinKey like \\\"s3cr3t%\\\" (value: (masked), from step 'Hide key')"), "\(plan.standardOutput)")
    }
}
