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
        collector.collectReferenceList(of: self)
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

    /// The `<referenceList>` entries of `sequence`, which come after what its steps name.
    mutating func collectReferenceList(of sequence: TaskSequence) {
        for attributes in sequence.referenceList?.references ?? [] {
            let package = attributes["package"] ?? ""
            add(PackageReference(
                package: package,
                // An entry naming no program is the package as a whole, as a step's would be.
                program: attributes["program"] ?? (package.isEmpty ? "" : PackageReference.anyProgram),
                application: attributes["application"] ?? ""
            ))
        }
    }

    mutating func collect(from step: Step, catalog: ActionCatalog) {
        guard let resolvedClass = catalog.resolvedClass(step.catalogClassName) else { return }
        collect(from: step, of: resolvedClass, catalog: catalog)
    }

    /// ``collect(from:catalog:)`` with the step's class already looked up.
    mutating func collect(from step: Step, of resolvedClass: ResolvedClass, catalog: ActionCatalog) {
        // A class none of whose properties is a reference adds nothing (most steps).
        guard resolvedClass.isActionWithReferences, let list = step.variables else { return }

        // The value of the first variable that sets each property references read (reference
        // properties and the packages their programs name), in the order written: a step sets
        // a few of them among many other settings.
        var values: [(position: Int, value: String)] = []
        for case .variable(let variable) in list.entries {
            guard let match = resolvedClass.match(variable, catalog: catalog), match.element == nil, !match.hasMember,
                  resolvedClass.feedsReferences[match.position], !values.contains(where: { $0.position == match.position }) else { continue }
            values.append((match.position, variable.value))
        }
        guard !values.isEmpty else { return }
        // A package named together with a program is referenced as that program only.
        var packagesWithProgram: [Int] = []
        for (position, _) in values {
            if case .program(let packagePosition?)? = resolvedClass.referenceRoles[position],
               let package = Self.value(at: packagePosition, in: values), Self.isLiteral(package) {
                packagesWithProgram.append(packagePosition)
            }
        }
        for (position, value) in values {
            switch resolvedClass.referenceRoles[position] {
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
            case .program(let packagePosition)?:
                if let package = Self.value(at: packagePosition, in: values), Self.isLiteral(package) {
                    add(PackageReference(package: package, program: Self.isLiteral(value) ? value : ""))
                }
            case nil:
                break
            }
        }
    }

    /// The value kept for the property at `position`, if a variable set it.
    private static func value(at position: Int?, in values: [(position: Int, value: String)]) -> String? {
        guard let position else { return nil }
        return values.first { $0.position == position }?.value
    }

    /// A value that names something now, not through a `%Variable%` expanded at run time.
    private static func isLiteral(_ value: String) -> Bool {
        !value.containsPercentSign && !value.trimmingSpaces.isEmpty
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.description.trimmingSpaces.description }.filter(isLiteral)
    }
}
