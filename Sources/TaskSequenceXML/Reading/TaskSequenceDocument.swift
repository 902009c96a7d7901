import TaskSequenceModel

/// A task sequence as read from a file: its sequence, the package properties the file carried
/// and which format it was.
public struct TaskSequenceDocument: Sendable, Hashable {
    /// The format of the file (for a zip, `.zip`; the package inside is an `object.xml`).
    public var format: DocumentFormat
    /// The package properties the container carried; defaults for a bare `<sequence>` (an MDT
    /// sequence's `name` and `description` fill ``PackageProperties/name`` and
    /// ``PackageProperties/description``).
    public var package: PackageProperties
    /// The sequence, with everything the model does not interpret kept in place.
    public var sequence: TaskSequence
    /// For a zip export, the path of the `object.xml` inside it; nested zips are joined with `/`
    /// (`Outer.zip/Inner.zip/SMS_TaskSequencePackage/PS100004/object.xml`).
    public var archiveMember: String?
    /// What validation warned about (a reader with ``TaskSequenceReader/validation`` set): rules
    /// real exports break, which an import keeps and reports. Empty when not validated.
    public var warnings: [ValidationIssue] = []
    /// Warnings found beyond ``ImportValidation/defaultWarningLimit``, only counted.
    public var omittedWarnings = 0

    /// The warnings one line each, as an import stores and returns them.
    public var listedWarnings: [String] { ImportValidation.listed(warnings, omitted: omittedWarnings) }

    public init(format: DocumentFormat, package: PackageProperties = PackageProperties(), sequence: TaskSequence, archiveMember: String? = nil) {
        self.format = format
        self.package = package
        self.sequence = sequence
        self.archiveMember = archiveMember
    }
}
