import Foundation
import ProviderCore
import ProviderStore
import TaskSequenceModel

/// A provider over a small store in a temporary directory, for the WQL target: queries run
/// against real tables (a package with steps and conditions, an SMS_Package, permission
/// entries) so the translator and SQL are fuzzed, not only the parser.
final class QueryStore: Sendable {
    let service: ProviderService
    let directory: String

    /// Made on first use; `nil` (and the target fuzzes nothing) when the store cannot be set up.
    static let shared: QueryStore? = {
        do {
            return try QueryStore()
        } catch {
            FileHandle.standardError.write(Data("tsfuzz: cannot set up the query store: \(error)\n".utf8))
            return nil
        }
    }()

    private init() throws {
        directory = NSTemporaryDirectory() + "tsfuzz-wql-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try ProviderStore(path: directory + "/store.sqlite")
        service = ProviderService(store: store, configuration: ProviderConfiguration(siteCode: "FUZ", knowsPrincipal: { _ in true }),
                                  policy: SuperuserOnlyPolicy(superuserIDs: [0]))
        _ = try service.importPackage(data: Data(Self.sequence.utf8), name: "fuzz", for: .system)
        _ = try service.createSMSPackage(SMSPackage(packageID: "FUZ000FF", name: "Boot image"), for: .system)
    }

    /// A group with a condition (an expression inside an operator) and a command line step.
    static let sequence = """
        <sequence version="3.10"><group name="Laptops" description="only laptops"><condition><operator type="or">\
        <expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\\cimv2</variable>\
        <variable name="Query">Select * from Win32_ComputerSystem where PCSystemType = "2"</variable></expression>\
        <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable>\
        <variable name="Value">1</variable><variable name="Variable">IsLaptop</variable></expression></operator></condition>\
        <step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description=""><action>cmd /c echo</action>\
        <defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c echo</variable></defaultVarList></step></group></sequence>
        """
}
