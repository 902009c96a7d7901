/// A validated D-Bus object path such as `/org/example/Thing1`.
///
/// libdbus aborts the whole process when handed an invalid path, so every path is checked when
/// it is created. Paths compare and sort by their text.
public struct ObjectPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The path text.
    public let rawValue: String

    /// The root path `/`.
    public static let root = ObjectPath(unchecked: "/")

    /// Validates a path: `/` alone, or `/`-separated non-empty elements of `[A-Za-z0-9_]`
    /// with no trailing slash.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` saying why the text is not a path.
    public init(_ rawValue: String) throws {
        if let problem = ObjectPath.problem(in: rawValue) {
            throw DBusError.invalidArgs("'\(rawValue)' is not a valid object path: \(problem)")
        }
        self.rawValue = rawValue
    }

    /// For text libdbus already validated (incoming messages) or built from valid parts.
    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// The path text.
    public var description: String { rawValue }

    /// Paths sort by their text.
    public static func < (lhs: ObjectPath, rhs: ObjectPath) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether `text` is a valid object path.
    public static func isValid(_ text: String) -> Bool { problem(in: text) == nil }

    /// Whether `text` is a valid single path element (`[A-Za-z0-9_]+`).
    public static func isValidElement(_ text: some StringProtocol) -> Bool {
        !text.utf8.isEmpty && text.utf8.allSatisfy(isElementByte)
    }

    /// The same for a `String`, checked here rather than through the generic
    /// `StringProtocol` witnesses a caller in another module would go through (they showed
    /// in the profile of every path a query reply carries).
    public static func isValidElement(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in !bytes.isEmpty && bytes.allSatisfy(isElementByte) }
    }

    /// The elements of the path; empty for `/`.
    public var components: [Substring] {
        Self.elements(of: rawValue[...])
    }

    /// The last element, or `nil` for `/`.
    public var lastComponent: Substring? {
        guard rawValue != "/", let slash = rawValue.lastIndex(of: "/") else { return nil }
        return rawValue[rawValue.index(after: slash)...]
    }

    /// The path one level up, or `nil` for `/`.
    public var parent: ObjectPath? {
        guard rawValue != "/", let slash = rawValue.lastIndex(of: "/") else { return nil }
        if slash == rawValue.startIndex { return .root }
        return ObjectPath(unchecked: String(rawValue[..<slash]))
    }

    /// This path with one more element.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when `element` is not a valid path element; use
    ///   ``appending(escaping:)`` for arbitrary text.
    public func appending(_ element: some StringProtocol) throws -> ObjectPath {
        try appending(String(element))
    }

    /// This path with one more element.
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` when `element` is not a valid path element.
    public func appending(_ element: String) throws -> ObjectPath {
        guard ObjectPath.isValidElement(element) else {
            throw DBusError.invalidArgs(
                "'\(element)' is not a valid object path element (use [A-Za-z0-9_], or escape it)")
        }
        return appendingUnchecked(element)
    }

    /// This path with one more element made from arbitrary text by ``escape(_:)``; never fails.
    public func appending(escaping label: String) -> ObjectPath {
        appendingUnchecked(ObjectPath.escape(label))
    }

    func appendingUnchecked(_ element: String) -> ObjectPath {
        rawValue == "/" ? ObjectPath(unchecked: "/" + element) : ObjectPath(unchecked: rawValue + "/" + element)
    }

    /// Whether this path is `other` or lies below it (`/a/b` is within `/a`, `/ab` is not).
    public func isWithin(_ other: ObjectPath) -> Bool {
        if other.rawValue == "/" { return true }
        guard rawValue.hasPrefix(other.rawValue) else { return false }
        let rest = rawValue.utf8.dropFirst(other.rawValue.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }

    /// The elements below `ancestor`, or `nil` when this path is not within it.
    public func components(below ancestor: ObjectPath) -> [Substring]? {
        guard isWithin(ancestor) else { return nil }
        let rest = rawValue.utf8.dropFirst(ancestor.rawValue == "/" ? 0 : ancestor.rawValue.utf8.count)
        return Self.elements(of: Substring(rest))
    }

    /// The `/`-separated elements of (part of) a path, split on bytes: paths are ASCII, and
    /// the generic `split` walks grapheme clusters — it showed in every call's profile.
    private static func elements(of text: Substring) -> [Substring] {
        // A plain scan: even the byte-wise generic `split` showed in every call's profile.
        let bytes = text.utf8
        var elements: [Substring] = []
        var start = bytes.startIndex, index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "/") {
                if start != index { elements.append(text[start..<index]) }
                start = bytes.index(after: index)
            }
            bytes.formIndex(after: &index)
        }
        if start != bytes.endIndex { elements.append(text[start..<bytes.endIndex]) }
        return elements
    }

    // MARK: Escaping (systemd's bus_label_escape)

    /// Escapes arbitrary text into one valid path element the way systemd does
    /// (`bus_label_escape`): every byte that is not an ASCII letter, or a digit after the first
    /// position, becomes `_` and two lowercase hex digits; the empty string becomes `_`.
    public static func escape(_ label: String) -> String {
        let bytes = Array(label.utf8)
        if bytes.isEmpty { return "_" }
        let hex = Array("0123456789abcdef".utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isLetter || (isDigit && index > 0) {
                escaped.append(byte)
            } else {
                escaped.append(UInt8(ascii: "_"))
                escaped.append(hex[Int(byte >> 4)])
                escaped.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Reverses ``escape(_:)`` (systemd's `bus_label_unescape`): `_` alone is the empty string,
    /// `_xx` is the byte `xx`, and anything else stays as it is.
    public static func unescape(_ element: some StringProtocol) -> String {
        let bytes = Array(element.utf8)
        if bytes == [UInt8(ascii: "_")] { return "" }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x61...0x66: return byte - 0x61 + 10
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }

    private static func isElementByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
    }

    private static func problem(in text: String) -> String? {
        let bytes = text.utf8
        guard bytes.first == UInt8(ascii: "/") else { return "it must start with '/'" }
        if bytes.count == 1 { return nil }
        if bytes.last == UInt8(ascii: "/") { return "it must not end with '/'" }
        var previousWasSlash = false
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                if previousWasSlash { return "it must not contain '//'" }
                previousWasSlash = true
            } else {
                guard isElementByte(byte) else {
                    return byte == 0 ? "it contains a NUL character" : "elements may only contain [A-Za-z0-9_]"
                }
                previousWasSlash = false
            }
        }
        return nil
    }
}
