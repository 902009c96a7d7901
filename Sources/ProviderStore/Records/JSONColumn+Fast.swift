import TaskSequenceModel

/// Hand-written JSON for every value an import stores as JSON text.
///
/// Foundation's `JSONEncoder` took almost half of an import's instructions (tens of thousands
/// of small attribute lists per corpus), and still about a thousand instructions a value where
/// it remained (layouts keeping whole nodes, expressions keeping markup, package properties).
/// These write the very text `JSONColumn.encodeWithEncoder` writes — same shape, sorted keys,
/// same escapes — so stored text does not depend on which path wrote it (a test compares them
/// on the whole corpus); reading still goes through `JSONDecoder` where the fast reader does
/// not take the text.
extension JSONColumn {
    /// The text `write` puts in a `JSONText` of `capacity` bytes to start with.
    private static func written(capacity: Int, _ write: (inout JSONText) -> Void) -> String {
        var json = JSONText(capacity: capacity)
        write(&json)
        return json.string
    }

    /// `[["name","value"],…]`, as `AttributeList` encodes itself.
    static func encode(_ list: AttributeList) throws -> String {
        written(capacity: JSONText.length(of: list) + 16) { $0.append(list) }
    }

    /// A container's layout: markers and whole nodes alike.
    static func encode(_ layout: [LayoutEntry]) throws -> String {
        written(capacity: 2 + layout.count * 64) { $0.append(layout) }
    }

    /// A condition expression's properties, foreign markup among them or not.
    static func encode(_ entries: [VariableListEntry]) throws -> String {
        written(capacity: 2 + entries.count * 64) { $0.append(entries) }
    }

    /// Markup kept verbatim (a variable list's or a condition's foreign entry).
    static func encode(_ markup: Markup) throws -> String {
        written(capacity: 128) { $0.append(markup) }
    }

    static func encode(_ strings: [String]) throws -> String {
        written(capacity: 2 + strings.count * 32) { $0.append(strings) }
    }

    static func encode(_ references: [PackageReference]) throws -> String {
        written(capacity: 2 + references.count * 64) { $0.append(references) }
    }

    static func encode(_ instances: [EmbeddedInstance]) throws -> String {
        written(capacity: 2 + instances.count * 128) { $0.append(instances) }
    }

    /// A package's properties (a revision image's `properties`).
    static func encode(_ properties: PackageProperties) throws -> String {
        written(capacity: 512 + properties.references.count * 64) { $0.append(properties) }
    }
}
