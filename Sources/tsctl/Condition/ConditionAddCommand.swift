import ArgumentParser
import TaskSequenceSDK

/// `tsctl condition add ID STEP KIND VALUE…`: a test or operator in a step's condition.
struct ConditionAddCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a test or an and/or/not operator to a step's condition.",
        discussion: """
            Like the New-CMTSStepCondition* cmdlets with Set-CMTaskSequenceGroup -AddCondition. \
            KIND and its values:

              variable NAME OPERATOR [VALUE]      tsctl condition add PS100004 13 variable _SMSTSInWinPE equals false
              file PATH                           (--set Version=10.0 --set VersionOperator=greaterEqual)
              folder PATH
              registry KEY OPERATOR [VALUE-NAME]  (--set Type=REG_SZ --set Data=pilot)
              wmi QUERY [NAMESPACE]               namespace root\\cimv2 by default
              software PRODUCT-CODE [any|this]
              os PLATFORM…                        win10, win11, server (as WMI queries)
              and | or | not                      an operator: add its parts with --parent ID

            OPERATOR is exists, notExists, equals, notEquals, less, lessEqual, greater, \
            greaterEqual, like or notLike (or = != < <= > >=). Without --parent the part joins \
            the top of the condition, where all parts must hold; a step without a condition \
            gets one. Prints the new operand's ID (see `tsctl condition show`); with --json, \
            the operand object.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The step ID.", valueName: "step-id"))
    var stepID: Int64

    @Argument(help: ArgumentHelp("variable, file, folder, registry, wmi, software, os, and, or or not.", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("The values the kind takes.", valueName: "value"))
    var values: [String] = []

    @Option(name: .customLong("parent"), help: ArgumentHelp("Add it inside this operator (an operand ID).", valueName: "operand-id"))
    var parent: Int64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Another property of the test by WMI name (repeatable).", valueName: "property=value"))
    var extra: [Assignment] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "step \(stepID) of \(packageID)" }

    func validate() throws {
        _ = try ConditionExpressionParser.parse(kind: kind, values: values, extra: extra)
    }

    func run(client: ProviderClient, output: Output) throws {
        let condition = client.package(packageID).step(stepID).condition
        let into = parent.map { condition.operand($0) }
        let added: [OperandHandle]
        switch try ConditionExpressionParser.parse(kind: kind, values: values, extra: extra) {
        case .logicalOperator(let kind): added = [try condition.addOperator(kind, into: into)]
        case .condition(let part): added = try condition.add(part, into: into)
        }
        if output.json {
            try output.printJSON(try added.map { try $0.info() })
        } else {
            StandardOutput.write(added.map { String($0.id) }.joined(separator: "\n") + "\n")
        }
    }
}
