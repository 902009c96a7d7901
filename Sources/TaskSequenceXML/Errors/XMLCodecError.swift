import TaskSequenceModel

/// Everything that can go wrong reading or writing task sequence XML.
///
/// Match broadly (`catch let error as XMLCodecError`) or exactly
/// (`catch XMLCodecError.malformed(let line, let column, _)`). Every case's ``description`` reads
/// `LINE:COLUMN: what was wrong / what was expected` when the problem has a position in the
/// input, and `what was wrong / what was expected` otherwise.
public enum XMLCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input holds no bytes (or only whitespace).
    case empty
    /// The input is larger than the configured limit; nothing was parsed.
    case tooLarge(limit: Int, size: Int)
    /// Elements nest deeper than the configured limit (or libxml2's own limit of 256).
    case tooDeep(limit: Int, line: Int, column: Int)
    /// The input is not well-formed XML; `message` is libxml2's explanation.
    case malformed(line: Int, column: Int, message: String)
    /// The document has a `<!DOCTYPE …>`. Task sequence files never have one, and a DTD is how
    /// entity bombs and external entities get in, so any DOCTYPE is refused.
    case forbiddenDTD(line: Int, column: Int)
    /// Well-formed XML, but its root is none of the task sequence formats.
    case notATaskSequence(rootElement: String, line: Int)
    /// A container (2007 wrapper, `object.xml`, zip) that does not hold what that format holds.
    case unsupportedContainer(String)
    /// A `.zip` that ZIPFoundation cannot read, or that holds no task sequence package.
    case invalidArchive(String)
    /// A zip holds several task sequence packages and the caller asked for one.
    case severalPackages([String])
    /// The requested package is not in the zip.
    case packageNotFound(String, available: [String])
    /// A model value cannot be written as XML (an invalid name or character); `path` locates it.
    case unwritable(path: String, reason: String)
    /// An error inside a member of a zip export.
    indirect case inArchiveMember(String, XMLCodecError)
    /// The sequence breaks rules of the object model that even an import enforces (a reader
    /// with ``TaskSequenceReader/validation`` set): every error, in document order, up to the
    /// limit, and the warnings found with them.
    case invalidSequence(ImportValidation)

    /// The error with any zip member context removed.
    public var rootCause: XMLCodecError {
        if case .inArchiveMember(_, let error) = self { return error.rootCause }
        return self
    }

    /// Line of the problem in the input, when it has one (1-based).
    public var line: Int? {
        switch self {
        case .tooDeep(_, let line, _), .malformed(let line, _, _), .forbiddenDTD(let line, _): line
        case .notATaskSequence(_, let line): line
        case .inArchiveMember(_, let error): error.line
        default: nil
        }
    }

    /// Column of the problem in the input, when it has one (1-based).
    public var column: Int? {
        switch self {
        case .tooDeep(_, _, let column), .malformed(_, let column, _), .forbiddenDTD(_, let column): column
        case .notATaskSequence: 1
        case .inArchiveMember(_, let error): error.column
        default: nil
        }
    }

    /// What was wrong and what was expected, without the position.
    public var message: String {
        switch self {
        case .empty:
            "the input is empty; expected a <sequence>, <SmsTaskSequencePackage> or object.xml document, or a .zip export"
        case .tooLarge(let limit, let size):
            "the input is \(size) bytes, over the limit of \(limit) bytes; a larger limit is needed to read it"
        case .tooDeep(let limit, _, _):
            "elements nest more than \(limit) levels deep, over the limit; real task sequences nest a few levels"
        case .malformed(_, _, let message):
            message
        case .forbiddenDTD:
            "the document has a <!DOCTYPE>; DTDs and entity declarations are not allowed in task sequence files"
        case .notATaskSequence(let root, _):
            "the root element is <\(root)>; expected <sequence>, <SmsTaskSequencePackage> or <INSTANCE CLASSNAME=\"SMS_TaskSequencePackage\">"
        case .unsupportedContainer(let reason), .invalidArchive(let reason):
            reason
        case .severalPackages(let ids):
            "the archive holds \(ids.count) task sequence packages (\(ids.joined(separator: ", "))); choose one"
        case .packageNotFound(let id, let available):
            "the archive holds no package \(id); it holds \(available.isEmpty ? "none" : available.joined(separator: ", "))"
        case .unwritable(let path, let reason):
            "\(path): \(reason)"
        case .inArchiveMember(let member, let error):
            "in \(member): \(error.message)"
        case .invalidSequence(let found):
            found.errorSummary
        }
    }

    public var description: String {
        if let line, let column { "\(line):\(column): \(message)" } else { message }
    }
}
