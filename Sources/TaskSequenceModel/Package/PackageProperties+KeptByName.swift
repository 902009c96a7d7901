/// Typed reads of the properties kept by name that clients show beside the fields: what
/// ``PackageProperties/value(of:)`` holds, with the default when a value has another shape.
extension PackageProperties {
    /// PkgFlags: package flag bits.
    public var pkgFlags: UInt32 { number("PkgFlags") }
    /// Priority: the send priority.
    public var priority: UInt32 { number("Priority") }
    /// SourceSize: the content size the exporting site computed.
    public var sourceSize: UInt32 { number("SourceSize") }
    /// SedoObjectVersion: the optimistic-concurrency version the exporting site gave it.
    public var sedoObjectVersion: String {
        if case .text(let text)? = value(of: "SedoObjectVersion") { text } else { "" }
    }
    /// SecuredScopeNames: the security scopes the package belongs to.
    public var securedScopeNames: [String] { texts("SecuredScopeNames") }
    /// LocalizedCategoryInstanceNames: localized category names.
    public var localizedCategoryInstanceNames: [String] { texts("LocalizedCategoryInstanceNames") }

    private func number(_ name: String) -> UInt32 {
        if case .number(let number)? = value(of: name) { number } else { 0 }
    }

    private func texts(_ name: String) -> [String] {
        if case .texts(let texts)? = value(of: name) { texts } else { [] }
    }
}
