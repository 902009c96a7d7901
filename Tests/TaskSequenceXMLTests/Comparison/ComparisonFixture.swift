import Foundation
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// A corpus sequence with StepIDs, and copies of it edited by path, for diff and merge tests.
struct ComparisonFixture {
    /// MDT's standard client sequence: 11 groups, 42 steps, conditions, Run Command Line steps
    /// with a (blank) run-as password.
    static let mdtClient = "erikpt__Modern-Deployment-Toolkit__DeployXMLExamples__001__ts.xml"
    static let bitLocker = "DeploymentResearch__DRFiles__Scripts__TaskSequences__TS-BitLocker.zip__SMS_TaskSequencePackage__PS100294__object.xml"

    let sequence: TaskSequence
    let properties: PackageProperties

    init(_ name: String = mdtClient) throws {
        let document = try TaskSequenceReader().document(from: Fixtures.data(name))
        sequence = document.sequence
        properties = document.package
    }

    /// StepIDs `prefix1`, `prefix2` … in document order.
    static func stepIDs(of sequence: TaskSequence, prefix: String) -> [StepPath: String] {
        var ids: [StepPath: String] = [:]
        sequence.forEachStep { path, _ in ids[path] = prefix + String(ids.count + 1) }
        return ids
    }

    /// The original, identified by its own StepIDs `S1`, `S2` ….
    var original: ComparedSequence {
        .identifiedByStepIDs(sequence, properties: properties, stepIDs: Self.stepIDs(of: sequence, prefix: "S"))
    }

    /// `edited` as a copy of the original: its steps' identities are the original's StepIDs
    /// (lineage), found through `origin` (copy path → original path; unchanged paths by default).
    func copy(_ edited: TaskSequence, properties: PackageProperties? = nil, origin: [StepPath: StepPath?] = [:]) -> ComparedSequence {
        let originalIDs = Self.stepIDs(of: sequence, prefix: "S")
        var identities: [StepPath: StepIdentity] = [:]
        edited.forEachStep { path, _ in
            let source = origin[path] ?? path
            if let source, let id = originalIDs[source] { identities[path] = StepIdentity(id) }
        }
        return ComparedSequence(
            sequence: edited, properties: properties ?? self.properties,
            identities: identities, stepIDs: Self.stepIDs(of: edited, prefix: "C")
        )
    }

    /// The path whose text form is `text` (`group[1]/step[2]`).
    func path(_ text: String, in sequence: TaskSequence? = nil) -> StepPath? {
        var found: StepPath?
        (sequence ?? self.sequence).forEachStep { path, _ in if path.description == text { found = path } }
        return found
    }
}

extension TaskSequence {
    /// This sequence with the step at `path` (text form) changed by `body`.
    func editing(_ path: String, _ body: (inout Step) -> Void) -> TaskSequence {
        var result = self
        result.updateEachStep { stepPath, step in if stepPath.description == path { body(&step) } }
        return result
    }

    /// The step at `path` (text form).
    func step(_ path: String) -> Step? {
        var found: Step?
        forEachStep { stepPath, step in if stepPath.description == path { found = step } }
        return found
    }
}
