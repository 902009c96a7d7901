/// Task sequence variables as the engine holds them while a sequence runs: names compare
/// without regard to case, and a variable set to the empty string does not exist.
///
/// ```swift
/// var environment: VariableEnvironment = ["_SMSTSInWinPE": "false", "OSDOSVersion": "WIN10x64"]
/// environment["osdosversion"]                  // "WIN10x64"
/// environment.expanding("%OSDOSVersion%-%X%")  // "WIN10x64-%X%"
/// ```
public struct VariableEnvironment: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// Lowercased name → the name as first set, and the value.
    private var storage: [String: Entry] = [:]

    private struct Entry: Sendable, Hashable {
        var name: String
        var value: String
    }

    public init(_ variables: [String: String] = [:]) {
        for (name, value) in variables { self[name] = value }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// The value of variable `name`; `nil` when it is not set. Setting `nil` or `""` removes it.
    public subscript(name: String) -> String? {
        get { storage[name.lowercased()]?.value }
        set {
            let key = name.lowercased()
            if let newValue, !newValue.isEmpty {
                storage[key] = Entry(name: storage[key]?.name ?? name, value: newValue)
            } else {
                storage[key] = nil
            }
        }
    }

    /// The names of the variables that are set, as first written, sorted.
    public var names: [String] { storage.values.map(\.name).sorted() }

    public var isEmpty: Bool { storage.isEmpty }

    /// `text` with each `%Name%` of a set variable replaced by its value; references to unset
    /// variables stay as written, as the engine leaves them.
    public func expanding(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var result = ""
        var rest = text[...]
        while let start = rest.firstIndex(of: "%") {
            result += rest[..<start]
            let afterStart = rest.index(after: start)
            guard let end = rest[afterStart...].firstIndex(of: "%") else {
                rest = rest[start...]
                break
            }
            let name = rest[afterStart..<end]
            if !name.isEmpty, let value = self[String(name)] {
                result += value
                rest = rest[rest.index(after: end)...]
            } else {
                // Not a set variable: keep the first % and look for a reference from the second.
                result.append("%")
                rest = rest[afterStart...]
            }
        }
        return result + rest
    }
}
