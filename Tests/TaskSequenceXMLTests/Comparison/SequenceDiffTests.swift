import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML

@Suite struct SequenceDiffTests {
    static let notInWinPE = Condition(operands: [.expression(ConditionExpression(
        className: ConditionClass.variable,
        properties: ["Operator": "equals", "Value": "false", "Variable": "_SMSTSInWinPE"]
    ))])

    /// The copy edited in three places: a rename, a command line, a new condition.
    static func threeEdits(_ sequence: TaskSequence) -> TaskSequence {
        sequence
            .editing("group[3]/step[7]") { $0.name = "Enable BitLocker (Offline, TPM)" }
            .editing("group[2]/step[3]") { $0.actionCommandLine = "cmd /c time 12:00" }
            .editing("group[5]/step[14]") { $0.condition = notInWinPE }
    }

    @Test(arguments: [true, false])
    func aCopyEditedInThreePlacesDiffsAsExactlyThoseThreeChanges(withLineage: Bool) throws {
        let fixture = try ComparisonFixture()
        let edited = Self.threeEdits(fixture.sequence)
        let new = withLineage
            ? fixture.copy(edited)
            : ComparedSequence(sequence: edited, properties: fixture.properties)
        let diff = SequenceDiff(old: fixture.original, new: new)
        let oldCommand = try #require(fixture.sequence.step("group[2]/step[3]")?.actionCommandLine)
        #expect(diff.changes == [
            SequenceChange(kind: .settingChanged, stepID: withLineage ? "C9" : nil, name: "Set System Time", path: "group[2]/step[3]",
                           property: "Action", old: oldCommand, new: "cmd /c time 12:00"),
            SequenceChange(kind: .stepRenamed, stepID: withLineage ? "C25" : nil, name: "Enable BitLocker (Offline, TPM)", path: "group[3]/step[7]",
                           property: "Name", old: "Enable BitLocker (Offline)", new: "Enable BitLocker (Offline, TPM)"),
            SequenceChange(kind: .conditionChanged, stepID: withLineage ? "C52" : nil, name: "IMAGING COMPLETE", path: "group[5]/step[14]",
                           property: "Condition", old: nil, new: "_SMSTSInWinPE equals \"false\""),
        ])
    }

    @Test func identicalSequencesHaveNoDifferences() throws {
        let fixture = try ComparisonFixture()
        let diff = SequenceDiff(old: fixture.original, new: fixture.copy(fixture.sequence))
        #expect(diff.isEmpty)
        #expect(diff.text == "No differences.\n")
    }

    @Test func flagsAndDescriptionsAreTheirOwnKinds() throws {
        let fixture = try ComparisonFixture()
        let edited = fixture.sequence
            .editing("group[5]/step[13]") { $0.isEnabled = true }
            .editing("group[5]/step[12]") { $0.continueOnError = true }
            .editing("group[1]") { $0.description = "Set up" }
        let diff = SequenceDiff(old: fixture.original, new: fixture.copy(edited))
        #expect(diff.changes.map(\.kind) == [.descriptionChanged, .continueOnErrorChanged, .stepEnabled])
        #expect(diff.changes.map(\.path) == ["group[1]", "group[5]/step[12]", "group[5]/step[13]"])
        #expect(diff.changes[0].old == "Initialize the TS environment")
        #expect(diff.changes[1].old == "false" && diff.changes[1].new == "true")
    }

    /// A step moved into another group, and one moved up among its siblings: two moves, and the
    /// steps whose index only shifted because of them are not reported.
    @Test(arguments: [true, false])
    func movedStepsAreReportedWithWhereTheyCameFrom(withLineage: Bool) throws {
        let fixture = try ComparisonFixture()
        var edited = fixture.sequence
        // "Add Windows Recovery (WinRE)" (group[5]/step[5]) goes to the end of group[4] "Install".
        var postinstall = edited.steps[4]
        let removedWinRE = postinstall.removeStep(at: 4)
        let winRE = try #require(removedWinRE)
        // "Restart computer" (group[5]/step[15]) goes first in Postinstall.
        let removedRestart = postinstall.removeStep(at: 13)
        let restart = try #require(removedRestart)
        postinstall.insertStep(restart, at: 0)
        edited.steps[4] = postinstall
        edited.steps[3].insertStep(winRE)

        let new = withLineage ? fixture.copy(edited, origin: Self.originsByMatching(fixture, edited: edited))
                              : ComparedSequence(sequence: edited)
        let diff = SequenceDiff(old: fixture.original, new: new)
        #expect(diff.changes.map(\.kind) == [.stepMoved, .stepMoved])
        #expect(diff.changes.map(\.path) == ["group[4]/step[2]", "group[5]/step[1]"])
        #expect(diff.changes.map(\.fromPath) == ["group[5]/step[5]", "group[5]/step[15]"])
        #expect(diff.changes.map(\.name) == ["Add Windows Recovery (WinRE)", "Restart computer"])
    }

    /// Each edited step's original path, found by matching steps on name and class in order.
    static func originsByMatching(_ fixture: ComparisonFixture, edited: TaskSequence) -> [StepPath: StepPath?] {
        let pairs = StepMatching.match(old: fixture.sequence, new: edited, oldIdentity: { _ in nil }, newIdentity: { _ in nil })
        return pairs.mapValues { Optional($0) }
    }

    @Test func addedAndRemovedSubtreesAreReportedOnceAtTheirTop() throws {
        let fixture = try ComparisonFixture()
        var edited = fixture.sequence
        // Remove group[2]/group[4] "AJ Setup" (a group with a group and two steps inside).
        var validation = edited.steps[1]
        validation.removeStep(at: 3)
        edited.steps[1] = validation
        edited.insertStep(.group(name: "Finish", steps: [
            .action(className: "SMS_TaskSequence_RunCommandLineAction", name: "Log", commandLine: "log.cmd"),
        ]))
        let diff = SequenceDiff(old: fixture.original, new: fixture.copy(edited))
        #expect(diff.changes.map(\.kind) == [.stepAdded, .stepRemoved])
        #expect(diff.changes.map(\.path) == ["group[6]", "group[2]/group[4]"])
        #expect(diff.changes.map(\.name) == ["Finish", "AJ Setup"])
        #expect(diff.changes.map(\.stepID) == ["C50", "S10"])
        #expect(diff.text == """
            + group[6] "Finish" [C50]
                added (SMS_TaskSequence_Group)
            - group[2]/group[4] "AJ Setup" [S10]
                removed (SMS_TaskSequence_Group)

            """)
    }

    @Test func secretsAreOnlySaidToHaveChanged() throws {
        let fixture = try ComparisonFixture()
        let password = "P@ssw0rd-never-shown"
        let edited = fixture.sequence.editing("group[1]/step[1]") {
            $0.variables?.setValue(password, forProperty: "SMSTSRunCommandLineUserPassword")
            $0.variables?.setValue("CONTOSO\\deploy", forProperty: "SMSTSRunCommandLineUserName")
        }
        let diff = SequenceDiff(old: fixture.original, new: fixture.copy(edited))
        #expect(diff.changes == [
            SequenceChange(kind: .settingChanged, stepID: "C2", name: "Create SMSTS TS TEMP DIR", path: "group[1]/step[1]",
                           property: "SMSTSRunCommandLineUserName", old: "", new: "CONTOSO\\deploy"),
            SequenceChange(kind: .settingChanged, stepID: "C2", name: "Create SMSTS TS TEMP DIR", path: "group[1]/step[1]",
                           property: "SMSTSRunCommandLineUserPassword", old: nil, new: nil, isSecret: true),
        ])
        #expect(diff.text.contains("SMSTSRunCommandLineUserPassword: changed (secret)"))
        #expect(!diff.text.contains(password))
        let json = try Self.json(diff)
        #expect(!json.contains(password))
    }

    @Test func packagePropertiesAreComparedWhenBothSidesHaveThem() throws {
        let fixture = try ComparisonFixture(ComparisonFixture.bitLocker)
        var properties = fixture.properties
        properties.name = "BitLocker (test copy)"
        properties.packageID = "PS1FFFFF"
        properties.sourceVersion += 7
        let diff = SequenceDiff(old: fixture.original, new: fixture.copy(fixture.sequence, properties: properties))
        #expect(diff.changes == [
            SequenceChange(kind: .packagePropertyChanged, property: "Name", old: fixture.properties.name, new: "BitLocker (test copy)"),
        ])
        #expect(diff.text == "~ package\n    Name: \"\(fixture.properties.name)\" → \"BitLocker (test copy)\"\n")
    }

    /// The JSON is part of the contract: every key always present, sorted, null where empty.
    @Test func theJSONFormIsStable() throws {
        let fixture = try ComparisonFixture()
        let diff = SequenceDiff(old: fixture.original, new: fixture.copy(Self.threeEdits(fixture.sequence)))
        let json = try Self.json(diff)
        #expect(json.hasPrefix("""
            [{"FromPath":null,"Kind":"SettingChanged","Name":"Set System Time","New":"cmd \\/c time 12:00",
            """.trimmingCharacters(in: .newlines)))
        #expect(json.contains("""
            {"FromPath":null,"Kind":"StepRenamed","Name":"Enable BitLocker (Offline, TPM)","New":"Enable BitLocker (Offline, TPM)","Old":"Enable BitLocker (Offline)","Path":"group[3]\\/step[7]","Property":"Name","Secret":false,"StepID":"C25"}
            """))
        let decoded = try JSONDecoder().decode([SequenceChange].self, from: Data(json.utf8))
        #expect(decoded == diff.changes)
        #expect(try Self.json(diff) == json)
    }

    /// A kind a newer provider reports reads as `unknown` with its name, and writes back the same.
    @Test func anUnknownKindReadsAndWritesBackByName() throws {
        let json = #"{"FromPath":null,"Kind":"StepRetimed","Name":"Copy","New":"30","Old":"10","Path":"step[1]","Property":"Timeout","Secret":false,"StepID":"C4"}"#
        let change = try JSONDecoder().decode(SequenceChange.self, from: Data(json.utf8))
        #expect(change.kind == .unknown("StepRetimed"))
        #expect(SequenceChange.Kind(rawValue: "StepRenamed") == .stepRenamed)
        #expect(SequenceDiff(changes: [change]).text == "~ step[1] \"Copy\" [C4]\n    StepRetimed Timeout: \"10\" → \"30\"\n")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(change), as: UTF8.self) == json)
    }

    static func json(_ diff: SequenceDiff) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(diff.changes), as: UTF8.self)
    }

    @Test func theTextReadsLikeAReviewGroupedByStep() throws {
        let fixture = try ComparisonFixture()
        let edited = Self.threeEdits(fixture.sequence).editing("group[3]/step[7]") { $0.isEnabled = false }
        let diff = SequenceDiff(old: fixture.original, new: fixture.copy(edited))
        let oldCommand = try #require(fixture.sequence.step("group[2]/step[3]")?.actionCommandLine)
        #expect(diff.text == """
            ~ group[2]/step[3] "Set System Time" [C9]
                Action: "\(oldCommand.replacing("\\", with: "\\\\").replacing("\"", with: "\\\""))" → "cmd /c time 12:00"
            ~ group[3]/step[7] "Enable BitLocker (Offline, TPM)" [C25]
                renamed: "Enable BitLocker (Offline)" → "Enable BitLocker (Offline, TPM)"
                disabled
            ~ group[5]/step[14] "IMAGING COMPLETE" [C52]
                condition: (none) → _SMSTSInWinPE equals "false"

            """)
    }
}
