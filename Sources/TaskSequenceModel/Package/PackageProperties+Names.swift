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
        // The names as WMI spells them (how files write them) first, each table asked once;
        // then without regard to case.
        let field: NamedField
        if let spelled = NamedField.bySpelling[name] {
            field = spelled
        } else if let definition = ExtendedPackageProperties.definition(spelled: name) {
            return setScalar(definition, to: text)
        } else if let lowercased = NamedField.byLowercasedName[name.lowercased()] {
            field = lowercased
        } else {
            guard let definition = ExtendedPackageProperties.definition(named: name) else { return .unknownProperty }
            return setScalar(definition, to: text)
        }
        switch field {
        case .packageID: packageID = text
        case .name: self.name = text
        case .description: description = text
        case .version: version = text
        case .manufacturer: manufacturer = text
        case .language: language = text
        case .category: category = text
        case .bootImageID: bootImageID = text
        case .dependentProgram: dependentProgram = text
        case .customProgressMsg: customProgressMessage = text
        case .sourceSite: sourceSite = text
        case .duration: return number { $0.duration = $1 }
        case .programFlags: return number { $0.programFlags = $1 }
        case .type: return number { $0.type = $1 }
        case .taskSequenceFlags: return number { $0.taskSequenceFlags = $1 }
        case .sourceVersion: return number { $0.sourceVersion = $1 }
        case .packageType: return number { $0.packageType = $1 }
        case .iconSize: return number { $0.iconSize = $1 }
        }
        return .assigned
    }

    /// A scalar property kept by name, from its text form (`TRUE`/`false` for booleans, a CIM
    /// datetime for dates).
    private mutating func setScalar(_ definition: PropertyDefinition, to text: String) -> PropertyAssignment {
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
        setValue(value, of: definition)
        return .assigned
    }
}

/// The package properties with a field of their own that ``PackageProperties/setProperty(named:to:)``
/// sets from text, found by their WMI names.
private enum NamedField: String, CaseIterable {
    case packageID = "PackageID", name = "Name", description = "Description", version = "Version"
    case manufacturer = "Manufacturer", language = "Language", category = "Category", bootImageID = "BootImageID"
    case dependentProgram = "DependentProgram", customProgressMsg = "CustomProgressMsg", sourceSite = "SourceSite"
    case duration = "Duration", programFlags = "ProgramFlags", type = "Type", taskSequenceFlags = "TaskSequenceFlags"
    case sourceVersion = "SourceVersion", packageType = "PackageType", iconSize = "IconSize"

    /// By the name as WMI spells it (how files write it: no lowercasing), and by the
    /// lowercased name.
    static let bySpelling = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
    static let byLowercasedName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })
}
