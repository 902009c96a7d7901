extension TaskSequence {
    /// The packages, programs and applications the sequence references, as SetSequence computes
    /// SMS_TaskSequencePackage.References: first what the steps name, then any `<referenceList>`
    /// entries; without duplicates, in document order.
    ///
    /// A step's references come from the properties the catalog marks with a reference
    /// qualifier, in the order its variables are written:
    /// - `TaskSequencePackage` (PackageID, ImagePackageID, DriverPackageID, ClientPackageID …):
    ///   one package, with program `*` as ConfigMgr records a package used without a program
    ///   (every reference in the corpus's object.xml files: Download Package Content, Upgrade
    ///   OS, Run PowerShell Script, Setup Windows and ConfigMgr);
    /// - `TaskSequencePackageList` (DownloadPackages): each package of the comma-separated list,
    ///   program `*`;
    /// - `TaskSequenceProgram` (Install Package's ProgramName): the package with its program,
    ///   instead of the bare package;
    /// - `TaskSequenceApplication` (Install Application's ApplicationName): each application;
    /// - Run Task Sequence's TsPackageID: the child sequence with program `*`.
    ///
    /// Disabled steps count: their content is still referenced. Values holding `%Variable%`
    /// references are resolved only at run time and are left out. PackageIDs compare without
    /// regard to case.
    public func references(catalog: ActionCatalog = .builtIn) -> [PackageReference] {
        var collector = ReferenceCollector()
        forEachStepWithDepth { _, step in
            guard step.kind != .group else { return }
            collector.collect(from: step, catalog: catalog)
        }
        for attributes in referenceList?.references ?? [] {
            let package = attributes["package"] ?? ""
            collector.add(PackageReference(
                package: package,
                // An entry naming no program is the package as a whole, as a step's would be.
                program: attributes["program"] ?? (package.isEmpty ? "" : PackageReference.anyProgram),
                application: attributes["application"] ?? ""
            ))
        }
        return collector.references
    }

    /// The references whose package is not among `known` PackageIDs (compared without regard to
    /// case): what sets TaskSequenceFlags' DANGLING_REF bit. Application references are left
    /// out; they name application models, not packages.
    public func danglingReferences(known: Set<String>, catalog: ActionCatalog = .builtIn) -> [PackageReference] {
        references(catalog: catalog).dangling(known: known)
    }
}

extension Array where Element == PackageReference {
    /// The references whose package is not among `known` PackageIDs (case-insensitive).
    public func dangling(known: Set<String>) -> [PackageReference] {
        let knownIDs = Set(known.map { $0.uppercased() })
        return filter { !$0.package.isEmpty && !knownIDs.contains($0.package.uppercased()) }
    }
}

/// Gathers references in order, dropping duplicates.
struct ReferenceCollector {
    private(set) var references: [PackageReference] = []
    private var seen: Set<[String]> = []

    mutating func add(_ reference: PackageReference) {
        let reference = PackageReference(
            package: reference.package.trimmingSpaces.description,
            program: reference.program.trimmingSpaces.description,
            application: reference.application.trimmingSpaces.description
        )
        guard !(reference.package.isEmpty && reference.application.isEmpty) else { return }
        let key = [reference.package.uppercased(), reference.program.lowercased(), reference.application.lowercased()]
        if seen.insert(key).inserted { references.append(reference) }
    }

    mutating func collect(from step: Step, catalog: ActionCatalog) {
        let className = step.catalogClassName
        // A class none of whose properties is a reference adds nothing (most steps).
        guard let resolvedClass = catalog.resolvedClass(className), resolvedClass.isActionWithReferences,
              let list = step.variables else { return }

        // By property position: the value of the first variable that sets it; and the
        // reference properties in the order their variables are written.
        var values = [String?](repeating: nil, count: resolvedClass.properties.count)
        var order: [Int] = []
        for case .variable(let variable) in list.entries {
            guard let match = resolvedClass.match(variable, catalog: catalog), match.element == nil, match.member == nil,
                  values[match.position] == nil else { continue }
            values[match.position] = variable.value
            if resolvedClass.properties[match.position].reference != nil { order.append(match.position) }
        }
        func valueOfProperty(named propertyName: String) -> String? {
            resolvedClass.position(ofProperty: propertyName).flatMap { values[$0] }
        }
        // A package named together with a program is referenced as that program only.
        var packagesWithProgram: Set<Int> = []
        for position in order {
            if case .program(let packageProperty) = resolvedClass.properties[position].reference,
               let packagePosition = resolvedClass.position(ofProperty: packageProperty),
               let package = values[packagePosition], Self.isLiteral(package) {
                packagesWithProgram.insert(packagePosition)
            }
        }
        for position in order {
            let value = values[position] ?? ""
            switch resolvedClass.properties[position].reference {
            case .package?, .image?:
                if !packagesWithProgram.contains(position), Self.isLiteral(value) {
                    add(PackageReference(package: value, program: PackageReference.anyProgram))
                }
            case .packageList?:
                for package in Self.list(value) { add(PackageReference(package: package, program: PackageReference.anyProgram)) }
            case .applicationList?:
                for application in Self.list(value) { add(PackageReference(package: "", application: application)) }
            case .taskSequence?:
                if Self.isLiteral(value) { add(PackageReference(package: value, program: PackageReference.anyProgram)) }
            case .program(let packageProperty)?:
                if let package = valueOfProperty(named: packageProperty), Self.isLiteral(package) {
                    add(PackageReference(package: package, program: Self.isLiteral(value) ? value : ""))
                }
            case nil:
                break
            }
        }
    }

    /// A value that names something now, not through a `%Variable%` expanded at run time.
    private static func isLiteral(_ value: String) -> Bool {
        !value.containsPercentSign && !value.trimmingSpaces.isEmpty
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.description.trimmingSpaces.description }.filter(isLiteral)
    }
}
