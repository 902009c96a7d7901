extension PackageProperties {
    /// What ``setProperty(named:to:)`` did with a value.
    public enum PropertyAssignment: Sendable, Hashable {
        case assigned
        /// No scalar package property has that name (or it is a date, set by its own rules).
        case unknownProperty
        /// The property is a number and the text is not one.
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
        default: return .unknownProperty
        }
        return .assigned
    }
}
