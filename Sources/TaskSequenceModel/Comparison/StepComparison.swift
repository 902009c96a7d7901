/// The step part of a diff.
struct StepComparison {
    let old: ComparedSequence
    let new: ComparedSequence
    let oldSteps: FlatSteps
    let newSteps: FlatSteps
    /// New path → old path.
    let pairs: [StepPath: StepPath]
    let pairedOld: Set<StepPath>
    let moved: Set<StepPath>
    let catalog: ActionCatalog

    init(old: ComparedSequence, new: ComparedSequence, catalog: ActionCatalog) {
        self.old = old
        self.new = new
        self.catalog = catalog
        oldSteps = FlatSteps(old.sequence)
        newSteps = FlatSteps(new.sequence)
        pairs = StepMatching.match(old: old, new: new)
        pairedOld = Set(pairs.values)
        moved = MoveDetection.movedSteps(old: oldSteps, new: newSteps, pairs: pairs)
    }

    func changes() -> [SequenceChange] {
        var changes: [SequenceChange] = []
        for entry in newSteps.entries {
            guard let oldPath = pairs[entry.path] else {
                // Only the top of an added subtree: the steps inside it came with it.
                if entry.parent.components.isEmpty || pairs[entry.parent] != nil {
                    changes.append(change(.stepAdded, entry, side: new, new: entry.step.className))
                }
                continue
            }
            guard let oldIndex = oldSteps.indexByPath[oldPath] else { continue }
            let oldEntry = oldSteps.entries[oldIndex]
            if moved.contains(entry.path) {
                var move = change(.stepMoved, entry, side: new)
                move.fromPath = oldPath.description
                changes.append(move)
            }
            changes += fieldChanges(from: oldEntry, to: entry)
        }
        for entry in oldSteps.entries where !pairedOld.contains(entry.path) {
            if entry.parent.components.isEmpty || pairedOld.contains(entry.parent) {
                changes.append(change(.stepRemoved, entry, side: old, old: entry.step.className))
            }
        }
        return changes
    }

    private func change(
        _ kind: SequenceChange.Kind, _ entry: FlatSteps.Entry, side: ComparedSequence,
        property: String? = nil, old: String? = nil, new: String? = nil, isSecret: Bool = false
    ) -> SequenceChange {
        SequenceChange(
            kind: kind, stepID: side.stepIDs[entry.path], name: entry.step.name, path: entry.path.description,
            property: property, old: old, new: new, isSecret: isSecret
        )
    }

    /// The field-by-field changes of a paired step, in ``StepField`` order.
    func fieldChanges(from oldEntry: FlatSteps.Entry, to newEntry: FlatSteps.Entry) -> [SequenceChange] {
        let before = StepField.fields(of: oldEntry.step)
        let after = StepField.fields(of: newEntry.step)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        let settingsChanged = changed.contains { if case .setting = $0 { true } else { false } }
        var changes: [SequenceChange] = []
        for field in changed {
            let was = before[field]
            let now = after[field]
            switch field {
            case .name:
                changes.append(change(.stepRenamed, newEntry, side: new, property: "Name", old: was?.shown, new: now?.shown))
            case .enabled:
                changes.append(change(now == .flag(false) ? .stepDisabled : .stepEnabled, newEntry, side: new, property: "Enabled", old: was?.shown, new: now?.shown))
            case .continueOnError:
                changes.append(change(.continueOnErrorChanged, newEntry, side: new, property: "ContinueOnError", old: was?.shown, new: now?.shown))
            case .description:
                changes.append(change(.descriptionChanged, newEntry, side: new, property: "Description", old: was?.shown, new: now?.shown))
            case .condition:
                changes.append(change(.conditionChanged, newEntry, side: new, property: "Condition", old: was?.shown, new: now?.shown))
            case .action where settingsChanged:
                // The console rewrites `<action>` from the settings: their change says it all.
                continue
            case .setting, .attribute, .action:
                let property = field.displayName(old: was, new: now)
                if isSecret(was, in: oldEntry.step) || isSecret(now, in: newEntry.step) {
                    changes.append(change(.settingChanged, newEntry, side: new, property: property, isSecret: true))
                } else {
                    changes.append(change(.settingChanged, newEntry, side: new, property: property, old: was?.shown, new: now?.shown))
                }
            }
        }
        return changes
    }

    private func isSecret(_ value: StepFieldValue?, in step: Step) -> Bool {
        guard case .variable(let variable)? = value else { return false }
        return step.secrecy(of: variable, catalog: catalog, secretNames: catalog.secretVariableNames) != .none
    }
}
