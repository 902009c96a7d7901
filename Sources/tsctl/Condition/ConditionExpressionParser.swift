import ArgumentParser
import TaskSequenceSDK

/// Reads `tsctl condition add`'s KIND and values into a condition part.
///
/// ```
/// variable NAME OPERATOR [VALUE]        _SMSTSInWinPE equals false
/// file PATH                             (--set Version=… --set VersionOperator=…)
/// folder PATH
/// registry KEY OPERATOR [VALUE-NAME]    (--set Type=REG_SZ --set Data=…)
/// wmi QUERY [NAMESPACE]
/// software PRODUCT-CODE [any|this]
/// os PLATFORM…                          win10 win11 server
/// and | or | not                        an operator; add its parts with --parent
/// ```
enum ConditionExpressionParser {
    /// What `condition add` adds.
    enum Part {
        case condition(StepCondition)
        case logicalOperator(LogicalOperator)
    }

    static let kinds = "variable, file, folder, registry, wmi, software, os, and, or, not"

    static func parse(kind: String, values: [String], extra: [Assignment]) throws -> Part {
        func need(_ count: ClosedRange<Int>, _ usage: String) throws {
            guard count.contains(values.count) else { throw ValidationError("\(kind) takes \(usage).") }
        }
        func comparison(_ text: String) throws -> Comparison {
            guard let comparison = Comparison(parsing: text) else {
                throw ValidationError("'\(text)' is not an operator; use one of \(Comparison.allCases.map(\.rawValue).joined(separator: ", ")) (or = != < <= > >=).")
            }
            return comparison
        }
        var condition: StepCondition
        switch kind.lowercased() {
        case "and", "or", "not":
            try need(0...0, "no values; add its parts with --parent")
            guard extra.isEmpty else { throw ValidationError("an operator has no properties; --set is for tests.") }
            return .logicalOperator(LogicalOperator(rawValue: kind.lowercased()) ?? .and)
        case "variable":
            try need(2...3, "NAME OPERATOR [VALUE]")
            condition = .variable(values[0], try comparison(values[1]), values.count > 2 ? values[2] : nil)
        case "file":
            try need(1...1, "PATH (version and date with --set Version=… --set VersionOperator=…)")
            condition = .file(values[0])
        case "folder":
            try need(1...1, "PATH")
            condition = .folder(values[0])
        case "registry":
            try need(2...3, "KEY OPERATOR [VALUE-NAME] (type and data with --set Type=… --set Data=…)")
            condition = .registry(values[0], try comparison(values[1]), valueName: values.count > 2 ? values[2] : nil)
        case "wmi":
            try need(1...2, "QUERY [NAMESPACE]")
            condition = values.count > 1 ? .wmi(namespace: values[1], query: values[0]) : .wmi(query: values[0])
        case "software":
            try need(1...2, "PRODUCT-CODE [any|this]")
            let match: SoftwareMatch
            switch values.count > 1 ? values[1].lowercased() : "any" {
            case "any", "anyversion": match = .anyVersion
            case "this", "thisversion": match = .thisVersion
            default: throw ValidationError("software matches 'any' version or 'this' one, not '\(values[1])'.")
            }
            condition = .software(productCode: values[0], match)
        case "os":
            guard !values.isEmpty else { throw ValidationError("os takes one or more of win10, win11, server.") }
            condition = .operatingSystem(try values.map { value in
                switch value.lowercased() {
                case "win10", "windows10": return .windows10x64
                case "win11", "windows11": return .windows11x64
                case "server": return .windowsServer2019OrLater
                default: throw ValidationError("'\(value)' is not a platform; use win10, win11 or server.")
                }
            })
            guard extra.isEmpty else { throw ValidationError("os conditions take no --set properties.") }
        default:
            throw ValidationError("'\(kind)' is not a condition kind; use one of \(kinds).")
        }
        if !extra.isEmpty, case .expression(let className, var properties) = condition {
            for assignment in extra {
                properties.removeAll { $0.name.lowercased() == assignment.name.lowercased() }
                properties.append(ConditionProperty(assignment.name, assignment.value))
            }
            condition = .expression(className: className, properties: properties)
        }
        return .condition(condition)
    }
}
