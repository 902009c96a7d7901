/// Rewrites the store's `?` placeholders as PostgreSQL's `$1`, `$2` … so that SQL is written
/// once for both engines.
///
/// A `?` inside a string literal (`'…'`, `E'…'`, `$tag$…$tag$`), a quoted identifier (`"…"`) or
/// a comment (`-- …`, `/* … */`, nested as PostgreSQL nests them) is text, not a placeholder,
/// and is left as written.
enum PlaceholderRenumbering {
    /// The rewritten statement and how many placeholders it has.
    static func renumber(_ sql: String) -> (sql: String, count: Int) {
        let source = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(source.count + 8)
        var count = 0
        var index = 0
        while index < source.count {
            let byte = source[index]
            switch byte {
            case UInt8(ascii: "?"):
                count += 1
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: Array(String(count).utf8))
                index += 1
            case UInt8(ascii: "'"):
                let escapes = index > 0 && (source[index - 1] == UInt8(ascii: "E") || source[index - 1] == UInt8(ascii: "e"))
                    && (index < 2 || !isIdentifierByte(source[index - 2]))
                index = copyQuoted(source, from: index, quote: byte, backslashEscapes: escapes, into: &output)
            case UInt8(ascii: "\""):
                index = copyQuoted(source, from: index, quote: byte, backslashEscapes: false, into: &output)
            case UInt8(ascii: "-") where next(source, index) == UInt8(ascii: "-"):
                let end = source[index...].firstIndex(of: UInt8(ascii: "\n")) ?? source.count
                output.append(contentsOf: source[index..<end])
                index = end
            case UInt8(ascii: "/") where next(source, index) == UInt8(ascii: "*"):
                index = copyBlockComment(source, from: index, into: &output)
            case UInt8(ascii: "$") where index == 0 || !isIdentifierByte(source[index - 1]):
                index = copyDollarQuoted(source, from: index, into: &output)
            default:
                output.append(byte)
                index += 1
            }
        }
        return (String(decoding: output, as: UTF8.self), count)
    }

    private static func next(_ source: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < source.count ? source[index + 1] : nil
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte >= 0x80
    }

    /// Copies a quoted literal or identifier through its closing quote; a doubled quote is an
    /// escaped quote, as is a backslash-escaped one in `E'…'`.
    private static func copyQuoted(_ source: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool, into output: inout [UInt8]) -> Int {
        var index = start + 1
        while index < source.count {
            let byte = source[index]
            if backslashEscapes && byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == quote {
                if next(source, index) == quote {
                    index += 2
                    continue
                }
                index += 1
                break
            }
            index += 1
        }
        let end = min(index, source.count)
        output.append(contentsOf: source[start..<end])
        return end
    }

    private static func copyBlockComment(_ source: [UInt8], from start: Int, into output: inout [UInt8]) -> Int {
        var depth = 0
        var index = start
        while index < source.count {
            if source[index] == UInt8(ascii: "/") && next(source, index) == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if source[index] == UInt8(ascii: "*") && next(source, index) == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { break }
            } else {
                index += 1
            }
        }
        let end = min(index, source.count)
        output.append(contentsOf: source[start..<end])
        return end
    }

    /// `$tag$ … $tag$` (tag possibly empty); a `$` that does not open one (`$1`) is copied alone.
    private static func copyDollarQuoted(_ source: [UInt8], from start: Int, into output: inout [UInt8]) -> Int {
        var tagEnd = start + 1
        while tagEnd < source.count, source[tagEnd] != UInt8(ascii: "$") {
            let byte = source[tagEnd]
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isIdentifierByte(byte), !(digit && tagEnd == start + 1) else {
                output.append(source[start])
                return start + 1
            }
            tagEnd += 1
        }
        guard tagEnd < source.count else {
            output.append(source[start])
            return start + 1
        }
        let tag = Array(source[start...tagEnd])
        var index = tagEnd + 1
        while index < source.count {
            if source[index] == UInt8(ascii: "$"), index + tag.count <= source.count, Array(source[index..<index + tag.count]) == tag {
                index += tag.count
                output.append(contentsOf: source[start..<index])
                return index
            }
            index += 1
        }
        output.append(contentsOf: source[start..<source.count])
        return source.count
    }
}
