/// Lets the global options come before the command, as the README writes them
/// (`tsctl --json package list`): ArgumentParser reads a command's options only after its
/// name, so leading `--json`, `--system`, `--session` and `--address ADDR` move to the end (in
/// front of a `--`, if there is one).
enum GlobalArguments {
    static let flags: Set<String> = ["--json", "--system", "--session"]

    static func reordered(_ arguments: [String]) -> [String] {
        var moved: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if flags.contains(argument) || argument.hasPrefix("--address=") {
                moved.append(argument)
                index += 1
            } else if argument == "--address", index + 1 < arguments.count {
                moved += [argument, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        guard !moved.isEmpty, let command = rest.first, !command.hasPrefix("-") else { return arguments }
        if let terminator = rest.firstIndex(of: "--") {
            return Array(rest[..<terminator]) + moved + Array(rest[terminator...])
        }
        return rest + moved
    }
}
