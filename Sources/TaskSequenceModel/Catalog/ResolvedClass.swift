/// A class with its inherited properties merged and indexed, built once per catalog. A class, so
/// a lookup hands out a reference instead of copying its tables.
///
/// What the checks and the reference collection ask of a property for every variable of every
/// step (its storage, whether it is an array, what it references) is kept in small per-position
/// tables beside ``properties``: reading it from a ``PropertyDefinition`` in the array copied
/// the whole definition each time.
final class ResolvedClass: Sendable {
    /// The class's own name, kind and abstractness (what validation asks before its properties).
    let name: String
    let kind: ClassDefinition.Kind
    let isAbstract: Bool
    let properties: [PropertyDefinition]
    /// Positions in ``properties`` by property name and by task sequence variable name.
    let propertyNames: CaseInsensitivePositions
    let variableNames: CaseInsensitivePositions
    /// Array properties, which may be flattened into numbered variables.
    let arrays: [ArrayProperty]
    /// Whether the class is an action any of whose properties carries a reference qualifier:
    /// only steps of these add references.
    let isActionWithReferences: Bool
    /// The class's ``ClassDefinition/deploysOperatingSystem`` and
    /// ``ClassDefinition/windowsPESetting``, asked of every step a store writes.
    let deploysOperatingSystem: Bool
    let windowsPESetting: SettingMatch?
    /// Properties a step must set or may be required to set (Not_Null, RequiredIfNull,
    /// RequiredIfNotNull), written as a `<variable>` and without a default: the only ones
    /// checking required settings looks at.
    let requirementPositions: [Int]
    /// Per position: whether the property is an array, and whether it is written as a `<variable>`.
    let isArray: [Bool]
    let isWrittenAsVariable: [Bool]
    /// Per position: what a reference property's value names, with a program's package property
    /// found once; `nil` for the others.
    let referenceRoles: [ReferenceRole?]
    /// Per position: whether reference collection reads the value — a reference property or
    /// the package property a program reference names.
    let feedsReferences: [Bool]

    /// An array property with its names lowercased once, for matching flattened variables.
    struct ArrayProperty: Sendable {
        let position: Int
        let name: String
        let variableName: String?
        /// The embedded class of an object array (its members are flattened by name).
        let objectClassName: String?
    }

    /// ``PropertyDefinition/ReferenceMarker`` with the package property of a program reference
    /// as a position (`nil` when the class has no such property).
    enum ReferenceRole: Sendable {
        case package, image, packageList, applicationList, taskSequence
        case program(packagePosition: Int?)
    }

    /// Where a variable resolved, without copying the property: its position in
    /// ``properties``, and for flattened arrays the element and the embedded class's member.
    struct Match {
        let position: Int
        var element: Int?
        /// For a member of a flattened object array: the embedded class and the member's
        /// position in it (a match is copied often; a definition is large).
        var memberClass: ResolvedClass?
        var memberPosition = 0

        /// The embedded class's property for flattened objects (`Type` in `Partitions0Type`).
        var member: PropertyDefinition? { memberClass.map { $0.properties[memberPosition] } }
        var hasMember: Bool { memberClass != nil }

        /// Whether the variable holds an array's element count (see ``ResolvedProperty``).
        func isElementCount(in resolvedClass: ResolvedClass) -> Bool {
            element == nil && memberClass == nil && resolvedClass.isArray[position]
        }
    }

    init(definition: ClassDefinition, classes: [ClassDefinition], index: [String: Int]) {
        var chain: [ClassDefinition] = [definition]
        var current = definition
        while let superclass = current.superclass, let position = index[superclass.lowercased()], chain.count < 32 {
            current = classes[position]
            chain.append(current)
        }
        // A subclass may restate an inherited property.
        let (properties, byName) = lastOfEachName(chain.reversed().lazy.flatMap(\.declaredProperties), name: \.name)
        var byVariableName: [String: Int] = [:]
        for (position, property) in properties.enumerated() {
            if let name = property.variableName?.lowercased(), byVariableName[name] == nil {
                byVariableName[name] = position
            }
        }
        self.name = definition.name
        self.kind = definition.kind
        self.isAbstract = definition.isAbstract
        self.properties = properties
        let propertyNames = CaseInsensitivePositions(lowercased: byName, names: properties.enumerated().map { ($0.element.name, $0.offset) })
        self.propertyNames = propertyNames
        self.variableNames = CaseInsensitivePositions(lowercased: byVariableName, names: properties.enumerated().compactMap { entry in
            entry.element.variableName.map { ($0, entry.offset) }
        })
        self.isActionWithReferences = definition.kind == .action && properties.contains { $0.reference != nil }
        self.deploysOperatingSystem = definition.deploysOperatingSystem
        self.windowsPESetting = definition.windowsPESetting
        self.requirementPositions = properties.indices.filter { position in
            let property = properties[position]
            guard case .variable = property.storage, property.defaultValue == nil else { return false }
            return property.requirement != .optional || property.requiredIfNull != nil || property.requiredIfNotNull != nil
        }
        self.arrays = properties.indices.filter { properties[$0].type.isArray }.map {
            ArrayProperty(position: $0, name: properties[$0].name.lowercased(), variableName: properties[$0].variableName?.lowercased(),
                          objectClassName: properties[$0].type.objectClassName)
        }
        self.isArray = properties.map(\.type.isArray)
        self.isWrittenAsVariable = properties.map { if case .variable = $0.storage { true } else { false } }
        let roles: [ReferenceRole?] = properties.map { property in
            switch property.reference {
            case .package?: .package
            case .image?: .image
            case .packageList?: .packageList
            case .applicationList?: .applicationList
            case .taskSequence?: .taskSequence
            case .program(let packageProperty)?: .program(packagePosition: propertyNames.position(of: packageProperty))
            case nil: nil
            }
        }
        var feedsReferences = roles.map { $0 != nil }
        for case .program(let packagePosition?)? in roles { feedsReferences[packagePosition] = true }
        self.referenceRoles = roles
        self.feedsReferences = feedsReferences
    }

    /// The property `variable` carries: its `property` attribute first, then its name against
    /// the properties' task sequence variable names (``ActionCatalog/resolve(_:inClass:)``).
    func match(_ variable: Variable, catalog: ActionCatalog) -> Match? {
        match(variable.property, byVariableName: false, catalog: catalog) ?? match(variable.name, byVariableName: true, catalog: catalog)
    }

    /// The position of the property named `name` (case-insensitive), not an array member.
    func position(ofProperty name: String) -> Int? {
        propertyNames.position(of: name)
    }

    func resolvedProperty(_ match: Match) -> ResolvedProperty {
        ResolvedProperty(property: properties[match.position], element: match.element, member: match.member)
    }

    func match(_ key: String, byVariableName: Bool, catalog: ActionCatalog) -> Match? {
        // Each table asked in place: `byVariableName ? variableNames : propertyNames` copied
        // one out, retaining and releasing its five tables on every call.
        let found = byVariableName ? variableNames.position(of: key) : propertyNames.position(of: key)
        if let found { return Match(position: found) }
        guard !arrays.isEmpty else { return nil }
        if let flattened = flattenedMatch(ascii: key, byVariableName: byVariableName, catalog: catalog) { return flattened }
        let lowered = key.lowercased()
        // Flattened arrays: <base><index><member>, e.g. OSDPartitions0Type or Partitions0Type.
        for array in arrays {
            guard let base = byVariableName ? array.variableName : array.name, lowered.hasPrefix(base) else { continue }
            let rest = lowered.dropFirst(base.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let element = Int(digits) else { continue }
            let memberName = rest.dropFirst(digits.count)
            if let match = flattenedMatch(array, element: element, memberName: String(memberName), catalog: catalog) { return match }
        }
        return nil
    }

    /// The flattened-array match of an ASCII `key` found on its bytes (the names' ASCII case
    /// folded, the index read as digits), as the lowercased walk below finds it; `nil` when the
    /// key is not ASCII and only that walk can tell. A few variables of every file get here
    /// (OSDPartitions0Type, or none of the class's names), and lowercasing and slicing the key
    /// character by character cost several thousand instructions each.
    private func flattenedMatch(ascii key: String, byVariableName: Bool, catalog: ActionCatalog) -> Match?? {
        var key = key
        return key.withUTF8 { bytes -> Match?? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            for array in arrays {
                guard let base = byVariableName ? array.variableName : array.name else { continue }
                var baseLength = 0
                var matchesBase = true
                for byte in base.utf8 {
                    guard baseLength < bytes.count, ByteScan.foldedASCII(bytes[baseLength]) == byte else { matchesBase = false; break }
                    baseLength += 1
                }
                guard matchesBase else { continue }
                var end = baseLength, element = 0, overflowed = false
                while end < bytes.count, bytes[end] &- UInt8(ascii: "0") < 10 {
                    let (times10, overflow1) = element.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(Int(bytes[end] &- UInt8(ascii: "0")))
                    element = sum
                    overflowed = overflowed || overflow1 || overflow2
                    end += 1
                }
                guard end > baseLength, !overflowed else { continue }
                // As written: the member is looked up without regard to case.
                let memberName = String(decoding: UnsafeBufferPointer(rebasing: bytes[end...]), as: UTF8.self)
                if let match = flattenedMatch(array, element: element, memberName: memberName, catalog: catalog) { return .some(match) }
            }
            return .some(nil)
        }
    }

    /// Element `element` of `array`, with `memberName` naming a member of its embedded class
    /// (without regard to case) or, for other arrays, empty.
    private func flattenedMatch(_ array: ArrayProperty, element: Int, memberName: String, catalog: ActionCatalog) -> Match? {
        if let embeddedClass = array.objectClassName {
            guard let memberClass = catalog.resolvedClass(embeddedClass),
                  let memberPosition = memberClass.position(ofProperty: memberName) else { return nil }
            return Match(position: array.position, element: element, memberClass: memberClass, memberPosition: memberPosition)
        }
        return memberName.isEmpty ? Match(position: array.position, element: element) : nil
    }
}
