import TaskSequenceModel
import TaskSequenceXML

extension ProviderService {
    /// The Create Task Sequence Wizard's templates and their parameters; anyone the policy
    /// admits may read them.
    public func sequenceTemplates(for caller: Caller) throws -> [SequenceTemplate] {
        try policy.admit(caller)
        return SequenceTemplate.all
    }

    /// One template by name (any case); an unknown one is `notFound`.
    public func sequenceTemplate(_ name: String, for caller: Caller) throws -> SequenceTemplate {
        try policy.admit(caller)
        guard let template = SequenceTemplate.all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw ProviderError.notFound(object: "template '\(name)' (known: \(SequenceTemplate.all.map(\.name).joined(separator: ", ")))")
        }
        return template
    }

    /// Creates a package from a wizard template (CreateFromTemplate) and returns its PackageID.
    ///
    /// The package is stored as an import stores one: References, Type, BootImageID and
    /// TaskSequenceFlags (dangling references included) are derived the same way, the caller
    /// needs Create on SMS_TaskSequencePackage and gets Read, Modify and Delete on the new
    /// package. Secrets among the parameters are stored in the sequence and blanked wherever it
    /// is read back; the revision keeps them, as it does for an import (the store is private).
    ///
    /// - Throws: `invalidArgument` naming the parameter that is unknown, missing, malformed or
    ///   contradicts another; `accessDenied` without Create.
    public func createPackage(fromTemplate name: String, parameters: [String: TemplateValue], for caller: Caller) throws -> String {
        try policy.admit(caller)
        return try write(caller) { db, events in
            try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db)
            let result: TemplateResult
            do throws(TemplateError) {
                result = try SequenceTemplate.named(name).instantiate(parameters)
            } catch {
                throw ProviderError(error)
            }
            if let issue = result.sequence.firstValidationError() { throw ProviderError(issue) }
            return try insertPackage(result.package, sequence: result.sequence, change: "create from template \(name.lowercased())",
                                     payloadBytes: nil, caller: caller, db: db, events: &events)
        }
    }
}

extension ProviderError {
    /// A template refusal, naming the parameter at fault.
    init(_ error: TemplateError) {
        switch error {
        case .catalog: self = .validationFailed(property: "template", rule: error.description)
        default: self = .invalidArgument(name: error.parameter, problem: error.description)
        }
    }
}
