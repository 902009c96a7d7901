import TaskSequenceModel
/// Conversions between the date forms package exports use and seconds since the Unix epoch.
/// Hand-written so the codec needs no calendar: all dates are proleptic Gregorian, UTC.
enum PackageDates {
    /// Seconds since the epoch of a CIM datetime (`20171207042144.000000+000`, the last part
    /// being minutes east of UTC); `nil` for anything else.
    static func seconds(fromCIMDateTime text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 14,
              let year = number(bytes, 0, 4), let month = number(bytes, 4, 2), let day = number(bytes, 6, 2),
              let hour = number(bytes, 8, 2), let minute = number(bytes, 10, 2), let second = number(bytes, 12, 2)
        else { return nil }
        var offsetMinutes: Int64 = 0
        if bytes.count >= 25, bytes[21] == UInt8(ascii: "+") || bytes[21] == UInt8(ascii: "-"),
           let minutes = number(bytes, 22, 3) {
            offsetMinutes = bytes[21] == UInt8(ascii: "-") ? -minutes : minutes
        }
        guard let local = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else { return nil }
        return local - offsetMinutes * 60
    }

    /// Seconds since the epoch of an xsd:dateTime (`2007-07-17T18:21:22`, optionally with a
    /// fraction and `Z` or `±hh:mm`; without a zone it is taken as UTC); `nil` for anything else.
    static func seconds(fromXSDDateTime text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
              let local = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        }
        guard index < bytes.count, bytes[index] != UInt8(ascii: "Z") else { return local }
        guard bytes.count - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
              let hours = number(bytes, index + 1, 2), let minutes = number(bytes, index + 4, 2) else { return nil }
        let offset = (hours * 60 + minutes) * 60
        return bytes[index] == UInt8(ascii: "-") ? local + offset : local - offset
    }

    /// The xsd:dateTime (UTC, no zone suffix, as the 2007 console wrote it) of `seconds`.
    static func xsdDateTime(fromSeconds seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
    }

    private static func seconds(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The inverse of ``CivilCalendar/daysSinceEpoch(year:month:day:)`` (civil_from_days).
    private static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        guard start + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
