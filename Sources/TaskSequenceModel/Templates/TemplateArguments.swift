/// A template's parameters as a request gave them, checked against the template's parameter
/// list: every name known, every value of its kind's form, every required one present.
/// Templates read typed values from it; rules between parameters are theirs to check.
public struct TemplateArguments: Sendable {
    public let template: String
    private let values: [String: TemplateValue]
    private let parameters: [TemplateParameter]

    /// Checks `given` (names matched without regard to case) against `parameters`.
    public init(template: String, parameters: [TemplateParameter], given: [String: TemplateValue]) throws(TemplateError) {
        var values: [String: TemplateValue] = [:]
        for (name, value) in given.sorted(by: { $0.key < $1.key }) {
            guard let parameter = parameters.first(where: { $0.name.equalsIgnoringCase(name) }) else {
                throw .unknownParameter(template: template, name: name, known: parameters.map(\.name))
            }
            values[parameter.name] = try Self.checked(value, for: parameter)
        }
        for parameter in parameters where values[parameter.name] == nil {
            if let defaultValue = parameter.defaultValue {
                values[parameter.name] = .text(defaultValue)
            } else if parameter.isRequired {
                throw .missingParameter(name: parameter.name, reason: parameter.summary)
            }
        }
        self.template = template
        self.values = values
        self.parameters = parameters
    }

    /// Whether the request gave `name` (or it has a default).
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// The text of `name`, if given.
    public func text(_ name: String) -> String? {
        guard let value = values[name] else { return nil }
        return value.entries.first
    }

    /// The text of a required parameter (checked present when the arguments were made).
    public func required(_ name: String) throws(TemplateError) -> String {
        guard let text = text(name) else {
            throw .missingParameter(name: name, reason: parameters.first { $0.name == name }?.summary ?? "the template needs it")
        }
        return text
    }

    /// The flag `name`; `false` when not given.
    public func flag(_ name: String) -> Bool {
        text(name).flatMap { Bool(templateText: $0) } ?? false
    }

    /// The image reference `name` (`PACKAGEID:INDEX`), if given.
    public func image(_ name: String) -> ImageReference? {
        text(name).flatMap(ImageReference.init(parsing:))
    }

    /// The package programs `name` lists.
    public func packagePrograms(_ name: String) -> [PackageProgram] {
        (values[name]?.entries ?? []).compactMap(PackageProgram.init(parsing:))
    }

    // MARK: Checking one value

    private static func checked(_ value: TemplateValue, for parameter: TemplateParameter) throws(TemplateError) -> TemplateValue {
        if case .list(let entries) = value, parameter.kind != .packagePrograms {
            guard entries.count == 1, let only = entries.first else {
                throw .invalidValue(name: parameter.name, value: nil, expected: "one value, not a list of \(entries.count)")
            }
            return try checked(.text(only), for: parameter)
        }
        let shown = { (text: String) in parameter.isSecret ? nil : text }
        for entry in value.entries {
            switch parameter.kind {
            case .text:
                guard !entry.isEmpty else { throw .invalidValue(name: parameter.name, value: "", expected: "a non-empty text") }
            case .secret:
                guard !entry.isEmpty else { throw .invalidValue(name: parameter.name, value: nil, expected: "a non-empty secret") }
            case .packageID:
                guard PackageIDFormat.isValid(entry) else {
                    throw .invalidValue(name: parameter.name, value: entry, expected: "a PackageID (three-character site code and five hex digits)")
                }
            case .image:
                guard ImageReference(parsing: entry) != nil else {
                    throw .invalidValue(name: parameter.name, value: entry, expected: "PACKAGEID:INDEX, an image package and the image index in it (1 or more)")
                }
            case .boolean:
                guard Bool(templateText: entry) != nil else { throw .invalidValue(name: parameter.name, value: entry, expected: "true or false") }
            case .choice:
                guard let canonical = parameter.allowedValues.first(where: { $0.equalsIgnoringCase(entry) }) else {
                    throw .invalidValue(name: parameter.name, value: entry, expected: "one of \(parameter.allowedValues.joined(separator: ", "))")
                }
                return .text(canonical)
            case .packagePrograms:
                guard PackageProgram(parsing: entry) != nil else {
                    throw .invalidValue(name: parameter.name, value: entry, expected: "PACKAGEID:PROGRAM, a package and the program of it to run")
                }
            case .capturePath:
                guard CapturePath.isValid(entry) else {
                    throw .invalidValue(name: parameter.name, value: shown(entry),
                                        expected: "a network path to the image file, \\\\server\\share\\file.wim")
                }
            // Only a parameter a newer provider described has one; the templates here are all known.
            case .unknown:
                break
            }
        }
        if parameter.kind == .packagePrograms, value.entries.isEmpty {
            throw .invalidValue(name: parameter.name, value: nil, expected: "at least one PACKAGEID:PROGRAM")
        }
        return value
    }
}

/// An OS image package and the index of the image to apply from it.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    public var packageID: String
    public var index: UInt32

    public init(packageID: String, index: UInt32) {
        self.packageID = packageID
        self.index = index
    }

    /// `PACKAGEID:INDEX`; `nil` unless the ID is a PackageID and the index 1 or more.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, PackageIDFormat.isValid(String(parts[0])),
              let index = UInt32(parts[1]), index >= 1, index <= 2_147_483_647 else { return nil }
        self.init(packageID: String(parts[0]), index: index)
    }

    public var description: String { "\(packageID):\(index)" }
}

/// A package and the program of it to install (Install Package).
public struct PackageProgram: Sendable, Hashable, CustomStringConvertible {
    public var packageID: String
    public var program: String

    public init(packageID: String, program: String) {
        self.packageID = packageID
        self.program = program
    }

    /// `PACKAGEID:PROGRAM`; `nil` unless the ID is a PackageID and a program is named.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, PackageIDFormat.isValid(String(parts[0])), !parts[1].isEmpty else { return nil }
        self.init(packageID: String(parts[0]), program: String(parts[1]))
    }

    public var description: String { "\(packageID):\(program)" }
}

/// The form of a PackageID: a three-character site code and five hex digits (`PS100004`).
public enum PackageIDFormat {
    public static func isValid(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 8 else { return false }
        let siteCode = scalars.prefix(3).allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        let hex = scalars.suffix(5).allSatisfy { ("0"..."9").contains($0) || ("A"..."F").contains($0) || ("a"..."f").contains($0) }
        return siteCode && hex
    }
}

/// Where the wizard lets a captured image go: a file on a network share (the capture step runs
/// in Windows PE, which has no local disk to keep it on).
public enum CapturePath {
    public static func isValid(_ text: String) -> Bool {
        guard text.hasPrefix("\\\\"), text.lowercased().hasSuffix(".wim") else { return false }
        let parts = text.dropFirst(2).split(separator: "\\", omittingEmptySubsequences: false)
        // server, share, at least the file name; no empty component.
        return parts.count >= 3 && parts.allSatisfy { !$0.isEmpty }
    }
}

extension Bool {
    /// `true` / `false` in any case.
    init?(templateText text: String) {
        switch text.lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}
