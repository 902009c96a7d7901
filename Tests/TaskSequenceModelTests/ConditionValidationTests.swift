import Testing
@testable import TaskSequenceModel

@Suite struct ConditionValidationTests {
    private func rules(_ operands: [ConditionOperand]) -> [ValidationRule] {
        Build.sequence(Build.conditioned(operands)).validate().filter { $0.severity == .error }.map(\.rule)
    }

    @Test func variableOperatorsIgnoreCase() {
        for op in ["equals", "Equals", "notequals", "exists", "notExists", "greaterEqual", "like", "NotLike"] {
            #expect(rules([Build.variableTest("PHASE", op, "x")]).isEmpty, "\(op)")
        }
        #expect(rules([Build.variableTest("PHASE", "nonExists")]) == [.operatorVocabulary])
        #expect(rules([Build.variableTest("PHASE", "contains", "x")]) == [.operatorVocabulary])
    }

    @Test func registrySpellsNotExistsAsNonExists() {
        let registry = { (op: String) in
            Build.expression(ConditionClass.registry, ["KeyPath": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso", "Operator": op, "Value": "Version"])
        }
        #expect(rules([registry("nonExists")]).isEmpty)
        #expect(rules([registry("exists")]).isEmpty)
        #expect(rules([registry("notExists")]) == [.operatorVocabulary])
        #expect(rules([registry("like")]) == [.operatorVocabulary])
    }

    @Test func fileFolderAndSoftwareVocabularies() {
        let file = Build.expression(ConditionClass.file, ["Path": "C:\\x.exe", "Version": "1.0", "VersionOperator": "greaterEqual"])
        #expect(rules([file]).isEmpty)
        #expect(rules([Build.expression(ConditionClass.file, ["Path": "C:\\x.exe", "VersionOperator": "like"])]) == [.operatorVocabulary])
        #expect(rules([Build.expression(ConditionClass.folder, ["Path": "C:\\x", "DateTimeOperator": "exists"])]) == [.operatorVocabulary])
        #expect(rules([Build.expression(ConditionClass.software, ["Operator": "AnyVersion", "ProductCode": "{1}"])]).isEmpty)
        #expect(rules([Build.expression(ConditionClass.software, ["Operator": "exists", "ProductCode": "{1}"])]) == [.operatorVocabulary])
    }

    @Test func operatorTypesPerOperatorClass() {
        let leaf = Build.variableTest("A", "exists")
        #expect(rules([.operator(ConditionOperator("AND", [leaf]))]).isEmpty)
        #expect(rules([.operator(ConditionOperator("not", [leaf, leaf]))]).isEmpty)
        #expect(rules([.operator(ConditionOperator("xor", [leaf]))]) == [.operatorVocabulary])

        let wmi = Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2", "Query": "select * from Win32_OperatingSystem"])
        let osGroup = { (outer: String, inner: String) -> ConditionOperand in
            .operator(ConditionOperator(kind: .osConditionGroup, attributes: ["type": outer], operands: [
                .operator(ConditionOperator(kind: .osExpressionGroup, attributes: ["type": inner, "name": "Windows 10"], operands: [wmi])),
            ]))
        }
        #expect(rules([osGroup("or", "and")]).isEmpty)
        #expect(rules([osGroup("and", "and")]) == [.operatorVocabulary])
        #expect(rules([osGroup("or", "or")]) == [.operatorVocabulary])
        #expect(rules([.operator(ConditionOperator(kind: .operator, attributes: [:], operands: [leaf]))]) == [.notNull])
    }

    @Test func expressionsNeedTheirRequiredProperties() {
        #expect(rules([Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2"])]) == [.notNull])
        #expect(rules([Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2", "Query": String(repeating: "q", count: 16385)])])
            == [.allowedLength])
        #expect(rules([Build.expression(ConditionClass.variable, ["Operator": "exists"])]) == [.notNull])
    }

    @Test func emptyAndUnknownOperandsAreNotErrors() {
        let issues = Build.sequence(Build.conditioned([
            .operator(ConditionOperator("or", [])),
            Build.expression("SMS_TaskSequence_MakeModelConditionExpression", ["Make": "HP"]),
        ])).validate()
        #expect(issues.map(\.rule) == [.operands, .unknownClass])
        #expect(issues.allSatisfy { $0.severity == .warning })
        #expect(Build.sequence(Build.conditioned([])).validate().map(\.severity) == [.note])
    }
}
