import Testing
@testable import TaskSequenceModel

@Suite struct ConditionEvaluationTests {
    static let truth = Build.variableTest("Yes", "exists")
    static let falsity = Build.variableTest("No", "exists")
    static let unknown = Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2", "Query": "select * from Win32_Battery"])
    static let environment: VariableEnvironment = ["Yes": "1"]

    private func evaluate(_ operands: [ConditionOperand], _ environment: VariableEnvironment = environment, facts: any MachineFacts = NoMachineFacts()) -> Evaluation {
        Condition(operands: operands).evaluate(in: environment, facts: facts)
    }

    private func variable(_ op: String, _ value: String, is current: String?) -> Evaluation {
        var environment = VariableEnvironment()
        environment["V"] = current
        return evaluate([Build.variableTest("V", op, value)], environment)
    }

    @Test func threeValuedTruthTables() {
        let values: [(ConditionOperand, Evaluation)] = [(Self.truth, .true), (Self.falsity, .false), (Self.unknown, .unknown)]
        for (a, x) in values {
            for (b, y) in values {
                #expect(evaluate([.operator(ConditionOperator("and", [a, b]))]) == Evaluation.all([x, y]))
                #expect(evaluate([.operator(ConditionOperator("or", [a, b]))]) == Evaluation.any([x, y]))
                // Top-level operands are ANDed.
                #expect(evaluate([a, b]) == Evaluation.all([x, y]))
            }
        }
        #expect(Evaluation.all([.true, .unknown]) == .unknown)
        #expect(Evaluation.all([.false, .unknown]) == .false)
        #expect(Evaluation.any([.true, .unknown]) == .true)
        #expect(Evaluation.any([.false, .unknown]) == .unknown)
        #expect(evaluate([]) == .true)
        #expect(evaluate([.operator(ConditionOperator("or", []))]) == .false)
    }

    @Test func notWithSeveralOperandsMeansNoneIsTrue() {
        #expect(evaluate([.operator(ConditionOperator("not", [Self.falsity]))]) == .true)
        #expect(evaluate([.operator(ConditionOperator("not", [Self.truth]))]) == .false)
        #expect(evaluate([.operator(ConditionOperator("not", [Self.falsity, Self.falsity]))]) == .true)
        #expect(evaluate([.operator(ConditionOperator("not", [Self.falsity, Self.truth]))]) == .false)
        #expect(evaluate([.operator(ConditionOperator("not", [Self.falsity, Self.unknown]))]) == .unknown)
        #expect(evaluate([.operator(ConditionOperator("not", [Self.truth, Self.unknown]))]) == .false)
    }

    @Test func operatorNamesIgnoreCase() {
        #expect(evaluate([.operator(ConditionOperator("AND", [Self.truth, Self.truth]))]) == .true)
        #expect(evaluate([.operator(ConditionOperator("Or", [Self.falsity, Self.truth]))]) == .true)
        #expect(evaluate([.operator(ConditionOperator("xor", [Self.truth]))]) == .unknown)
        #expect(variable("Equals", "abc", is: "ABC") == .true)
        #expect(variable("notequals", "abc", is: "ABC") == .false)
        #expect(variable("NOTEXISTS", "", is: nil) == .true)
        #expect(variable("sometimes", "", is: "x") == .unknown)
    }

    @Test func variableNamesIgnoreCaseAndEmptyMeansUnset() {
        var environment: VariableEnvironment = ["_SMSTSInWinPE": "false"]
        #expect(evaluate([Build.variableTest("_smstsinwinpe", "equals", "FALSE")], environment) == .true)
        environment["_SMSTSINWINPE"] = "true"
        #expect(environment.names == ["_SMSTSInWinPE"])
        environment["_SMSTSInWinPE"] = ""
        #expect(environment["_SMSTSInWinPE"] == nil)
        #expect(variable("exists", "", is: "") == .false)
        // An unset variable compares as empty text.
        #expect(variable("equals", "", is: nil) == .true)
        #expect(variable("notEquals", "x", is: nil) == .true)
    }

    @Test func comparisonsAreNumericWhenBothSidesAreNumbers() {
        #expect(variable("greater", "9", is: "10") == .true)        // numeric: 10 > 9
        #expect(variable("greater", "9", is: "10a") == .false)      // text: "10a" < "9"
        #expect(variable("lessEqual", "2.5", is: "2.50") == .true)
        #expect(variable("less", "-1", is: "-2") == .true)
        #expect(variable("greaterEqual", "b", is: "B") == .true)    // text without case
        #expect(variable("less", "1e3", is: "5") == .false)         // 1e3 is text, "5" > "1e3"
        #expect(variable("equals", "1", is: "01") == .false)        // equality is textual
        #expect(variable("greaterEqual", "1", is: "01") == .true)
    }

    @Test func likeUsesPercentAndUnderscore() {
        #expect(variable("like", "WIN10%", is: "win10x64") == .true)
        #expect(variable("like", "WIN1_x64", is: "WIN10X64") == .true)
        #expect(variable("like", "WIN1_", is: "WIN10X64") == .false)
        #expect(variable("like", "%E4310%", is: "Latitude E4310") == .true)
        #expect(variable("like", "%a%b%", is: "xaybz") == .true)
        #expect(variable("notLike", "%Server%", is: "Windows 11 Enterprise") == .true)
        #expect(ValueComparison.like("", pattern: "%"))
        #expect(!ValueComparison.like("", pattern: "_"))
    }

    @Test func valuesExpandVariables() {
        let environment: VariableEnvironment = ["Target": "WIN10", "Expected": "WIN10"]
        #expect(evaluate([Build.variableTest("Target", "equals", "%expected%")], environment) == .true)
        #expect(environment.expanding("%Target%-%Missing%-100%") == "WIN10-%Missing%-100%")
        #expect(environment.expanding("%%Target%%") == "%WIN10%")
    }

    @Test func machineExpressionsAreUnknownWithoutFacts() {
        let file = Build.expression(ConditionClass.file, ["Path": "C:\\x.exe"])
        let registry = Build.expression(ConditionClass.registry, ["KeyPath": "HKEY_LOCAL_MACHINE\\SOFTWARE\\X", "Operator": "exists"])
        let software = Build.expression(ConditionClass.software, ["Operator": "AnyVersion", "ProductCode": "{P}"])
        let legacyOS = Build.expression(ConditionClass.os, ["Platform": "x64"])
        for operand in [file, registry, software, Self.unknown, legacyOS] {
            #expect(evaluate([operand]) == .unknown)
        }
        #expect(evaluate([Build.expression("SMS_TaskSequence_MakeModelConditionExpression", ["Make": "HP"])]) == .unknown)
    }

    struct Machine: MachineFacts {
        func file(atPath path: String) -> FileFacts? {
            switch path {
            case "C:\\Windows\\notepad.exe": FileFacts(exists: true, version: "10.0.19041.1", modified: "20230115103000.000000+060")
            case "C:\\Unknown.exe": nil
            default: .missing
            }
        }
        func folder(atPath path: String) -> FolderFacts? {
            path == "C:\\Windows" ? FolderFacts(exists: true) : .missing
        }
        func registry(keyPath: String, valueName: String) -> RegistryFacts? {
            guard keyPath == "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso" else { return .keyMissing }
            return valueName == "Build" ? .value(type: "REG_DWORD", data: "22") : .valueMissing
        }
        func isProductInstalled(productCode: String) -> Bool? { productCode == "{PRODUCT}" }
        func isProductFamilyInstalled(upgradeCode: String) -> Bool? { upgradeCode == "{FAMILY}" }
        func wmiQueryReturnsRows(namespace: String, query: String) -> Bool? {
            query.contains("Win32_Battery") ? false : query.contains("E4310")
        }
    }

    @Test func fileAndFolderFacts() {
        let file = { (properties: KeyValuePairs<String, String>) in
            self.evaluate([Build.expression(ConditionClass.file, properties)], facts: Machine())
        }
        #expect(file(["Path": "C:\\Windows\\notepad.exe"]) == .true)
        #expect(file(["Path": "C:\\Missing.exe"]) == .false)
        #expect(file(["Path": "C:\\Unknown.exe"]) == .unknown)
        #expect(file(["Path": "C:\\Windows\\notepad.exe", "Version": "10.0.9200", "VersionOperator": "greaterEqual"]) == .true)
        #expect(file(["Path": "C:\\Windows\\notepad.exe", "Version": "10.0.19041.1", "VersionOperator": "Equals"]) == .true)
        #expect(file(["Path": "C:\\Windows\\notepad.exe", "Version": "10.1", "VersionOperator": "greaterEqual"]) == .false)
        // 10:30 at UTC+1 is 09:30 UTC.
        #expect(file(["Path": "C:\\Windows\\notepad.exe", "DateTime": "20230115093000.000000+000", "DateTimeOperator": "equals"]) == .true)
        #expect(file(["Path": "C:\\Windows\\notepad.exe", "DateTime": "20230115100000.000000+000", "DateTimeOperator": "less"]) == .true)
        #expect(evaluate([Build.expression(ConditionClass.folder, ["Path": "C:\\Windows"])], facts: Machine()) == .true)
        #expect(evaluate([Build.expression(ConditionClass.folder, ["Path": "D:\\Nope"])], facts: Machine()) == .false)
    }

    @Test func registrySoftwareAndWMIFacts() {
        let registry = { (properties: KeyValuePairs<String, String>) in
            self.evaluate([Build.expression(ConditionClass.registry, properties)], facts: Machine())
        }
        let key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso"
        #expect(registry(["KeyPath": key, "Value": "Build", "Operator": "exists"]) == .true)
        #expect(registry(["KeyPath": key, "Value": "Build", "Operator": "exists", "Type": "REG_SZ"]) == .false)
        #expect(registry(["KeyPath": key, "Value": "Other", "Operator": "nonExists"]) == .true)
        // `notExists`, as current-branch exports spell it on registry expressions, means the same.
        #expect(registry(["KeyPath": key, "Value": "Other", "Operator": "notExists"]) == .true)
        #expect(registry(["KeyPath": key, "Value": "Build", "Operator": "notExists"]) == .false)
        #expect(registry(["KeyPath": key, "Value": "Build", "Operator": "greaterEqual", "Data": "9"]) == .true)
        #expect(registry(["KeyPath": key, "Value": "Other", "Operator": "equals", "Data": "9"]) == .false)
        #expect(registry(["KeyPath": "HKEY_LOCAL_MACHINE\\SOFTWARE\\None", "Operator": "exists"]) == .false)

        let software = { (op: String, product: String, family: String) in
            self.evaluate([Build.expression(ConditionClass.software, ["Operator": op, "ProductCode": product, "UpgradeCode": family])], facts: Machine())
        }
        #expect(software("AnyVersion", "{OLD}", "{FAMILY}") == .true)
        #expect(software("ThisVersion", "{OLD}", "{FAMILY}") == .false)
        #expect(software("thisversion", "{PRODUCT}", "") == .true)

        let model = Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2", "Query": "SELECT * FROM Win32_ComputerSystem WHERE Model like '%E4310%'"])
        #expect(evaluate([model], facts: Machine()) == .true)
        #expect(evaluate([Self.unknown], facts: Machine()) == .false)
        let osGroup = ConditionOperand.operator(ConditionOperator(kind: .osConditionGroup, attributes: ["type": "or"], operands: [
            .operator(ConditionOperator(kind: .osExpressionGroup, attributes: ["type": "and", "name": "Laptop"], operands: [
                .foreign(.element(MarkupElement(name: "platformKey"))), model,
            ])),
            .operator(ConditionOperator(kind: .osExpressionGroup, attributes: ["type": "and", "name": "Battery"], operands: [Self.unknown])),
        ]))
        #expect(evaluate([osGroup], facts: Machine()) == .true)
    }

    @Test func conditionsRenderAsText() {
        let condition = Condition(operands: [
            Build.variableTest("_SMSTSInWinPE", "equals", "false"),
            .operator(ConditionOperator("or", [
                Build.variableTest("OSDOSVersion", "equals", "WIN10x64"),
                .operator(ConditionOperator("not", [Build.variableTest("PHASE", "exists"), Build.variableTest("Say", "Equals", "\"hi\"")])),
            ])),
        ])
        #expect(condition.text
            == #"_SMSTSInWinPE equals "false" AND (OSDOSVersion equals "WIN10x64" OR NOT(PHASE exists OR Say Equals "\"hi\""))"#)
        #expect(Condition(operands: [.operator(ConditionOperator("and", [Self.truth, Self.falsity]))]).text == "Yes exists AND No exists")
        #expect(Condition().text == "TRUE")
    }

    @Test func machineExpressionsRenderAsText() {
        let cases: [(ConditionOperand, String)] = [
            (Build.expression(ConditionClass.file, ["Path": "C:\\x.exe", "Version": "1.0", "VersionOperator": "greaterEqual"]),
             #"File "C:\x.exe" version greaterEqual "1.0""#),
            (Build.expression(ConditionClass.folder, ["Path": "%_SMSTSMDataPath%\\Drivers"]), #"Folder "%_SMSTSMDataPath%\Drivers" exists"#),
            (Build.expression(ConditionClass.registry, ["KeyPath": "HKLM\\X", "Value": "V", "Operator": "nonExists", "Type": "REG_SZ"]),
             #"Registry "HKLM\X" "V" nonExists (REG_SZ)"#),
            (Build.expression(ConditionClass.registry, ["KeyPath": "HKLM\\X", "Value": "V", "Operator": "greater", "Data": "2"]),
             #"Registry "HKLM\X" "V" greater "2""#),
            (Build.expression(ConditionClass.software, ["Operator": "AnyVersion", "ProductCode": "{P}", "UpgradeCode": "{U}", "ProductName": "App"]),
             #"Software "App" {U} installed (any version)"#),
            (Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2", "Query": "select * from Win32_Battery"]),
             #"WMI root\cimv2 "select * from Win32_Battery""#),
            (Build.expression("SMS_TaskSequence_MakeModelConditionExpression", ["Make": "HP"]), #"MakeModelConditionExpression(Make="HP")"#),
            (.operator(ConditionOperator(kind: .osConditionGroup, attributes: ["type": "or"], operands: [
                .operator(ConditionOperator(kind: .osExpressionGroup, attributes: ["type": "and", "name": "Windows 10 x64"], operands: [])),
                .operator(ConditionOperator(kind: .osExpressionGroup, attributes: ["type": "and", "name": "Windows 11"], operands: [])),
            ])), #"OS("Windows 10 x64" OR "Windows 11")"#),
        ]
        for (operand, text) in cases {
            #expect(operand.text == text)
        }
    }
}
