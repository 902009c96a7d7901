/// The methods the provider serves, per class, as its D-Bus contract defines them (docs/dbus-api.md):
/// the instance methods of a package and the class methods of SMS_TaskSequencePackage.
enum MethodTable {
    static func methods(of className: String) -> [ClassSchema.Method] {
        switch className {
        case ClassName.taskSequencePackage: taskSequencePackage
        case ClassName.userClassPermissions, ClassName.userInstancePermissions: permissionEntry
        default: []
        }
    }

    private static let packageReference = ClassSchema.Parameter("Package", cimType: "ref:\(ClassName.taskSequencePackage)", signature: "o")

    static let permissionEntry: [ClassSchema.Method] = [
        ClassSchema.Method(
            name: "Delete",
            summary: "Revokes the entry's rights; deleting class rights deletes the principal's instance rights on that class too."
        ),
    ]

    static let taskSequencePackage: [ClassSchema.Method] = [
        ClassSchema.Method(
            name: "GetSequence",
            outParameters: [.string("Sequence")],
            summary: "The sequence XML (<sequence …>), secrets blanked."
        ),
        ClassSchema.Method(
            name: "SetSequence",
            inParameters: [.string("Sequence"), .uint32("ExpectedSourceVersion")],
            outParameters: [.uint32("SourceVersion")],
            summary: "Replaces the sequence; ExpectedSourceVersion 0 skips the stale check. Recomputes References, Type and TaskSequenceFlags and returns the new SourceVersion."
        ),
        ClassSchema.Method(
            name: "Export",
            inParameters: [.options("Options")],
            outParameters: [.string("Xml")],
            summary: "The package as XML: format 'package' (the ConfigMgr 2007 wrapper, default) or 'sequence'; secrets blanked."
        ),
        ClassSchema.Method(
            name: "Delete",
            summary: "Deletes the package and its sequence."
        ),
        ClassSchema.Method(
            name: "ImportSequence",
            isStatic: true,
            inParameters: [.string("Sequence")],
            outParameters: [.string("Sequence")],
            summary: "Validates a sequence and returns it in canonical form, secrets blanked; changes nothing."
        ),
        ClassSchema.Method(
            name: "Import",
            isStatic: true,
            inParameters: [.string("Data"), .options("Options")],
            outParameters: [packageReference],
            summary: "Creates a package from any supported export: bare sequence, 2007 wrapper, 2012+ object.xml, MDT ts.xml."
        ),
        ClassSchema.Method(
            name: "ImportFd",
            isStatic: true,
            inParameters: [ClassSchema.Parameter("Fd", cimType: "fd", signature: "h"), .options("Options")],
            outParameters: [packageReference],
            summary: "Import, reading the export from a file descriptor, for payloads too large for a message."
        ),
        ClassSchema.Method(
            name: "CreateFromTemplate",
            isStatic: true,
            inParameters: [.string("Template"), .options("Params")],
            outParameters: [packageReference],
            summary: "Creates a package holding the sequence the Create Task Sequence Wizard writes for a template (install-image, build-and-capture, custom)."
        ),
        ClassSchema.Method(
            name: "GetTemplates",
            isStatic: true,
            outParameters: [.options("Templates")],
            summary: "The templates CreateFromTemplate takes, with their parameters."
        ),
        ClassSchema.Method(
            name: "GetTemplate",
            isStatic: true,
            inParameters: [.string("Name")],
            outParameters: [.options("Template")],
            summary: "One template and its parameters."
        ),
    ]
}
