import TaskSequenceModel

/// CIM datetimes in queries: `WHERE SourceDate > '20240101000000.000000+000'`.
///
/// Accepts the DMTF form WMI uses (``CIMDateTime``) and ISO 8601 dates (`2024-01-01`,
/// `2024-01-01T12:00:00Z`, `2024-01-01 12:00:00`); times without an offset are UTC. The provider
/// keeps datetimes as seconds since 1970-01-01 UTC.
enum DateTimeLiteral {
    /// Seconds since 1970 for `text`, or `nil` when it is neither form.
    static func seconds(from text: String) -> Int64? {
        let bytes = Array(text.utf8)
        // Only the full DMTF shape counts as DMTF here: a bare 14-digit number is not a date literal.
        if bytes.count == 25, bytes[14] == UInt8(ascii: "."), bytes[21] == UInt8(ascii: "+") || bytes[21] == UInt8(ascii: "-") {
            return CIMDateTime.digits(bytes, 15, 6) == nil ? nil : CIMDateTime.seconds(from: text)
        }
        return isoSeconds(bytes)
    }

    /// The DMTF text of `seconds` (UTC).
    static func dmtf(_ seconds: Int64) -> String {
        CIMDateTime.text(fromSeconds: seconds)
    }

    private static func isoSeconds(_ bytes: [UInt8]) -> Int64? {
        let number = { (start: Int, count: Int) in CIMDateTime.digits(bytes, start, count) }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        var end = 10
        if end < bytes.count, bytes[end] == UInt8(ascii: "T") || bytes[end] == UInt8(ascii: " ") {
            guard bytes.count >= 19, bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  let h = number(11, 2), let m = number(14, 2), let s = number(17, 2) else { return nil }
            (hour, minute, second) = (h, m, s)
            end = 19
        }
        guard end == bytes.count || (end + 1 == bytes.count && bytes[end] == UInt8(ascii: "Z")) else { return nil }
        return CivilCalendar.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
