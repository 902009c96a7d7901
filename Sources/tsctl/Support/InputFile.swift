import Foundation
import TaskSequenceXML

/// A file named on the command line, and how problems with it are reported.
struct InputFile {
    let path: String

    /// The file's bytes; `-` reads standard input.
    func read() throws(InputFileError) -> Data {
        do {
            if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw InputFileError(line: "\(path): cannot read the file: \(reason)")
        }
    }

    /// `FILE:LINE:COL: message` (or `FILE: message` when the error has no position).
    func diagnostic(for error: XMLCodecError) -> String {
        if let line = error.line, let column = error.column {
            return "\(path):\(line):\(column): \(error.message)"
        }
        return "\(path): \(error.message)"
    }
}

/// A problem reading an input file, already phrased as the line to print.
struct InputFileError: Error {
    let line: String
}
