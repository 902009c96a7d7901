import Testing
@testable import TaskSequenceModel

/// The variable rules of reference §9 and the write-only rule of masked values.
@Suite struct DeploymentVariableTests {
    @Test(arguments: ["OSDComputerName", "a", "Var-1_x", String(repeating: "A", count: 256)])
    func wellFormedNamesPass(_ name: String) {
        #expect(DeploymentVariableRules.problem(withName: name) == nil)
    }

    @Test func brokenNamesAreRefusedSayingWhy() {
        #expect(DeploymentVariableRules.problem(withName: "") == "a variable name cannot be empty")
        #expect(DeploymentVariableRules.problem(withName: "_SMSTSPackageID") == "'_SMSTSPackageID' starts with an underscore, which only read-only built-in variables do")
        #expect(DeploymentVariableRules.problem(withName: "1abc") == "'1abc' must start with a letter A-Z or a-z")
        #expect(DeploymentVariableRules.problem(withName: "My Var") == "'My Var' holds ' '; a variable name has only letters, digits, underscores and hyphens")
        #expect(DeploymentVariableRules.problem(withName: "Größe") == "'Größe' holds 'ö'; a variable name has only letters, digits, underscores and hyphens")
        let long = String(repeating: "B", count: 257)
        #expect(DeploymentVariableRules.problem(withName: long) == "'\(long.prefix(40))…' is 257 characters long; a variable name has at most 256")
    }

    @Test func valuesHoldAtMostFourThousandCharacters() {
        #expect(DeploymentVariableRules.problem(withValue: String(repeating: "x", count: 4_000)) == nil)
        #expect(DeploymentVariableRules.problem(withValue: String(repeating: "x", count: 4_001))
            == "the value is 4001 characters long; a variable value has at most 4000")
    }

    @Test func settingANameInAnotherCaseReplacesTheVariableAndKeepsTheFirstSpelling() throws {
        let edit = DeploymentVariableEdit(owner: "collection PS100010", limit: nil)
        var variables = try edit.setting(DeploymentVariable(name: "OSDDomain", value: "corp"), in: [])
        variables = try edit.setting(DeploymentVariable(name: "osddomain", value: "lab"), in: variables)
        #expect(variables == [DeploymentVariable(name: "OSDDomain", value: "lab")])
    }

    @Test func aBlankValueSentBackForAMaskedVariableKeepsTheStoredOne() throws {
        let edit = DeploymentVariableEdit(owner: "computer 16777217", limit: 1_000)
        let stored = [DeploymentVariable(name: "JoinPassword", value: "s3cret", isMasked: true)]
        #expect(try edit.setting(DeploymentVariable(name: "JoinPassword", value: "", isMasked: true), in: stored) == stored)
        // A new value replaces it; unmasking with a blank stores the blank (nothing secret is shown).
        #expect(try edit.setting(DeploymentVariable(name: "JoinPassword", value: "n3w", isMasked: true), in: stored)
            == [DeploymentVariable(name: "JoinPassword", value: "n3w", isMasked: true)])
        #expect(try edit.setting(DeploymentVariable(name: "JoinPassword", value: "", isMasked: false), in: stored)
            == [DeploymentVariable(name: "JoinPassword", value: "", isMasked: false)])
    }

    @Test func redactedEmptiesOnlyMaskedValues() {
        #expect(DeploymentVariable(name: "A", value: "x", isMasked: true).redacted == DeploymentVariable(name: "A", value: "", isMasked: true))
        #expect(DeploymentVariable(name: "A", value: "x").redacted == DeploymentVariable(name: "A", value: "x"))
    }

    @Test func aComputerHoldsAtMostItsLimitButMayStillChangeThem() throws {
        let edit = DeploymentVariableEdit(owner: "computer 16777217", limit: 1_000)
        let full = (0..<1_000).map { DeploymentVariable(name: "V\($0)", value: "x") }
        #expect(throws: DeploymentVariableEdit.Violation(
            property: "Variables", rule: "computer 16777217 already holds 1000 variables, the most one computer may hold (1000); remove one first", isLimit: true)) {
            try edit.setting(DeploymentVariable(name: "OneMore", value: "x"), in: full)
        }
        let changed = try edit.setting(DeploymentVariable(name: "v999", value: "y"), in: full)
        #expect(changed.count == 1_000 && changed.last == DeploymentVariable(name: "V999", value: "y"))
    }

    @Test func brokenEditsNameTheProperty() {
        let edit = DeploymentVariableEdit(owner: "collection PS100010", limit: nil)
        #expect(throws: DeploymentVariableEdit.Violation(property: "Name", rule: "'9lives' must start with a letter A-Z or a-z", isLimit: false)) {
            try edit.setting(DeploymentVariable(name: "9lives", value: "x"), in: [])
        }
        #expect(throws: DeploymentVariableEdit.Violation(property: "Value", rule: "Big: the value is 4001 characters long; a variable value has at most 4000", isLimit: false)) {
            try edit.setting(DeploymentVariable(name: "Big", value: String(repeating: "x", count: 4_001)), in: [])
        }
        #expect(throws: DeploymentVariableEdit.Violation(property: "Name", rule: "collection PS100010 has no variable Missing", isLimit: false)) {
            try edit.removing("Missing", from: [])
        }
    }

    @Test func advertFlagsNameTheTaskSequenceBitsAndKeepOthers() {
        #expect(AdvertFlags.showProgress.rawValue == 0x800000)
        #expect(AdvertFlags.mediaAndPXE.rawValue == 0x40000)
        #expect(AdvertFlags([.showProgress, .mediaAndPXE]).description == "ENABLE_TS_FROM_CD_AND_PXE|SHOW_PROGRESS")
        // The value public deployment scripts use: 0x028E0020.
        #expect(AdvertFlags(rawValue: 42_860_576).description == "IMMEDIATE|DONOT_FALLBACK|ENABLE_TS_FROM_CD_AND_PXE|APTSINTRANETONLY|SHOW_PROGRESS|NO_DISPLAY")
        #expect(AdvertFlags(rawValue: 0x4).description == "0x4")
        #expect(OfferType(text: "Required") == .required && OfferType(text: "2") == .available && OfferType(text: "soon") == nil)
    }
}
