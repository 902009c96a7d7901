import Foundation

/// A real current-branch object.xml made to carry what the corpus's exports leave empty: a
/// 57 KB icon starting like a PNG, a supported platform and non-default package values.
public enum WholePackageFixture {
    /// The export it starts from (MEM00169, three References with Program `*`).
    public static let baseName = "gwblok__garytown__hardware__HP__HPIA-RefFileTS__HPIA_Task_Sequence.zip__SMS_TaskSequencePackage__MEM00169__object.xml"

    /// 57 KB that start like a PNG file, as the icon of a real export does.
    public static let pngIcon: [UInt8] = {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var state: UInt32 = 12_345
        while bytes.count < 57 * 1024 {
            state = state &* 1_103_515_245 &+ 12_345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        return bytes
    }()

    /// What the file says besides the icon.
    public static let priority: UInt32 = 1
    public static let pkgFlags: UInt32 = 0x0100_0000
    public static let customProgressMessage = "Imaging, do not switch off"
    /// MaxVersion, MinVersion, Name, Platform.
    public static let platform = ("10.00.99999.9999", "10.00.0000.0", "Win NT", "x64")

    /// The enriched object.xml.
    public static func objectXML() throws -> Data {
        var text = String(decoding: try Fixtures.data(baseName), as: UTF8.self)
        func replaceProperty(_ name: String, element: String, with body: String) throws {
            guard let start = text.range(of: "<\(element) NAME=\"\(name)\""),
                  let open = text.range(of: ">", range: start.upperBound..<text.endIndex),
                  let end = text.range(of: "</\(element)>", range: start.upperBound..<text.endIndex)
            else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(baseName) has no \(element) \(name)"]) }
            text.replaceSubrange(open.upperBound..<end.lowerBound, with: body)
        }
        let icon = pngIcon.map { "<VALUE>\($0)</VALUE>" }.joined()
        try replaceProperty("Icon", element: "PROPERTY.ARRAY", with: "<VALUE.ARRAY>\(icon)</VALUE.ARRAY>")
        try replaceProperty("IconSize", element: "PROPERTY", with: "<VALUE>\(pngIcon.count)</VALUE>")
        try replaceProperty("Priority", element: "PROPERTY", with: "<VALUE>\(priority)</VALUE>")
        try replaceProperty("PkgFlags", element: "PROPERTY", with: "<VALUE>\(pkgFlags)</VALUE>")
        try replaceProperty("CustomProgressMsg", element: "PROPERTY", with: "<VALUE>\(customProgressMessage)</VALUE>")
        try replaceProperty("SupportedOperatingSystems", element: "PROPERTY.OBJECTARRAY", with: """
            <VALUE.OBJECTARRAY><VALUE.OBJECT><INSTANCE CLASSNAME="SMS_OS_Details">\
            <PROPERTY NAME="MaxVersion" TYPE="string"><VALUE>\(platform.0)</VALUE></PROPERTY>\
            <PROPERTY NAME="MinVersion" TYPE="string"><VALUE>\(platform.1)</VALUE></PROPERTY>\
            <PROPERTY NAME="Name" TYPE="string"><VALUE>\(platform.2)</VALUE></PROPERTY>\
            <PROPERTY NAME="Platform" TYPE="string"><VALUE>\(platform.3)</VALUE></PROPERTY>\
            </INSTANCE></VALUE.OBJECT></VALUE.OBJECTARRAY>
            """)
        return Data(text.utf8)
    }
}
