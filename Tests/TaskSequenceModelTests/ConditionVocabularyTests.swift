import Testing
@testable import TaskSequenceModel

/// The typed comparisons and operators the SDK's builders write are what validation reads:
/// each builds a condition that validates clean.
@Suite struct ConditionVocabularyTests {
    private func errors(_ operands: [ConditionOperand]) -> [ValidationRule] {
        Build.sequence(Build.conditioned(operands)).validate().filter { $0.severity == .error }.map(\.rule)
    }

    @Test func everyComparisonIsAVariableOperator() {
        #expect(Set(Comparison.allCases.map(\.rawValue)) == Set(ExpressionOperator.variableOperators))
        for comparison in Comparison.allCases {
            #expect(errors([Build.variableTest("PHASE", comparison.rawValue, "x")]).isEmpty, "\(comparison)")
            #expect(Comparison(parsing: comparison.rawValue) == comparison)
        }
    }

    @Test func registryComparisonsUseTheRegistrySpelling() {
        let registry = Comparison.allCases.filter { $0 != .like && $0 != .notLike }
        #expect(Set(registry.map(\.registrySpelling)) == Set(ExpressionOperator.registryOperators))
        for comparison in registry {
            let test = Build.expression(ConditionClass.registry, ["KeyPath": #"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso"#, "Operator": comparison.registrySpelling])
            #expect(errors([test]).isEmpty, "\(comparison)")
        }
        #expect(Comparison(parsing: ExpressionOperator.nonExists) == .notExists)
    }

    @Test func logicalOperatorsValidate() {
        for kind in LogicalOperator.allCases {
            let test = ConditionOperand.operator(ConditionOperator(kind.rawValue, [Build.variableTest("PHASE", Comparison.exists.rawValue)]))
            #expect(errors([test]).isEmpty, "\(kind)")
        }
    }
}
