/// The kind of file a task sequence was read from.
public enum DocumentFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// A bare ConfigMgr `<sequence>` document (Community Hub items, `SMS_TaskSequencePackage.Sequence`).
    case sequence
    /// An MDT `ts.xml` or template: a bare `<sequence>` that carries a `name` attribute.
    case mdt
    /// The ConfigMgr 2007 console export `<SmsTaskSequencePackage>`.
    case package2007
    /// A ConfigMgr 2012+ `object.xml` (CIM-XML `<INSTANCE CLASSNAME="SMS_TaskSequencePackage">`).
    case objectXML = "objectxml"
    /// A ConfigMgr 2012+ `.zip` export holding `SMS_TaskSequencePackage/<PackageID>/object.xml`.
    case zip
}
