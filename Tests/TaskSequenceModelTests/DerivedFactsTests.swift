import Testing
@testable import TaskSequenceModel

@Suite struct DerivedFactsTests {
    static let sequence = Build.sequence(
        .group(name: "Install", steps: [
            Build.action("SMS_TaskSequence_InstallSoftwareAction", [("PackageID", "PS100010"), ("ProgramName", "Install")]),
            Build.action("SMS_TaskSequence_InstallSoftwareAction", [("BaseVariableName", "PACKAGES")]),
            Build.action("SMS_TaskSequence_InstallApplicationAction", [("ApplicationName", "ScopeId_1/Application_a, ScopeId_1/Application_b")]),
            Build.action("SMS_TaskSequence_DownloadPackageContentAction",
                         [("DownloadPackages", "PS100011,ps100012, PS100011"), ("DestinationLocationType", "TSCache")]),
        ]),
        Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "setup.exe"), ("PackageID", "PS100013")],
                     attributes: [("disable", "true")]),
        Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "x"), ("PackageID", "%DynamicPackage%")]),
        Build.action(StepClass.subTaskSequence, [("TsPackageID", "PS100014"), ("TsName", "Child")]),
        Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "again"), ("PackageID", "PS100010")])
    )

    @Test func referencesFollowTheCatalogsQualifiers() {
        #expect(Self.sequence.references() == [
            PackageReference(package: "PS100010", program: "Install"),
            PackageReference(package: "", application: "ScopeId_1/Application_a"),
            PackageReference(package: "", application: "ScopeId_1/Application_b"),
            // A package used as a whole is recorded with program *, as ConfigMgr does.
            PackageReference(package: "PS100011", program: "*"),
            PackageReference(package: "ps100012", program: "*"),
            PackageReference(package: "PS100013", program: "*"),
            PackageReference(package: "PS100014", program: "*"),
            // A bare reference to a package already used with a program is a different reference.
            PackageReference(package: "PS100010", program: "*"),
        ])
    }

    @Test func referenceListEntriesAreAddedOnce() {
        var sequence = Build.sequence(
            Build.action("SMS_TaskSequence_SetupWindowsAndSMSAction", [("ClientPackageID", "PS100003")]),
            Build.action("SMS_TaskSequence_ApplyOperatingSystemAction",
                         [("ConfigFilePackage", "PS100021"), ("InstallPackageID", "PS100026"), ("ConfigFileName", "unattend.xml")])
        )
        sequence.children.insert(.references(ReferenceList(entries: [
            .reference(["package": "ps100003"]),
            .reference(["package": "PS100099", "program": "Setup"]),
            .reference(["application": "ScopeId_2/Application_c"]),
        ])), at: 0)
        #expect(sequence.references() == [
            PackageReference(package: "PS100003", program: "*"),
            // The order the step's variables are written in, as ConfigMgr's referenceList has it.
            PackageReference(package: "PS100021", program: "*"),
            PackageReference(package: "PS100026", program: "*"),
            PackageReference(package: "PS100099", program: "Setup"),
            PackageReference(package: "", application: "ScopeId_2/Application_c"),
        ])
    }

    @Test func typeIsTwoForOperatingSystemDeployments() {
        #expect(Self.sequence.taskSequenceType() == 1)
        #expect(Build.sequence(.group(name: "G", steps: [
            Build.action("SMS_TaskSequence_ApplyOperatingSystemAction", [("ImagePackageID", "PS100002"), ("ImageIndex", "1")],
                         attributes: [("disable", "true")]),
        ])).taskSequenceType() == 2)
        for className in ["SMS_TaskSequence_ApplyDataImageAction", "SMS_TaskSequence_SetupWindowsAndSMSAction",
                          "SMS_TaskSequence_UpgradeOperatingSystemAction", "SMS_TaskSequence_CaptureSystemImageAction"] {
            #expect(Build.sequence(Build.action(className)).taskSequenceType() == 2, "\(className)")
        }
        // Needing Windows PE makes it an OS deployment, as real exports show.
        #expect(Build.sequence(Build.action("SMS_TaskSequence_RebootAction", [("Target", "WinPE")])).taskSequenceType() == 2)
        #expect(Build.sequence(Build.action("SMS_TaskSequence_RebootAction", [("Target", "HD")])).taskSequenceType() == 1)
        #expect(Build.sequence(Build.action("SMS_TaskSequence_RunCommandLineAction", [("CommandLine", "x")], attributes: [("runIn", "WinPE")]))
            .taskSequenceType() == 2)
    }

    @Test func bootImageLeadsTheReferencesAndDanglingOnesAreFlagged() {
        let facts = Self.sequence.derivedFacts(bootImageID: "PS100001", knownPackages: ["PS100001", "ps100010", "PS100011", "PS100012", "PS100013"])
        #expect(facts.bootImageID == "PS100001")
        #expect(facts.references.first == PackageReference(package: "PS100001", program: "*"))
        #expect(facts.references.count == 9)
        #expect(facts.taskSequenceFlags == PackageProperties.danglingReferenceFlag)
        #expect(Self.sequence.danglingReferences(known: ["PS100010", "PS100011", "PS100012", "PS100013"])
            == [PackageReference(package: "PS100014", program: "*")])
        #expect(Self.sequence.derivedFacts(knownPackages: ["PS100010", "PS100011", "PS100012", "PS100013", "PS100014"]).taskSequenceFlags == 0)
        #expect(Self.sequence.derivedFacts().taskSequenceFlags == nil)
    }

    @Test func packagePropertiesAreUpdatedLikeSetSequenceDoes() {
        var package = PackageProperties()
        package.bootImageID = "PS100001"
        package.taskSequenceFlags = 0x1 | 0x4
        package.updateDerivedFacts(from: Build.sequence(Build.action("SMS_TaskSequence_RebootAction", [("Target", "WinPE")])),
                                   knownPackages: ["PS100001"])
        #expect(package.type == 2)
        #expect(package.references == [PackageReference(package: "PS100001", program: "*")])
        #expect(package.referencesCount == 1)
        #expect(package.taskSequenceFlags == 0x4)  // DANGLING_REF cleared, other bits kept
        #expect(package.bootImageID == "PS100001")
    }

    @Test func countsStepsGroupsDepthAndConditions() {
        var inner = Build.conditioned([
            Build.variableTest("A", "equals", "1"),
            .operator(ConditionOperator("Or", [Build.variableTest("B", "exists"), .operator(ConditionOperator("not", [Build.variableTest("C", "exists")]))])),
            Build.expression(ConditionClass.wmi, ["Namespace": "root\\cimv2", "Query": "select * from Win32_Battery"]),
        ])
        inner.isEnabled = false
        let sequence = Build.sequence(
            .group(name: "Outer", steps: [.group(name: "Inner", steps: [inner])]),
            Step(kind: .step, attributes: ["name": "Untyped"])
        )
        let counts = sequence.counts
        #expect(counts.steps == 2)
        #expect(counts.groups == 2)
        #expect(counts.disabled == 1)
        #expect(counts.maximumDepth == 3)
        #expect(counts.conditions == 1)
        #expect(counts.expressions == [ConditionClass.variable: 3, ConditionClass.wmi: 1])
        #expect(counts.expressionTotal == 4)
        #expect(counts.operators == ["or": 1, "not": 1])
    }
}
