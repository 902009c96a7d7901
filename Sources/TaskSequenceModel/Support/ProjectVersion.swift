/// The version of tsprovider, shared by `tsproviderd --version` and `tsctl --version`.
///
/// One constant for the daemon, the CLI and the SDK, so the two tools always report the same
/// release; change it here when cutting one.
public enum ProjectVersion {
    /// The release, `MAJOR.MINOR.PATCH`.
    public static let current = "0.11.0"
}
