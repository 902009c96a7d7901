import ArgumentParser
import TaskSequenceModel

/// `tsctl package`: task sequence packages (Get-/New-/Set-/Remove-CMTaskSequence).
struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "List, show, create, copy, change, enable, disable and delete task sequence packages, and find what uses a package.",
        subcommands: [
            PackageListCommand.self, PackageShowCommand.self, PackageCreateCommand.self, PackageSetCommand.self, PackageDeleteCommand.self,
            PackageEnableCommand.self, PackageDisableCommand.self, PackageTemplatesCommand.self, PackageUsedByCommand.self,
            PackageCopyCommand.self,
        ]
    )
}

/// How package properties are shown and read on the command line.
enum PackageText {
    static func type(_ type: UInt32) -> String {
        switch type {
        case 1: "generic"
        case 2: "os-deployment"
        default: String(type)
        }
    }

    /// Seconds since 1970 as `2024-01-31 12:00:00` (UTC); empty for 0 (unknown).
    static func date(_ seconds: Int64) -> String {
        date(CIMDateTime.wireText(fromSeconds: seconds))
    }

    /// `20240131120000.000000+000` → `2024-01-31 12:00:00`; other text as it is.
    static func date(_ cim: String) -> String {
        let digits = Array(cim.prefix(14))
        guard digits.count == 14, digits.allSatisfy(\.isNumber) else { return cim }
        let text = String(digits)
        func part(_ from: Int, _ length: Int) -> Substring {
            text.dropFirst(from).prefix(length)
        }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2)) \(part(8, 2)):\(part(10, 2)):\(part(12, 2))"
    }
}
