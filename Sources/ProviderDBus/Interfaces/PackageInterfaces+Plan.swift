import DBusKit
import ProviderCore

extension Interfaces {
    /// Plan on a package: the dry run.
    static func planMethods() -> [DBusInterfaceMember<PackageModel>] {
        [
            .method(DBusMethod(
                "Plan",
                inputs: [DBusArgument("options", .dictionary(key: .string, value: .variant), doc: """
                    Computer (s): the computer to plan for, by name; AdvertisementID (s): becomes _SMSTSAdvertID; \
                    Variables (a{ss}): variables as if set when the run starts, winning over every other source; \
                    Facts (a{ss}): what is known about the machine, by key, e.g. file:C:\\x.txt = exists, \
                    registry:HKEY_LOCAL_MACHINE\\SOFTWARE\\X|Version = REG_SZ:2, wmi:root\\cimv2:QUERY = rows; \
                    Fail (as): steps to assume fail, as StepIDs, paths such as group[1]/step[2], or names. \
                    An unknown option, a value of the wrong type, a fact that does not read or a step that does not exist is InvalidArgs naming it.
                    """)],
                outputs: [
                    DBusArgument("environment", .array(.dictionary(key: .string, value: .variant)), doc: "The variables the run starts with, one a{sv} each: Name, Value (left out when masked), Masked, Source (e.g. computer PC1), SourceKind (builtIn, collection, computer, commandLine), SourceID (the collection's), SourceName (the collection's or computer's), Overrides (the sources whose values lost) and OverrideSources (the same, one a{sv} each with SourceKind, SourceID, SourceName)."),
                    DBusArgument("conflicts", .array(.dictionary(key: .string, value: .variant)), doc: "Variables two collections set differently: Name, Winner, Sources (in precedence order, the last wins), Text, and Candidates (in the same order, one a{sv} each: SourceKind, SourceID, SourceName, Masked, and Value unless masked)."),
                    DBusArgument("steps", .array(.dictionary(key: .string, value: .variant)), doc: "Every step and group in document order: StepID (u), Name, Class, Depth (u, 0 at the top), Path, IsGroup, Decision (run, skip or unknown), Reason (the operand or rule that decided, with the fact or variable that would decide an unknown), AssumedToFail."),
                    DBusArgument("outcome", .dictionary(key: .string, value: .variant), doc: "Result: completes, fails or unknown; Step: the step whose failure ends the run; Text."),
                ],
                doc: """
                    A dry run: which steps would run for a computer, and why, walking the sequence as the engine does \
                    (disabled steps, conditions, groups, Set Task Sequence Variable steps, continue on error and \
                    _SMSTSLastActionSucceeded). Operands nobody knows are unknown and the reason names the fact that \
                    decides them. Masked values take part but never appear. Needs Read on the package; changes nothing.
                    """
            ) { model, call in
                let request = try PlanConversion.request(call.arguments[0])
                let plan = try model.bus.service.plan(packageID: model.packageID, request: request, for: model.bus.caller(call.caller))
                return [PlanConversion.environment(plan.plan), PlanConversion.conflicts(plan.plan), PlanConversion.steps(plan), PlanConversion.outcome(plan.plan)]
            }),
        ]
    }
}
