/// Calendar arithmetic for the dates the object model carries: proleptic Gregorian, UTC, no
/// Foundation calendar (Howard Hinnant's `days_from_civil` and its inverse).
public enum CivilCalendar {
    /// Days since 1970-01-01.
    public static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`).
    public static func date(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Seconds since the epoch of a date and time of day; `nil` when a field is out of range.
    public static func seconds(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), (0..<24).contains(hour), (0..<60).contains(minute), (0..<61).contains(second) else {
            return nil
        }
        return daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// The date and time of day of `seconds` since the epoch.
    public static func components(ofSeconds seconds: Int64) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = date(daysSinceEpoch: days)
        return (date.year, date.month, date.day, secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60)
    }
}

/// CIM (DMTF) datetimes, as WMI writes them: `yyyymmddHHMMSS.mmmmmmsUUU`, the last part being
/// minutes east of UTC. The object model keeps datetimes as seconds since 1970-01-01 UTC.
public enum CIMDateTime {
    /// Seconds since the epoch of a CIM datetime; the fraction and offset may be missing (then
    /// UTC). `nil` when the first 14 characters are not a valid date and time.
    public static func seconds(from text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 14,
              let year = digits(bytes, 0, 4), let month = digits(bytes, 4, 2), let day = digits(bytes, 6, 2),
              let hour = digits(bytes, 8, 2), let minute = digits(bytes, 10, 2), let second = digits(bytes, 12, 2),
              let local = CivilCalendar.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        guard bytes.count >= 25, bytes[21] == UInt8(ascii: "+") || bytes[21] == UInt8(ascii: "-"), let offset = digits(bytes, 22, 3) else {
            return local
        }
        return local - (bytes[21] == UInt8(ascii: "-") ? -offset : offset) * 60
    }

    /// Like ``seconds(from:)``, with the six-digit fraction: microseconds since the epoch, for
    /// comparisons finer than a second.
    public static func microseconds(from text: String) -> Int64? {
        guard let seconds = seconds(from: text) else { return nil }
        let bytes = Array(text.utf8)
        let fraction = bytes.count >= 21 && bytes[14] == UInt8(ascii: ".") ? digits(bytes, 15, 6) ?? 0 : 0
        return seconds * 1_000_000 + fraction
    }

    /// The CIM datetime of `seconds` since the epoch, in UTC (`…000000+000`).
    public static func text(fromSeconds seconds: Int64) -> String {
        let parts = CivilCalendar.components(ofSeconds: seconds)
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + pad(parts.hour, 2) + pad(parts.minute, 2)
            + pad(parts.second, 2) + ".000000+000"
    }

    /// The provider's wire form of a time: the CIM datetime of `seconds`, empty for 0 (unknown
    /// or never set).
    public static func wireText(fromSeconds seconds: Int64) -> String {
        seconds > 0 ? text(fromSeconds: seconds) : ""
    }

    /// A zero-padded decimal of `width` digits.
    public static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The decimal number in `bytes[start..<start+count]`, or `nil` if any byte is not a digit.
    public static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
