/// CIM datetimes in queries: `WHERE SourceDate > '20240101000000.000000+000'`.
///
/// Accepts the DMTF form WMI uses (`yyyymmddHHMMSS.mmmmmmsUUU`, the offset in minutes) and ISO
/// 8601 dates (`2024-01-01`, `2024-01-01T12:00:00Z`, `2024-01-01 12:00:00`); times without an
/// offset are UTC. The provider keeps datetimes as seconds since 1970-01-01 UTC.
enum DateTimeLiteral {
    /// Seconds since 1970 for `text`, or `nil` when it is neither form.
    static func seconds(from text: String) -> Int64? {
        let characters = Array(text)
        if characters.count == 25, characters[14] == ".", ["+", "-"].contains(characters[21]) {
            return dmtfSeconds(characters)
        }
        return isoSeconds(characters)
    }

    /// The DMTF text of `seconds` (UTC).
    static func dmtf(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(secondOfDay / 3_600, 2)
            + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + ".000000+000"
    }

    private static func dmtfSeconds(_ characters: [Character]) -> Int64? {
        guard let year = number(characters, 0, 4), let month = number(characters, 4, 2), let day = number(characters, 6, 2),
              let hour = number(characters, 8, 2), let minute = number(characters, 10, 2), let second = number(characters, 12, 2),
              number(characters, 15, 6) != nil, let offset = number(characters, 22, 3) else { return nil }
        guard let local = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else { return nil }
        return local - (characters[21] == "-" ? -offset : offset) * 60
    }

    private static func isoSeconds(_ characters: [Character]) -> Int64? {
        guard characters.count >= 10, characters[4] == "-", characters[7] == "-",
              let year = number(characters, 0, 4), let month = number(characters, 5, 2), let day = number(characters, 8, 2) else { return nil }
        var rest = Array(characters.dropFirst(10))
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        if let separator = rest.first, separator == "T" || separator == " " {
            guard rest.count >= 9, rest[3] == ":", rest[6] == ":",
                  let h = number(rest, 1, 2), let m = number(rest, 4, 2), let s = number(rest, 7, 2) else { return nil }
            (hour, minute, second) = (h, m, s)
            rest.removeFirst(9)
        }
        guard rest.isEmpty || rest == ["Z"] else { return nil }
        return seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    private static func number(_ characters: [Character], _ start: Int, _ length: Int) -> Int64? {
        guard start + length <= characters.count else { return nil }
        let slice = characters[start..<start + length]
        guard slice.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(String(slice))
    }

    private static func seconds(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    // Howard Hinnant's days-from-civil and its inverse (proleptic Gregorian calendar).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
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
}
