import DBusKit
import Testing

/// Object path validation, navigation, and systemd-compatible label escaping.
@Suite struct ObjectPathTests {
    @Test(arguments: ["/", "/a", "/org/example/Thing_1", "/A/b9/_"])
    func acceptsValidPaths(text: String) throws {
        #expect(try ObjectPath(text).rawValue == text)
    }

    @Test(arguments: ["", "a", "/a/", "//", "/a//b", "/a-b", "/a.b", "/ä", "/a\0b"])
    func rejectsInvalidPaths(text: String) {
        #expect(throws: DBusError.self) { try ObjectPath(text) }
        #expect(!ObjectPath.isValid(text))
    }

    @Test func navigates() throws {
        let path = try ObjectPath("/org/example/Items/42")
        #expect(path.components == ["org", "example", "Items", "42"])
        #expect(path.lastComponent == "42")
        #expect(path.parent == (try ObjectPath("/org/example/Items")))
        #expect(try ObjectPath("/org").parent == .root)
        #expect(ObjectPath.root.parent == nil)
        #expect(path.isWithin(try ObjectPath("/org/example")))
        #expect(path.isWithin(.root))
        #expect(!(try ObjectPath("/org/exampleX")).isWithin(try ObjectPath("/org/example")))
        #expect(path.isWithin(path))
        #expect(!(try ObjectPath("/org")).isWithin(try ObjectPath("/org/example")))
        #expect(!(try ObjectPath("/org/exampl")).isWithin(try ObjectPath("/org/example")))
        #expect(!(try ObjectPath("/org/example_")).isWithin(try ObjectPath("/org/example")))
        #expect(ObjectPath.root.isWithin(.root))
        #expect(!ObjectPath.root.isWithin(try ObjectPath("/org")))
        #expect(path.components(below: try ObjectPath("/org/example")) == ["Items", "42"])
        #expect(try ObjectPath.root.appending("org") == (try ObjectPath("/org")))
        #expect(throws: DBusError.self) { try path.appending("not valid") }
    }

    /// Expected values are what systemd's `bus_label_escape` produces.
    @Test(arguments: [
        ("", "_"),
        ("foo", "foo"),
        ("PS100004", "PS100004"),
        ("1foo", "_31foo"),
        ("a1", "a1"),
        ("foo.bar", "foo_2ebar"),
        ("foo_bar", "foo_5fbar"),
        ("dbus-org.freedesktop.Avahi.service", "dbus_2dorg_2efreedesktop_2eAvahi_2eservice"),
        ("ä", "_c3_a4"),
    ])
    func escapesLikeSystemd(label: String, escaped: String) {
        #expect(ObjectPath.escape(label) == escaped)
        #expect(ObjectPath.unescape(escaped) == label)
        #expect(ObjectPath.isValidElement(escaped))
        #expect(ObjectPath.root.appending(escaping: label).lastComponent.map(String.init) == escaped)
    }

    @Test func unescapeKeepsMalformedSequences() {
        #expect(ObjectPath.unescape("a_zz") == "a_zz")
        #expect(ObjectPath.unescape("a_4") == "a_4")
    }
}
