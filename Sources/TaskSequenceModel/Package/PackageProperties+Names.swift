extension PackageProperties {
    /// What ``setProperty(named:to:)`` did with a value.
    public enum PropertyAssignment: Sendable, Hashable {
        case assigned
        /// No scalar package property has that name (or it is a date, set by its own rules).
        case unknownProperty
        /// The property is a number (or a boolean or datetime) and the text is not one.
        case notANumber
    }

    /// Sets the property with WMI name `name` (case-insensitive) from its text form — what the
    /// export readers and the bus layer share. Dates and References have their own forms and are
    /// not set here.
    @discardableResult
    public mutating func setProperty(named name: String, to text: String) -> PropertyAssignment {
        func number(_ assign: (inout PackageProperties, UInt32) -> Void) -> PropertyAssignment {
            guard let value = UInt32(text.trimmingSpaces) else { return .notANumber }
            assign(&self, value)
            return .assigned
        }
        switch name.lowercased() {
        case "packageid": packageID = text
        case "name": self.name = text
        case "description": description = text
        case "version": version = text
        case "manufacturer": manufacturer = text
        case "language": language = text
        case "category": category = text
        case "bootimageid": bootImageID = text
        case "dependentprogram": dependentProgram = text
        case "customprogressmsg": customProgressMessage = text
        case "sourcesite": sourceSite = text
        case "duration": return number { $0.duration = $1 }
        case "programflags": return number { $0.programFlags = $1 }
        case "type": return number { $0.type = $1 }
        case "tasksequenceflags": return number { $0.taskSequenceFlags = $1 }
        case "sourceversion": return number { $0.sourceVersion = $1 }
        case "packagetype": return number { $0.packageType = $1 }
        case "iconsize": return number { $0.iconSize = $1 }
        default: return setScalar(named: name, to: text)
        }
        return .assigned
    }

    /// A scalar property kept by name, from its text form (`TRUE`/`false` for booleans, a CIM
    /// datetime for dates).
    private mutating func setScalar(named name: String, to text: String) -> PropertyAssignment {
        guard let definition = ExtendedPackageProperties.definition(named: name) else { return .unknownProperty }
        let value: PackageValue
        switch ExtendedPackageProperties.kind(of: definition) {
        case .text: value = .text(text)
        case .number:
            guard let number = UInt32(text.trimmingSpaces) else { return .notANumber }
            value = .number(number)
        case .boolean:
            switch text.trimmingSpaces.lowercased() {
            case "true", "1": value = .boolean(true)
            case "false", "0": value = .boolean(false)
            default: return .notANumber
            }
        case .dateTime:
            guard let seconds = CIMDateTime.seconds(from: text.trimmingSpaces.description) else { return .notANumber }
            value = .dateTime(seconds)
        case .bytes, .texts, .objects: return .unknownProperty
        }
        setValue(value, of: definition.name)
        return .assigned
    }
}
