import TaskSequenceModel

/// The xsd:dateTime form the ConfigMgr 2007 wrapper uses for SourceDate. CIM datetimes
/// (object.xml) are the model's ``CIMDateTime``.
enum PackageDates {
    /// Seconds since the epoch of an xsd:dateTime (`2007-07-17T18:21:22`, optionally with a
    /// fraction and `Z` or `±hh:mm`; without a zone it is taken as UTC); `nil` for anything else.
    static func seconds(fromXSDDateTime text: String) -> Int64? {
        let bytes = Array(text.utf8)
        let number = { (start: Int, count: Int) in CIMDateTime.digits(bytes, start, count) }
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              let local = CivilCalendar.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        }
        guard index < bytes.count, bytes[index] != UInt8(ascii: "Z") else { return local }
        guard bytes.count - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
              let hours = number(index + 1, 2), let minutes = number(index + 4, 2) else { return nil }
        let offset = (hours * 60 + minutes) * 60
        return bytes[index] == UInt8(ascii: "-") ? local + offset : local - offset
    }

    /// The xsd:dateTime (UTC, no zone suffix, as the 2007 console wrote it) of `seconds`.
    static func xsdDateTime(fromSeconds seconds: Int64) -> String {
        let parts = CivilCalendar.components(ofSeconds: seconds)
        let pad = CIMDateTime.pad
        return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2) + "T"
            + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
    }
}
