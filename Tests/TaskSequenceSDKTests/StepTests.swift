import Foundation
import TaskSequenceSDK
import TaskSequenceXML
import Testing
import TestSupport

/// The step tree: reading it, adding by class with the typed builders, moving, editing,
/// enabling and disabling, removing.
@Suite struct StepTests {
    @Test func theTreeMatchesWhatTheFileHolds() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(contentsOf: SDKFixtures.url(SDKFixtures.mdtName))
            let counts = try SDKFixtures.counts(SDKFixtures.mdtName)
            let tree = try package.sequence.stepTree()
            let flat = tree.flatMap { $0.flattened() }
            #expect(flat.filter { !$0.info.isGroup }.count == counts.steps)
            #expect(flat.filter(\.info.isGroup).count == counts.groups)
            #expect(flat.filter { $0.info.conditionText != nil }.count == counts.conditions)
            #expect((flat.map(\.depth).max() ?? -1) + 1 == counts.depth)
            // Parents and indexes agree with the shape of the tree.
            func check(_ nodes: [StepNode], parent: Int64?) {
                for (index, node) in nodes.enumerated() {
                    #expect(node.info.parentID == parent)
                    #expect(node.info.index == index)
                    #expect(node.info.packageID == package.id)
                    if node.info.isGroup {
                        #expect(node.info.settings.isEmpty && node.info.supportedEnvironment == nil && node.info.actionCommandLine == nil)
                    } else {
                        #expect(node.children.isEmpty && node.info.supportedEnvironment != nil)
                    }
                    check(node.children, parent: node.info.id)
                }
            }
            check(tree, parent: nil)
            #expect(try package.sequence.steps().map(\.id) == tree.map(\.info.id))
            #expect(try package.sequence.schemaVersion().hasPrefix("3."))
            let partition = try #require(flat.first { $0.info.className == "SMS_TaskSequence_PartitionDiskAction" })
            #expect(partition.info.settings["Partitions"]?.text == "3")
            #expect(partition.info.settings["Partitions1VolumeLetterVariable"] == "OSDisk")
        }
    }

    @Test func typedBuildersMakeTheirActionClassesWithTheirSettings() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Builders")
            let sequence = package.sequence
            let run = try sequence.addStep(
                .runCommandLine("cmd /c ipconfig /all", workingDirectory: #"C:\Temp"#, successCodes: [0, 1], outputVariable: "IPOUT")
                    .supportedEnvironment(.fullOS).timeout(seconds: 600),
                named: "Show network", description: "diagnostics", continuesOnError: true)
            let variable = try sequence.addStep(.setVariable("OSDComputerName", to: "PC-001"), named: "Name the computer")
            let hidden = try sequence.addStep(.setVariable("Secret", to: "s3cr3t", hidden: true), named: "Hidden")
            let install = try sequence.addStep(.installPackage("PS100010", program: "Install"), named: "Install 7-Zip")
            let list = try sequence.addStep(.installPackages(listedIn: "PACKAGES", continueOnError: true), named: "Install list")
            let restart = try sequence.addStep(.restartComputer(into: .bootImage, message: "Restarting", messageTimeout: 30), named: "Restart")
            let apply = try sequence.addStep(
                .applyOperatingSystem(imagePackageID: "PS100020", imageIndex: 3, destination: .variable("OSDisk")), named: "Apply Windows")
            let partition = try sequence.addStep(
                .formatAndPartitionDisk(disk: 0, style: .gpt, partitions: [
                    DiskPartition(name: "EFI", type: .efi, fileSystem: .fat32, size: .megabytes(500)),
                    DiskPartition(name: "MSR", type: .msr, fileSystem: nil, size: .megabytes(128)),
                    DiskPartition(name: "Windows", size: .percent(100), variable: "OSDisk"),
                ]), named: "Partition", at: 0)
            let custom = try sequence.addStep(
                .custom(className: "SMS_TaskSequence_RunPowerShellScriptAction", settings: [
                    "SourceScript": "V3JpdGUtSG9zdCBoaQ==", "Parameters": "", "ExecutionPolicy": "Bypass",
                ]), named: "PowerShell", isEnabled: false)

            let order = try sequence.steps()
            #expect(order == [partition, run, variable, hidden, install, list, restart, apply, custom])

            let runInfo = try run.info()
            #expect(runInfo.className == "SMS_TaskSequence_RunCommandLineAction")
            #expect(runInfo.name == "Show network" && runInfo.description == "diagnostics")
            #expect(runInfo.continuesOnError && runInfo.isEnabled)
            #expect(runInfo.supportedEnvironment == "FullOS")
            #expect(runInfo.timeout == 600)
            #expect(runInfo.settings["CommandLine"] == "cmd /c ipconfig /all")
            #expect(runInfo.settings["WorkingDirectory"] == #"C:\Temp"#)
            #expect(runInfo.settings["SuccessCodes"] == "0 1")
            #expect(runInfo.settings["OutputVariableName"] == "IPOUT")
            #expect(runInfo.actionCommandLine?.contains("cmd /c ipconfig /all") == true)

            #expect(try variable.settings()["VariableName"] == "OSDComputerName")
            #expect(try variable.settings()["VariableValue"] == "PC-001")
            let hiddenSettings = try hidden.settings()
            #expect(hiddenSettings["DoNotShowVariableValue"]?.boolValue == true)
            #expect(hiddenSettings["HiddenVariableValue"] ?? "" == "", "secrets never come back in clear")
            #expect(!(try package.export(format: .sequence)).contains("s3cr3t"))
            #expect(try install.settings()["PackageID"] == "PS100010")
            #expect(try install.settings()["ProgramName"] == "Install")
            #expect(try list.settings()["BaseVariableName"] == "PACKAGES")
            #expect(try restart.settings()["Target"] == "WinPE")
            #expect(try restart.settings()["Message"] == "Restarting")
            #expect(try apply.settings()["ImagePackageID"] == "PS100020")
            #expect(try apply.settings()["ImageIndex"]?.intValue == 3)
            #expect(try apply.settings()["DestinationVariable"] == "OSDisk")
            let partitions = try partition.settings()
            #expect(partitions["PartitionStyle"] == "GPT")
            #expect(partitions["Partitions"]?.intValue == 3)
            #expect(partitions["Partitions0Type"] == "EFI")
            #expect(partitions["Partitions0FileSystem"] == "FAT32")
            #expect(partitions["Partitions2VolumeLetterVariable"] == "OSDisk")
            #expect(partitions["Partitions2SizeUnits"] == "Percent")
            let customInfo = try custom.info()
            #expect(customInfo.className == "SMS_TaskSequence_RunPowerShellScriptAction")
            #expect(!customInfo.isEnabled)
            #expect(customInfo.settings["ExecutionPolicy"] == "Bypass")

            // The package now references what the steps use.
            let references = try package.info().references.map(\.package)
            #expect(references.contains("PS100010") && references.contains("PS100020"))
            #expect(try package.info().deploysOperatingSystem)
        }
    }

    @Test func groupsNestAndStepsMoveKeepingTheirIDs() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(xml: try SDKFixtures.text(SDKFixtures.chassisName))
            let laptop = try #require(try package.sequence.steps().first)
            let group = try package.sequence.addGroup(named: "Diagnostics", description: "collect", continuesOnError: true, at: 1)
            let inner = try group.addGroup(named: "Inner")
            let step = try inner.addStep(.runCommandLine("cmd /c ver"), named: "Version")
            #expect(try group.info().isGroup)
            #expect(try group.info().index == 1)
            #expect(try step.info().parentID == inner.id)

            try step.move(into: package.sequence, at: 0)
            #expect(try package.sequence.steps().first == step)
            #expect(try step.info().parentID == nil)
            #expect(try inner.steps().isEmpty)
            try step.move(into: laptop)
            #expect(try laptop.steps() == [step])
            #expect(try step.info().parentID == laptop.id)
            try step.move(to: 0)
            #expect(try step.info().index == 0)

            let tree = try package.sequence.stepTree()
            #expect(tree.map(\.info.name) == ["Is Laptop", "Diagnostics", "Is Desktop", "Is Server"])
            #expect(tree[0].children.map(\.info.id) == [step.id])
            #expect(tree[1].children.map(\.info.name) == ["Inner"])

            // A group cannot move into itself.
            let cycle = providerError { try group.move(into: inner) }
            #expect(cycle.map { if case .invalidArguments(let message) = $0 { message.contains("cannot contain itself") } else { false } } == true,
                    "\(String(describing: cycle))")

            try group.delete()
            #expect(try package.sequence.steps().count == 3)
            #expect(providerError { _ = try inner.info() }.map { if case .unknownObject = $0 { true } else { false } } == true)
        }
    }

    @Test func editingStepsAndSettings() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Edits")
            let step = try package.sequence.addStep(.runCommandLine("cmd /c echo one"), named: "Echo")
            // Settings first: the command line the step runs is rendered from them.
            try step.setSettings(["CommandLine": "cmd /c echo two", "WorkingDirectory": #"C:\"#])
            var info = try step.info()
            #expect(info.settings["CommandLine"] == "cmd /c echo two")
            #expect(info.settings["WorkingDirectory"] == #"C:\"#)
            #expect(info.actionCommandLine?.hasSuffix("cmd /c echo two") == true, "\(String(describing: info.actionCommandLine))")

            try step.rename(to: "Echo two")
            try step.set(.description, to: "says two")
            try step.set(.continueOnError, to: true)
            try step.set(.timeout, to: 120)
            try step.set(.supportedEnvironment, to: .string(StepEnvironment.winPE.rawValue))
            try step.disable()
            info = try step.info()
            #expect(info.name == "Echo two" && info.description == "says two")
            #expect(info.continuesOnError && !info.isEnabled)
            #expect(info.timeout == 120 && info.supportedEnvironment == "WinPE")
            try step.enable()
            #expect(try step.info().isEnabled)

            try step.removeSettings(["workingdirectory"])
            #expect(try step.settings()["WorkingDirectory"] == nil)
            #expect(try step.settings()["CommandLine"] == "cmd /c echo two")

            let unknown = providerError { try step.setSettings(["NoSuchSetting": "x"]) }
            #expect(unknown.map { if case .unknownProperty = $0 { true } else { false } } == true, "\(String(describing: unknown))")
            #expect(unknown?.message.contains("NoSuchSetting") == true)
            let empty = providerError { try step.rename(to: "") }
            #expect(empty.map { if case .validationFailed(let property, _) = $0 { property == "Name" } else { false } } == true, "\(String(describing: empty))")
            let badClass = providerError { try package.sequence.addStep(.custom(className: "SMS_TaskSequence_NoSuchAction"), named: "x") }
            #expect(badClass?.message.contains("SMS_TaskSequence_NoSuchAction") == true)
            #expect(try package.sequence.steps() == [step], "failed calls change nothing")

            let missing = package.step(9_999)
            #expect(providerError { try missing.disable() }.map { if case .unknownObject = $0 { true } else { false } } == true)
        }
    }

    @Test func theCatalogNamesClassesAndSettings() {
        #expect(StepAction.actionClassNames.contains("SMS_TaskSequence_RunCommandLineAction"))
        #expect(StepAction.displayName(of: "SMS_TaskSequence_RebootAction") == "Restart Computer")
        #expect(StepAction.settingNames(of: "SMS_TaskSequence_RunCommandLineAction").contains("CommandLine"))
        #expect(StepAction.runCommandLine("x").className == "SMS_TaskSequence_RunCommandLineAction")
        #expect(StepAction.restartComputer().settings["Target"] == "HD")
    }

    @Test func stepInfoEncodesEveryKeyForGroupsAndActions() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "JSON")
            let group = try package.sequence.addGroup(named: "G")
            try group.addStep(.runCommandLine("cmd"), named: "S", condition: .variable("X", .exists))
            let tree = try package.sequence.stepTree()
            let data = try JSONEncoder().encode(tree)
            let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            let keys = ["StepID", "PackageID", "ClassName", "IsGroup", "Name", "Description", "Enabled", "ContinueOnError", "ParentStepID",
                        "Index", "Condition", "SupportedEnvironment", "Timeout", "Settings", "ActionCommandLine", "Steps"]
            let groupObject = try #require(objects.first)
            let child = try #require((groupObject["Steps"] as? [[String: Any]])?.first)
            for key in keys {
                #expect(groupObject.keys.contains(key), "group lacks \(key)")
                #expect(child.keys.contains(key), "step lacks \(key)")
            }
            #expect(groupObject["IsGroup"] as? Bool == true)
            #expect(groupObject["ParentStepID"] is NSNull)
            #expect((child["ParentStepID"] as? NSNumber)?.int64Value == group.id)
            #expect((child["Condition"] as? String)?.contains("X") == true)
            #expect(try JSONDecoder().decode([StepNode].self, from: data) == tree)
        }
    }
}
