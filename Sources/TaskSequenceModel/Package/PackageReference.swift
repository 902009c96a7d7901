/// A package, program or application that a sequence's steps use
/// (SMS_TaskSequence_Reference; on the bus `a(sss)`).
public struct PackageReference: Sendable, Hashable, Codable, Comparable {
    /// PackageID of the referenced package (empty for application references).
    public var package: String
    /// Program name for Install Package steps; ``anyProgram`` for a package used without a
    /// program; empty for application references.
    public var program: String
    /// Application model name for Install Application steps, else empty.
    public var application: String

    public init(package: String, program: String = "", application: String = "") {
        self.package = package
        self.program = program
        self.application = application
    }

    /// The Program ConfigMgr records for a package a step uses as a whole.
    public static let anyProgram = "*"

    public static func < (lhs: PackageReference, rhs: PackageReference) -> Bool {
        (lhs.package, lhs.program, lhs.application) < (rhs.package, rhs.program, rhs.application)
    }
}
