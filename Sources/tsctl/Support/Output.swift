import Foundation

/// Where results go: text for people by default, JSON with `--json`.
struct Output {
    /// Whether `--json` was given.
    let json: Bool

    /// Prints `value` as JSON with `--json`, else the text `human` makes.
    func emit<Value: Encodable>(_ value: Value, human: () -> String) throws {
        if json {
            try printJSON(value)
        } else {
            let text = human()
            if !text.isEmpty { StandardOutput.write(text.hasSuffix("\n") ? text : text + "\n") }
        }
    }

    /// Prints `value` as indented JSON with sorted keys.
    func printJSON<Value: Encodable>(_ value: Value) throws {
        StandardOutput.write(try JSONText.make(value, pretty: true) + "\n")
    }
}

/// JSON as tsctl writes it: sorted keys, slashes unescaped.
enum JSONText {
    static func make<Value: Encodable>(_ value: Value, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
