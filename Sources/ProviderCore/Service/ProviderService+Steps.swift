import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// The steps at the top of a package's sequence, in order.
    public func topLevelStepIDs(packageID: String, for caller: Caller) throws -> [Int64] {
        try childStepIDs(packageID: packageID, parentID: nil, for: caller)
    }

    /// The steps directly inside group `parentID` (`nil`: the top of the sequence), in order.
    public func childStepIDs(packageID: String, parentID: Int64?, for caller: Caller) throws -> [Int64] {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            if let parentID { _ = try stepRow(parentID, packageID: packageID, in: db) } else { _ = try packageRow(packageID, in: db) }
            return try SequenceTree.childStepIDs(packageID: packageID, parentID: parentID, in: db)
        }
    }

    /// A step's position among its siblings.
    public func stepIndex(_ stepID: Int64, packageID: String, for caller: Caller) throws -> Int {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            return try SequenceTree.index(of: stepRow(stepID, packageID: packageID, in: db), in: db)
        }
    }

    /// One step's properties and place: from ``readCache`` when they were read at the package's
    /// current SourceVersion.
    public func step(_ stepID: Int64, packageID: String, for caller: Caller) throws -> StoredStepInfo {
        let stamp = try readCacheStamp(of: packageID, for: caller)
        if let stamp, let cached = readCache.step(stepID, of: packageID, at: stamp) { return cached }
        let (info, readAt) = try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            let info = try stepInfo(try stepRow(stepID, packageID: packageID, in: db))
            return (info, stamp == nil ? nil : try packageStamp(packageID, in: db))
        }
        if let readAt { readCache.keep(info, at: readAt) }
        return info
    }

    /// The action's own settings (its `<defaultVarList>` as property → value), with Secret and
    /// QuasiSecret values blanked: they never leave the provider in clear. A Run Command Line
    /// step that keeps its command only in `<action>` (MDT's) has CommandLine from there, as
    /// queries read it; setting it writes `<action>` back (``Step/applySettings(_:catalog:)``).
    public func stepSettings(_ stepID: Int64, packageID: String, for caller: Caller) throws -> [(property: String, value: String)] {
        let stamp = try readCacheStamp(of: packageID, for: caller)
        if let stamp, let cached = readCache.settings(of: stepID, in: packageID, at: stamp) { return cached }
        let (settings, readAt) = try read(caller) { db in
            (try storedSettings(stepID, packageID: packageID, for: caller, in: db), stamp == nil ? nil : try packageStamp(packageID, in: db))
        }
        if let readAt { readCache.keep(settings: settings, of: stepID, in: packageID, at: readAt) }
        return settings
    }

    private func storedSettings(_ stepID: Int64, packageID: String, for caller: Caller, in db: StoreDatabase) throws -> StepSettingList {
        try require(.read, on: .package(packageID), for: caller, in: db)
        let row = try stepRow(stepID, packageID: packageID, in: db)
        let variables = try row.variableRows()
        var settings = variables.filter { $0.foreign == nil }.map { variable in
            (property: variable.property, value: ActionCatalog.builtIn.blanked(variable.value, property: variable.property, inClass: row.className))
        }
        let runsCommandLine = row.className.equalsIgnoringCase(RunCommandLineClass.name) || row.className == StepClass.untypedMDTStep
        if row.kind == .step, runsCommandLine, row.actionText != nil, !settings.contains(where: { $0.property.equalsIgnoringCase("CommandLine") }) {
            let step = try SequenceTree.loadShallow(row, in: db).step
            if step.keepsCommandLineInAction, let command = step.actionCommandLine {
                settings.append((property: "CommandLine", value: command))
            }
        }
        return settings
    }

    /// Adds a new step of `className` inside group `parentID` (`nil`: the top of the sequence)
    /// before the step now at `index` (`nil`, −1 or the number of steps there appends; anything
    /// outside −1…count is `invalidArgument`). `properties` holds the step's own
    /// properties (``StepProperty``: Name, Enabled …) and the action's settings, by WMI
    /// name, as text. Returns the new step's ID.
    public func addStep(
        className: String, properties: [String: String], packageID: String, parentID: Int64?, index: Int?, for caller: Caller
    ) throws -> Int64 {
        var own: [(StepProperty, String)] = []
        var settings: [String: String] = [:]
        for (name, value) in properties {
            if let property = StepProperty(caseInsensitive: name) { own.append((property, value)) } else { settings[name] = value }
        }
        var step: Step
        if className.equalsIgnoringCase(StepClass.group) {
            guard settings.isEmpty else { throw ProviderError.unknownProperty(named: settings.keys.sorted().joined(separator: ", ")) }
            step = Step.group(name: "")
        } else {
            do throws(CatalogError) {
                step = try ActionCatalog.builtIn.makeStep(ofClass: className, name: "", settings: settings)
            } catch {
                throw ProviderError(error)
            }
        }
        for (property, value) in own { try property.apply(value, to: &step) }
        return try insertStep(step, packageID: packageID, parentID: parentID, index: index, for: caller)
    }

    /// Inserts a ready-made step (with its children, for groups) and returns its ID.
    public func insertStep(_ step: Step, packageID: String, parentID: Int64?, index: Int?, for caller: Caller) throws -> Int64 {
        try Self.validate(step)
        return try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            try requireContainer(parentID, packageID: packageID, in: db)
            let siblings = try SequenceTree.childCount(packageID: packageID, parentID: parentID, checking: index, in: db)
            let slot = try Self.slot(index, siblings: siblings)
            let id = try SequenceTree.insert(step, packageID: packageID, parentID: parentID, at: slot, in: db)
            let affectsReferences = try SequenceTree.subtreeContributesFacts(stepID: id, in: db)
            try sequenceChanged(packageID, change: "step \(id) added", affectsReferences: affectsReferences, caller: caller, db: db, events: &events)
            events.append(ChangeRecord(kind: .created, className: step.className, object: .step(packageID: packageID, stepID: id)))
            events.append(containerChanged(packageID: packageID, parentID: parentID))
            return id
        }
    }

    /// Moves a step into group `parentID` (`nil`: the top) before the step now at `index`
    /// (−1…count of the target's children as they are now; −1 and count put it last); the step
    /// keeps its ID.
    public func moveStep(_ stepID: Int64, packageID: String, toParent parentID: Int64?, index: Int?, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let row = try stepRow(stepID, packageID: packageID, in: db)
            try requireContainer(parentID, packageID: packageID, in: db)
            // "Before the step now at index": the target's children as they are, the step
            // itself included when it stays in its parent (count and −1 both put it last).
            let siblings = try SequenceTree.childCount(packageID: packageID, parentID: parentID, checking: index, in: db)
            let slot = try Self.slot(index, siblings: siblings)
            try SequenceTree.move(stepID: stepID, toParent: parentID, at: slot, in: db)
            try sequenceChanged(packageID, change: "step \(stepID) moved", affectsReferences: false, caller: caller, db: db, events: &events)
            events.append(ChangeRecord(kind: .modified, className: row.className, object: .step(packageID: packageID, stepID: stepID), changedProperties: ["Parent", "Index"]))
            events.append(containerChanged(packageID: packageID, parentID: row.parentID))
            if row.parentID != parentID { events.append(containerChanged(packageID: packageID, parentID: parentID)) }
        }
    }

    /// Deletes a step and everything inside it.
    public func deleteStep(_ stepID: Int64, packageID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let row = try stepRow(stepID, packageID: packageID, in: db)
            let affectsReferences = try SequenceTree.subtreeContributesFacts(stepID: stepID, in: db)
            try SequenceTree.delete(stepID: stepID, in: db)
            try sequenceChanged(packageID, change: "step \(stepID) deleted", affectsReferences: affectsReferences, caller: caller, db: db, events: &events)
            events.append(ChangeRecord(kind: .deleted, className: row.className, object: .step(packageID: packageID, stepID: stepID)))
            events.append(containerChanged(packageID: packageID, parentID: row.parentID))
        }
    }

    /// Sets one of the step's own properties (``StepProperty``), given as text.
    public func setStepProperty(_ name: String, to value: String, stepID: Int64, packageID: String, for caller: Caller) throws {
        guard let property = StepProperty(caseInsensitive: name) else {
            let writable = StepProperty.allCases.map(\.rawValue)
            let suggestion = NameSuggestion.nearest(to: name, among: writable).map { "did you mean \($0)? " } ?? ""
            throw ProviderError.unknownProperty(named: "\(name) on \(StepClass.step); \(suggestion)a step's writable properties are \(writable.joined(separator: ", "))")
        }
        try updateStep(stepID, packageID: packageID, for: caller, change: "set \(property.rawValue)") { step in
            try property.apply(value, to: &step)
        }
    }

    /// Changes several action settings at once (`SetSettings`): all are applied or none. `nil`
    /// removes a setting; an empty value for a secret means "keep the stored one", since
    /// secrets are never sent to clients in clear.
    public func setStepSettings(_ changes: [String: String?], stepID: Int64, packageID: String, for caller: Caller) throws {
        try updateStep(stepID, packageID: packageID, for: caller, change: "set settings \(changes.keys.sorted().joined(separator: ","))") { step in
            guard !step.isGroup else { throw ProviderError.invalidArgument(name: "step", problem: "step \(stepID) is a group: it has no settings") }
            let className = step.className
            var effective: [String: String?] = [:]
            for (property, value) in changes {
                guard let value else {
                    effective[property] = .some(nil)
                    continue
                }
                // A blank secret keeps the stored one; so do blank secret rule variables.
                if value.isEmpty && ActionCatalog.builtIn.isSecret(property: property, inClass: className) { continue }
                effective[property] = ActionCatalog.builtIn.keepingSecrets(value, stored: step.setting(property), property: property, inClass: className) ?? value
            }
            do throws(CatalogError) {
                try step.applySettings(effective)
            } catch {
                throw ProviderError(error)
            }
        }
    }

    // MARK: Internals

    /// Applies `edit` to a step's own content (not its children), validates, saves. The step's
    /// row is read once and written once; its derived facts are computed here, once, and handed
    /// to the store with the row.
    private func updateStep(_ stepID: Int64, packageID: String, for caller: Caller, change: String, _ edit: (inout Step) throws -> Void) throws {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let shallow = try SequenceTree.loadShallow(stepRow(stepID, packageID: packageID, in: db), in: db)
            let before = shallow.step
            var step = before
            try edit(&step)
            guard step != before else { return }
            try Self.validate(step, shallow: true)
            var changed: [String] = []
            if step.attributes != before.attributes { changed += Self.changedStepProperties(before, step) }
            if step.variables != before.variables || step.actionCommandLine != before.actionCommandLine {
                changed += ["Settings", "ActionCommandLine"]
            }
            let facts = step.ownDerivedFacts()
            try SequenceTree.update(shallow, to: step, contributesFacts: !facts.isEmpty, in: db)
            let affectsReferences = facts != before.ownDerivedFacts()
            let summary = changed == ["Name"] ? "step \(stepID) renamed" : "step \(stepID): \(change)"
            try sequenceChanged(packageID, change: summary, affectsReferences: affectsReferences, caller: caller, db: db, events: &events)
            events.append(ChangeRecord(kind: .modified, className: step.className, object: .step(packageID: packageID, stepID: stepID), changedProperties: changed))
        }
    }

    /// The slot for an `index` argument among `siblings` children: −1 (or `nil`) appends, 0…siblings
    /// places before the child now there (`siblings` appends too); anything else is refused
    /// rather than clamped, so a client's off-by-one does not land a step somewhere unexpected.
    static func slot(_ index: Int?, siblings: Int) throws -> Int? {
        guard let index, index != -1 else { return nil }
        guard (0...siblings).contains(index) else {
            throw ProviderError.invalidArgument(
                name: "index", problem: "index \(index) is out of range: expected -1…\(siblings) (-1 appends)")
        }
        return index
    }

    /// Checks that `parentID` (`nil`: the top of the sequence) is a group of the package, naming
    /// the parent when it is missing or an action.
    func requireContainer(_ parentID: Int64?, packageID: String, in db: StoreDatabase) throws {
        guard let parentID else {
            _ = try packageRow(packageID, in: db)
            return
        }
        guard let parent = try StepRow.fetchOne(db, id: parentID), parent.packageID == packageID else {
            throw ProviderError.notFound(object: "parent group \(parentID) of package \(packageID)")
        }
        guard parent.kind == .group else {
            throw ProviderError.invalidArgument(name: "parent", problem: "step \(parentID) is an action (\(parent.className)), not a group")
        }
    }

    func stepRow(_ stepID: Int64, packageID: String, in db: StoreDatabase) throws -> StepRow {
        guard let row = try StepRow.fetchOne(db, id: stepID), row.packageID == packageID else {
            throw ProviderError.notFound(object: ObjectReference.step(packageID: packageID, stepID: stepID).relativePath)
        }
        return row
    }

    func stepInfo(_ row: StepRow) throws -> StoredStepInfo {
        guard let id = row.id else { throw ProviderError.storage("step row without ID") }
        return StoredStepInfo(
            id: id, packageID: row.packageID, parentID: row.parentID,
            kind: row.kind, className: row.className, name: row.name, description: row.description,
            enabled: row.enabled, continueOnError: row.continueOnError,
            supportedEnvironment: row.supportedEnvironment ?? (row.kind == .group ? "" : SupportedEnvironment.winPEAndFullOS),
            timeout: row.timeout ?? 0, actionCommandLine: row.actionText ?? "", hasCondition: row.hasCondition
        )
    }

    /// The event that says a container's `Steps` list changed.
    func containerChanged(packageID: String, parentID: Int64?) -> ChangeRecord {
        if let parentID {
            ChangeRecord(kind: .modified, className: StepClass.group, object: .step(packageID: packageID, stepID: parentID), changedProperties: ["Steps"])
        } else {
            ChangeRecord(kind: .modified, className: ClassName.taskSequence, object: .sequence(packageID: packageID), changedProperties: ["Steps"])
        }
    }

    /// Refuses a step that breaks a rule of the object model (errors only; warnings pass, as
    /// real administrators' files carry them).
    static func validate(_ step: Step, shallow: Bool = false) throws {
        var subject = step
        if shallow { subject.steps = [] }
        if let issue = subject.validate(catalog: .builtIn).first(where: { $0.severity == .error }) {
            let refusal = subject.refusal(for: issue)
            throw ProviderError.validationFailed(property: refusal.property, rule: refusal.rule)
        }
    }

    static func changedStepProperties(_ before: Step, _ after: Step) -> [String] {
        var changed: [String] = []
        if before.name != after.name { changed.append("Name") }
        if before.description != after.description { changed.append("Description") }
        if before.isEnabled != after.isEnabled { changed.append("Enabled") }
        if before.continueOnError != after.continueOnError { changed.append("ContinueOnError") }
        if before.supportedEnvironment != after.supportedEnvironment { changed.append("SupportedEnvironment") }
        if before.timeout != after.timeout { changed.append("Timeout") }
        return changed
    }
}


extension ProviderService {
    /// Every step and group of a package's sequence, in ID order (for the flat `Steps` node).
    public func allStepIDs(packageID: String, for caller: Caller) throws -> [Int64] {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            _ = try packageRow(packageID, in: db)
            return try StepRow.allIDs(db, packageID: packageID)
        }
    }
}

/// The class whose CommandLine MDT keeps in `<action>`.
enum RunCommandLineClass {
    static let name = "SMS_TaskSequence_RunCommandLineAction"
}
