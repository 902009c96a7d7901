/// The console wizard's CSV format for Import Computer Information: `Name,SMBIOS GUID,MAC
/// Address[,Source Computer]` per line, an optional header line, empty lines ignored. A field
/// may be quoted (`"..."`, `""` for a quote).
enum ComputerCSV {
    /// A line with content: the entry it gives, or what is wrong with it.
    struct Line {
        var number: Int
        var name: String
        var content: Result<ComputerEntry, LineProblem>
    }

    /// What is wrong with a line, as the report says it.
    struct LineProblem: Error {
        var message: String
    }

    static func parse(_ text: String) -> [Line] {
        var lines: [Line] = []
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in rawLines.enumerated() {
            let number = index + 1
            let content = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if content.allSatisfy(\.isWhitespace) { continue }
            let fields: [String]
            switch split(content) {
            case .success(let parsed): fields = parsed
            case .failure(let problem):
                lines.append(Line(number: number, name: "", content: .failure(problem)))
                continue
            }
            if lines.isEmpty, isHeader(fields) { continue }
            lines.append(line(number: number, fields: fields))
        }
        return lines
    }

    private static func line(number: Int, fields: [String]) -> Line {
        let name = fields.first?.trimmingWhitespace ?? ""
        guard (3...4).contains(fields.count) else {
            return Line(number: number, name: name, content: .failure(LineProblem(
                message: "\(fields.count) field\(fields.count == 1 ? "" : "s"); expected Name,SMBIOS GUID,MAC Address[,Source Computer]")))
        }
        let mac = fields[2].trimmingWhitespace
        let source = fields.count == 4 ? fields[3].trimmingWhitespace : ""
        let entry = ComputerEntry(name: name, macAddresses: mac.isEmpty ? [] : [mac], smbiosGUID: fields[1], sourceComputer: source.isEmpty ? nil : source)
        return Line(number: number, name: name, content: .success(entry))
    }

    /// Whether the first line names the columns rather than a computer.
    private static func isHeader(_ fields: [String]) -> Bool {
        guard fields.count >= 2 else { return false }
        let first = fields[0].trimmingWhitespace.lowercased()
        let second = fields[1].trimmingWhitespace.lowercased()
        return first.contains("name") && (second.contains("guid") || second.contains("smbios"))
    }

    /// The fields of one line, quotes honoured.
    private static func split(_ line: Substring) -> Result<[String], LineProblem> {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        if quoted { return .failure(LineProblem(message: "a quoted field is not closed")) }
        fields.append(field)
        return .success(fields)
    }
}
