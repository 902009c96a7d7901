import DBusKit

/// Generates method calls from the interface files: for a target object, a member of one of
/// its interfaces (sometimes of another interface, or an unknown one) with arguments of the
/// declared types carrying edge values, or with a wrong signature (an argument missing, one too
/// many, one of the wrong type), and property Get/Set/GetAll with right and wrong names and
/// value types.
struct CallGenerator {
    static let destination = "org.tsprovider.Provider1"
    static let propertiesInterface = "org.freedesktop.DBus.Properties"
    /// Members that remove objects of the fixture set (SetSequence replaces every step).
    static let destructiveMembers: Set<String> = ["Delete", "Clear", "SetSequence"]

    let catalog: InterfaceCatalog
    var values: ValueFuzzer

    init(catalog: InterfaceCatalog, vocabulary: FuzzVocabulary) {
        self.catalog = catalog
        values = ValueFuzzer(vocabulary: vocabulary)
    }

    /// Every property and member name of the catalog, for dictionary keys and Get/Set names.
    static func names(in catalog: InterfaceCatalog) -> [String] {
        var names: Set<String> = []
        for interface in catalog.interfaces.values {
            interface.methods.forEach { names.insert($0.name) }
            interface.properties.forEach { names.insert($0.name) }
        }
        return names.sorted()
    }

    /// A random call on `target`.
    func call(on target: FuzzTarget, using random: inout SeededRandom) throws -> GeneratedCall {
        let own = target.interfaces.compactMap { catalog.interfaces[$0] }
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 30, !own.isEmpty {
            return try propertyCall(on: target, own: own, using: &random)
        }
        var interface: InterfaceDescription
        if roll < 88, let chosen = own.randomElement(using: &random) {
            interface = chosen
        } else {
            // A member of an interface this object does not carry.
            interface = catalog.interfaces.values.sorted { $0.name < $1.name }.randomElement(using: &random) ?? InterfaceCatalog.standard[0]
        }
        guard var method = interface.methods.randomElement(using: &random) else {
            return try propertyCall(on: target, own: own.isEmpty ? [interface] : own, using: &random)
        }
        // Deleting a package or replacing its sequence takes its tree with it: damped, so most
        // calls of a round still find the objects they aim at.
        if Self.destructiveMembers.contains(method.name), random.chance(75), let other = interface.methods.randomElement(using: &random) {
            method = other
        }
        if random.chance(2) { method.name = random.pick(["NoSuchMethod", "delete", "Get_", "X"]) }
        let arguments = random.chance(70) ? method.inputs.map { values.value(of: $0, using: &random) } : wrongArguments(for: method.inputs, using: &random)
        let sendInterface: String? = random.chance(3) ? nil : interface.name
        return try make(target.path, sendInterface, method.name, arguments)
    }

    /// Arguments that do not match `types`: one dropped, one added, one of another type, or none.
    func wrongArguments(for types: [DBusType], using random: inout SeededRandom) -> [DBusValue] {
        var arguments = types.map { values.value(of: $0, using: &random) }
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where !arguments.isEmpty: arguments.removeLast()
        case 1: arguments.append(values.randomValue(using: &random))
        case 2 where !arguments.isEmpty:
            let at = Int.random(in: 0..<arguments.count, using: &random)
            var replacement = values.randomValue(using: &random)
            while replacement.type == types[at] { replacement = values.randomValue(using: &random) }
            arguments[at] = replacement
        default: arguments = random.chance(50) ? [] : [values.randomValue(using: &random)]
        }
        return arguments
    }

    /// `Properties.Get`, `GetAll` or `Set` on one of the object's interfaces (or another).
    func propertyCall(on target: FuzzTarget, own: [InterfaceDescription], using random: inout SeededRandom) throws -> GeneratedCall {
        let interface = random.chance(90) ? own.randomElement(using: &random) : catalog.interfaces.values.sorted { $0.name < $1.name }.randomElement(using: &random)
        let interfaceName = random.chance(5) ? values.string(using: &random) : (interface?.name ?? "")
        let property = random.chance(85) ? interface?.properties.randomElement(using: &random) : nil
        let propertyName = property?.name ?? values.dictionaryKey(using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<4:
            return try make(target.path, Self.propertiesInterface, "Get", [.string(interfaceName), .string(propertyName)])
        case 4:
            return try make(target.path, Self.propertiesInterface, "GetAll", [.string(interfaceName)])
        default:
            let value: DBusValue
            if let property, random.chance(65) {
                value = values.value(of: property.type, using: &random)
            } else {
                value = values.randomValue(using: &random)
            }
            var arguments: [DBusValue] = [.string(interfaceName), .string(propertyName), .variant(value)]
            if random.chance(5) { arguments = wrongArguments(for: [.string, .string, .variant], using: &random) }
            return try make(target.path, Self.propertiesInterface, "Set", arguments)
        }
    }

    private func make(_ path: ObjectPath, _ interface: String?, _ member: String, _ arguments: [DBusValue]) throws -> GeneratedCall {
        let message = try DBusMessage.methodCall(destination: Self.destination, path: path, interface: interface, method: member, arguments: arguments)
        return GeneratedCall(message: message, summary: GeneratedCall.summarize(path: path, interface: interface, member: member, arguments: arguments))
    }
}
