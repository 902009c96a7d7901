import DBusKit

/// Task sequence variables of collections and computers. The computer's value wins over a
/// collection's when both set a name; masked values are write-only.
///
/// ```swift
/// try client.setVariable(DeploymentVariable(name: "OSDDomain", value: "corp"), on: .collection("PS100010"))
/// try client.setVariable(DeploymentVariable(name: "JoinPassword", value: "s3cret", isMasked: true), on: .computer("PC-01"))
/// ```
extension ProviderClient {
    /// The variables in the order they were first set; masked values read empty.
    public func variables(of target: VariableTarget) throws -> [DeploymentVariable] {
        let (path, interface, property) = try settings(of: target)
        guard case .array(_, let items) = try rawProperty(property, of: interface, at: path) else { return [] }
        return items.compactMap(DeploymentVariable.init(listed:))
    }

    /// Adds a variable or replaces the one of the same name (any case). Sending an empty value
    /// for a variable that is masked and stays masked keeps the stored value.
    public func setVariable(_ variable: DeploymentVariable, on target: VariableTarget) throws {
        let (path, interface, _) = try settings(of: target)
        _ = try call(path, interface, "SetVariable", [.string(variable.name), .string(variable.value), .boolean(variable.isMasked)])
    }

    /// Removes the variable named `name` (any case).
    public func removeVariable(named name: String, from target: VariableTarget) throws {
        let (path, interface, _) = try settings(of: target)
        _ = try call(path, interface, "RemoveVariable", [.string(name)])
    }

    /// The settings object of a target; a computer is looked up by name (one query).
    private func settings(of target: VariableTarget) throws -> (ObjectPath, String, String) {
        switch target {
        case .collection(let id):
            return (ProviderPaths.collectionSettings(id), ProviderInterface.collectionSettings, "CollectionVariables")
        case .computer(let name):
            let rows = try query("SELECT ResourceID FROM SMS_R_System WHERE Name = '\(Self.wqlEscaped(name))'")
            guard let id = rows.first?["ResourceID"]?.intValue, let resourceID = UInt32(exactly: id) else {
                throw ProviderError.notFound("SMS_R_System.Name=\"\(name)\" does not exist")
            }
            return (ProviderPaths.machineSettings(resourceID), ProviderInterface.machineSettings, "MachineVariables")
        }
    }
}

extension DeploymentVariable {
    /// A variable as the settings object lists it: `(ssb)`: Name, Value, IsMasked.
    init?(listed value: DBusValue) {
        guard case .structure(let fields) = value.unwrappingVariant, fields.count == 3,
              case .string(let name) = fields[0], case .string(let text) = fields[1], case .boolean(let masked) = fields[2] else { return nil }
        self.init(name: name, value: text, isMasked: masked)
    }
}
