/// A WMI qualifier as the daemon's `GetClass` schema shows it: a name and an optional value.
///
/// ``PropertyDefinition/qualifiers`` lists a property's qualifiers in MOF spelling, so a client
/// that knows the SDK reads `AllowedLen = "1-100"` or `Secret` exactly as documented.
public struct Qualifier: Sendable, Hashable, CustomStringConvertible {
    /// A qualifier's value.
    public enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int64)
        case strings([String])
    }

    public var name: String
    /// `nil` for flag qualifiers such as `key`, `Secret`, `Not_Null`.
    public var value: Value?

    public init(_ name: String, _ value: Value? = nil) {
        self.name = name
        self.value = value
    }

    /// MOF-like text: `Secret`, `AllowedLen("1-100")`, `ValueMap{"a", "b"}`, `CommandLineArg(2)`.
    public var description: String {
        switch value {
        case nil: name
        case .string(let string): "\(name)(\"\(string)\")"
        case .integer(let number): "\(name)(\(number))"
        case .strings(let strings): "\(name){" + strings.map { "\"\($0)\"" }.joined(separator: ", ") + "}"
        }
    }
}

extension PropertyDefinition {
    /// The property's qualifiers in MOF spelling, in a stable order.
    public var qualifiers: [Qualifier] {
        var result: [Qualifier] = []
        if isKey { result.append(Qualifier("key")) }
        if isReadOnly { result.append(Qualifier("read")) }
        if isLazy { result.append(Qualifier("lazy")) }
        if isLarge { result.append(Qualifier("large")) }
        if isBitField { result.append(Qualifier("bits")) }
        switch requirement {
        case .optional: break
        case .notNull: result.append(Qualifier("Not_Null"))
        case .notNullToInstance: result.append(Qualifier("Not_Null:ToInstance"))
        }
        if let commandLineArgument { result.append(Qualifier("CommandLineArg", .integer(Int64(commandLineArgument)))) }
        if let allowedLength {
            result.append(Qualifier("AllowedLen", .string("\(allowedLength.lowerBound)-\(allowedLength.upperBound)")))
        }
        if let valueRange {
            result.append(Qualifier("ValueRange", .string("\(valueRange.lowerBound)-\(valueRange.upperBound)")))
        }
        if let valueMap { result.append(Qualifier("ValueMap", .strings(valueMap))) }
        if let requiredIfNull { result.append(Qualifier("RequiredIfNull", .string(requiredIfNull))) }
        if let requiredIfNotNull { result.append(Qualifier("RequiredIfNotNull", .string(requiredIfNotNull))) }
        if let variableNameQualifier { result.append(Qualifier("VariableName", .string(variableNameQualifier))) }
        switch reference {
        case nil: break
        case .package, .taskSequence: result.append(Qualifier("TaskSequencePackage"))
        case .image: result.append(Qualifier("TaskSequencePackage", .string("image")))
        case .packageList: result.append(Qualifier("TaskSequencePackageList"))
        case .program(let packageProperty): result.append(Qualifier("TaskSequenceProgram", .string(packageProperty)))
        case .applicationList: result.append(Qualifier("TaskSequenceApplication"))
        }
        if isSuccessCodes { result.append(Qualifier("SuccessCodes")) }
        switch secrecy {
        case .secret: result.append(Qualifier("Secret"))
        case .quasiSecret: result.append(Qualifier("QuasiSecret"))
        case .none, .secretRuleVariables: break
        }
        if isGlobal { result.append(Qualifier("Global")) }
        if requiresConfigMgr2007R2 { result.append(Qualifier("RequireR2")) }
        if isRunFromNet { result.append(Qualifier("RunFromNet")) }
        return result
    }
}
