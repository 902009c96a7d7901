/// A `CommandLine` class qualifier, which turns an action's settings into the text of its
/// `<action>` element.
///
/// The template language, as the SDK prints it and real exports confirm:
/// - `%n` is the value of the property with `CommandLineArg(n)`; booleans print as `True`/`False`
///   (`/continueOnError:False`), everything else as written;
/// - `%%` is a literal `%`, so `%%OSDImageIndex%%` leaves the variable reference
///   `%OSDImageIndex%` for the engine to expand, and `%%%9%%` wraps argument 9 in `%…%`;
/// - `<?n:text>` is `text` when argument `n` has a non-empty value, else nothing;
/// - `%` before anything else is literal (`smsnetuse.exe %SMSConnectNetworkFolderPath%`).
///
/// ```swift
/// let template = CommandLineTemplate("smsswd.exe /run:%1 %2")
/// template.render { $0 == 2 ? "cmd /c dir" : nil }   // "smsswd.exe /run: cmd /c dir"
/// ```
public struct CommandLineTemplate: Sendable, Hashable {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    /// The text with every argument substituted; `argument(n)` gives the value of argument `n`,
    /// `nil` when the property is not set.
    public func render(_ argument: (Int) -> String?) -> String {
        var output = ""
        var characters = text[...]
        render(&characters, into: &output, argument: argument, stopAtClosingBracket: false)
        return output
    }

    /// Renders the template for a step's settings, reading each argument from the property with
    /// that `CommandLineArg` in `definition`.
    public func render(for step: Step, definition: [PropertyDefinition]) -> String {
        render { index in
            guard let property = definition.first(where: { $0.commandLineArgument == index }),
                  let value = step.setting(property.name) else { return nil }
            if property.type == .boolean, let flag = Bool(caseInsensitive: value) {
                return flag ? "True" : "False"
            }
            return value
        }
    }

    private func render(
        _ characters: inout Substring,
        into output: inout String,
        argument: (Int) -> String?,
        stopAtClosingBracket: Bool
    ) {
        while let character = characters.first {
            if stopAtClosingBracket && character == ">" {
                characters.removeFirst()
                return
            }
            if character == "<", characters.dropFirst().first == "?" {
                let afterMarker = characters.dropFirst(2)
                let digits = afterMarker.prefix { $0.isASCII && $0.isNumber }
                if let index = Int(digits), afterMarker.dropFirst(digits.count).first == ":" {
                    characters = afterMarker.dropFirst(digits.count + 1)
                    var section = ""
                    render(&characters, into: &section, argument: argument, stopAtClosingBracket: true)
                    if let value = argument(index), !value.isEmpty { output += section }
                    continue
                }
            }
            if character == "%" {
                let rest = characters.dropFirst()
                if rest.first == "%" {
                    output.append("%")
                    characters = rest.dropFirst()
                    continue
                }
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                if let index = Int(digits) {
                    output += argument(index) ?? ""
                    characters = rest.dropFirst(digits.count)
                    continue
                }
            }
            output.append(character)
            characters.removeFirst()
        }
    }
}

extension ClassDefinition {
    /// The class's `CommandLine` qualifier as a template, if it has one.
    public var commandLineTemplate: CommandLineTemplate? {
        commandLine.map(CommandLineTemplate.init)
    }
}
