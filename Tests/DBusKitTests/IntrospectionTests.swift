import DBusKit
import Testing
import TestSupport

/// Introspection XML and interface files come from the one declaration, deterministically.
@Suite struct IntrospectionTests {
    static let sample = DBusInterface<Void>("org.example.Sample1") {
        DBusMethod("Rename", inputs: [DBusArgument("name", .string)], outputs: [DBusArgument("previous", .string)]) { _, _ in [""] }
        DBusMethod("Ping") { _, _ in [] }
        DBusProperty("Name", String.self, get: { _, _ in "n" }, set: { _, _, _ in })
        DBusProperty("Size", .uint64, emitsChangedSignal: .invalidates) { _, _ in .uint64(1) }
        DBusSignal("Renamed", arguments: [DBusArgument("name", .string)])
        DBusAnnotation.deprecated
    }

    @Test func interfaceXMLIsExactAndOrdered() {
        let expected = """
            <!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
            <node>
              <interface name="org.example.Sample1">
                <annotation name="org.freedesktop.DBus.Deprecated" value="true"/>
                <method name="Rename">
                  <arg name="name" type="s" direction="in"/>
                  <arg name="previous" type="s" direction="out"/>
                </method>
                <method name="Ping"/>
                <signal name="Renamed">
                  <arg name="name" type="s"/>
                </signal>
                <property name="Name" type="s" access="readwrite"/>
                <property name="Size" type="t" access="read">
                  <annotation name="org.freedesktop.DBus.Property.EmitsChangedSignal" value="invalidates"/>
                </property>
              </interface>
            </node>

            """
        #expect(InterfaceFiles.contents(for: Self.sample.info) == expected)
        #expect(InterfaceFiles.contents(for: Self.sample.info) == InterfaceFiles.contents(for: Self.sample.info))
        #expect(InterfaceFiles.fileName(for: Self.sample.info) == "org.example.Sample1.xml")
    }

    @Test func attributeValuesAreEscaped() {
        let element = IntrospectionXML.interfaceElement(TestService.interface.info, indent: "")
        #expect(element.contains(#"value="a test &lt;interface&gt; &amp; more""#))
    }

    @Test func writesAndChecksInterfaceFiles() throws {
        let directory = try TemporaryDirectory()
        let interfaces = [Self.sample.info, TestService.interface.info]
        #expect(InterfaceFiles.check(interfaces, in: directory.path).map(\.problem) == ["file is missing", "file is missing"])
        try InterfaceFiles.write(interfaces, to: directory.path)
        #expect(InterfaceFiles.check(interfaces, in: directory.path).isEmpty)

        var changed = Self.sample.info
        changed.methods[0].outputs = []
        let mismatches = InterfaceFiles.check([changed], in: directory.path)
        #expect(mismatches.count == 1)
        #expect(mismatches.first?.problem.contains("line 8 differs") == true)
    }

    @Test func liveIntrospectionMatchesTheFiles() async throws {
        try await withService { service async throws in
            let directory = try TemporaryDirectory()
            try InterfaceFiles.write([TestService.interface.info, TestService.item.info], to: directory.path)
            let live = try await service.testObject.introspect()
            #expect(InterfaceFiles.checkIntrospection(live, against: directory.path).isEmpty)
            let item = try await service.proxy("/org/dbuskit/Items/5").introspect()
            #expect(InterfaceFiles.checkIntrospection(item, against: directory.path).isEmpty)

            // A file that drifted from the declaration is caught, naming the line.
            var drifted = TestService.interface.info
            drifted.properties.removeLast()
            try writeTextFile(directory.path + "/org.dbuskit.Test1.xml", InterfaceFiles.contents(for: drifted))
            let mismatches = InterfaceFiles.checkIntrospection(live, against: directory.path)
            #expect(mismatches.map(\.interface) == ["org.dbuskit.Test1"])
            #expect(mismatches.first?.problem.contains("Version") == true)
            let empty = try TemporaryDirectory()
            #expect(InterfaceFiles.checkIntrospection(live, against: empty.path).map(\.problem) == ["file is missing"])
        }
    }

    @Test func extractsInterfaceElementsFromDocuments() {
        let document = IntrospectionXML.document(interfaces: [.peer, Self.sample.info], children: ["a", "b"])
        let elements = IntrospectionXML.interfaceElements(in: document)
        #expect(Set(elements.keys) == ["org.freedesktop.DBus.Peer", "org.example.Sample1"])
        #expect(elements["org.example.Sample1"] == IntrospectionXML.interfaceElement(Self.sample.info, indent: "  "))
        #expect(IntrospectionXML.childNodes(in: document) == ["a", "b"])
    }

    @Test func invalidDeclarationsAreReported() throws {
        let badName = DBusInterface<Void>("nodots") { DBusMethod("M") { _, _ in [] } }
        #expect(throws: DBusError.self) { try badName.validate() }
        let duplicate = DBusInterface<Void>("org.example.Dup1") {
            DBusMethod("M") { _, _ in [] }
            DBusMethod("M") { _, _ in [] }
        }
        #expect(throws: DBusError.self) { try duplicate.validate() }
        let badKey = DBusInterface<Void>("org.example.Key1") {
            DBusProperty("P", .dictionary(key: .variant, value: .string)) { _, _ in .string("") }
        }
        #expect(throws: DBusError.self) { try badKey.validate() }
        try Self.sample.validate()
        try TestService.interface.validate()
        let directory = try TemporaryDirectory()
        #expect(InterfaceFiles.check([badName.info], in: directory.path).first?.problem.hasPrefix("invalid declaration") == true)
    }
}
