import ArgumentParser
import TaskSequenceSDK

/// `tsctl step list ID [--tree]`: the steps of a package's sequence.
struct StepListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the steps and groups of a package's sequence.",
        discussion: """
            Without --tree: one row per step in sequence order, indented by depth, with its ID, \
            class, flags (disabled, continue on error) and condition. With --tree: the tree drawn \
            with lines, each step with its ID, class, flags and condition.

            With --json, an array of step objects in sequence order — keys StepID, PackageID, \
            ClassName, IsGroup, Name, Description, Enabled, ContinueOnError, ParentStepID (null \
            at the top), Index, Condition (its text, null when none), SupportedEnvironment, \
            Timeout, Settings, ActionCommandLine (the last four null for groups); with --tree \
            --json the same objects nested, each with Steps, its children.

            PS100004@3 lists the steps as revision 3 left them, with the IDs they had then.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID, optionally @REV for an old revision.", valueName: "package-id[@rev]"))
    var package: PackageAtRevision

    var packageID: String { package.packageID }

    @Flag(name: .customLong("tree"), help: "Draw the tree with each step's condition and flags.")
    var tree = false

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(package)" }

    func run(client: ProviderClient, output: Output) throws {
        let handle = client.package(packageID)
        let info = try handle.info()
        let nodes = try package.revision.map { revision in
            try RevisionStepTree.nodes(packageID: packageID, xml: handle.sequenceXML(at: revision), stepIDs: handle.stepIDs(at: revision))
        } ?? handle.sequence.stepTree()
        let flat = nodes.flatMap { $0.flattened() }
        if output.json {
            if tree { try output.printJSON(nodes) } else { try output.printJSON(flat.map(\.info)) }
            return
        }
        if tree {
            StandardOutput.write(StepTreeRenderer(nodes: nodes).render(title: "\(package)  \(info.name)") + "\n")
            return
        }
        var table = Table("ID", "STEP", "CLASS", "FLAGS", "CONDITION")
        for (depth, step) in flat {
            table.add(String(step.id), String(repeating: "  ", count: depth) + step.name, StepClassNames.label(step.className),
                      step.flags.joined(separator: ", "), step.conditionText ?? "")
        }
        StandardOutput.write(table.text + "\n")
    }
}
