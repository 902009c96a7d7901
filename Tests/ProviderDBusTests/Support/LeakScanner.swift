/// Finds IDs, names and secrets a principal must never see in what its clients printed.
struct LeakScanner {
    /// Texts that must not appear, each with what it is (for the failure message).
    private(set) var forbidden: [(text: String, what: String)]

    /// What `user` must not see in the fixture: each package it may not read (its PackageID,
    /// Name and Description) unless a permission entry it may see names that ID, and the
    /// secret, which nobody sees. `model` defaults to the fixture's.
    init(world: SecurityWorld, user: TestPrincipal, model: AccessModel? = nil) {
        let model = model ?? world.model
        let namedByEntries = Set(model.grants.filter { model.canSee(user, $0) }.compactMap(\.instanceKey))
        var forbidden: [(String, String)] = [(SecurityFixtureContent.secret, "P2's password")]
        for package in world.packages where !model.canRead(user, ObjectKey.taskSequencePackage, package.id) {
            if !namedByEntries.contains(package.id) { forbidden.append((package.id, "\(package.label)'s PackageID")) }
            forbidden.append((package.name, "\(package.label)'s Name"))
            forbidden.append((package.description, "\(package.label)'s Description"))
        }
        if !model.canRead(user, ObjectKey.smsPackage, world.s1.id) {
            if !namedByEntries.contains(world.s1.id) { forbidden.append((world.s1.id, "S1's PackageID")) }
            forbidden.append((world.s1.name, "S1's Name"))
        }
        self.forbidden = forbidden
    }

    /// Adds a text that must not appear.
    mutating func forbid(_ text: String, _ what: String) {
        forbidden.append((text, what))
    }

    /// The forbidden texts in `output`, described.
    func leaks(in output: String, source: String) -> [String] {
        forbidden.filter { output.contains($0.text) }.map { "\(source) leaks \($0.what) (\($0.text))" }
    }

    /// The leaks in a python session: every result, every error message of a call that did
    /// not itself name the text (a hidden object's error echoing the caller's own path is
    /// checked against its missing twin instead), and stderr.
    func leaks(in transcript: SessionTranscript, plan: [PlannedCall]) -> [String] {
        var found: [String] = []
        for call in plan {
            guard let outcome = transcript[call.id] else { continue }
            let named = call.inputTexts.joined(separator: "\n")
            for (text, what) in forbidden {
                let inResult = outcome.result.map { "\($0)".contains(text) } ?? false
                let inError = (outcome.errorMessage ?? "").contains(text) && !named.contains(text)
                if inResult || inError {
                    found.append("\(transcript.principal)'s call \(call.member) on \(call.path) leaks \(what): \(outcome)")
                }
            }
        }
        return found + leaks(in: transcript.standardError, source: "\(transcript.principal)'s python stderr")
    }
}
