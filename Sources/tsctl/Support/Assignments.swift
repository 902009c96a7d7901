import ArgumentParser
import TaskSequenceSDK

/// `NAME=VALUE` arguments (`--set CommandLine="cmd /c dir"`): the value is everything after the
/// first `=`, kept as text (the provider reads it by the property's type).
struct Assignment: ExpressibleByArgument {
    var name: String
    var value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension Array where Element == Assignment {
    /// The assignments as settings; a later one wins.
    var settings: [String: PropertyValue] {
        var result: [String: PropertyValue] = [:]
        for assignment in self { result[assignment.name] = .string(assignment.value) }
        return result
    }
}

/// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`) as an option value.
struct Switch: ExpressibleByArgument {
    var value: Bool

    init?(argument: String) {
        switch argument.lowercased() {
        case "true", "yes", "on", "1": value = true
        case "false", "no", "off", "0": value = false
        default: return nil
        }
    }

    static var allValueStrings: [String] { ["true", "false"] }
}

extension StepEnvironment: ExpressibleByArgument {
    public init?(argument: String) {
        guard let environment = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
        self = environment
    }
}

extension ExportFormat: ExpressibleByArgument {}
