/// The forms a package can be exported in (`Export`, `ExportData`, `tsctl export`).
public enum ExportFormat: String, CaseIterable, Sendable, Hashable, Codable {
    /// The ConfigMgr 2007 `<SmsTaskSequencePackage>` wrapper: package properties plus the
    /// sequence. What another site imports as a whole package.
    case package
    /// The bare `<sequence>`: what `GetSequence` returns, without secrets.
    case sequence
    /// The ConfigMgr 2012+ `object.xml`: CIM-XML with every package property, the sequence in
    /// CDATA.
    case object
    /// The `Export-CMTaskSequence` zip holding `SMS_TaskSequencePackage/<PackageID>/object.xml`:
    /// what current ConfigMgr imports. Binary: only `ExportData` returns it.
    case zip

    /// Whether the export is text (every format but ``zip``).
    public var isText: Bool { self != .zip }
}
