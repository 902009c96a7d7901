import Foundation
import TaskSequenceXML

/// A file named on the command line, and how problems with it are reported.
struct InputFile {
    let path: String

    /// The file's bytes; `-` reads standard input. A file over the codec's size limit is refused
    /// before it is read into memory.
    func read(limits: XMLLimits = .default) throws(InputFileError) -> Data {
        do {
            if path == "-" { return try readStandardInput(limit: limits.maximumBytes) }
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= limits.maximumBytes else {
                throw InputFileError(line: diagnostic(for: .tooLarge(limit: limits.maximumBytes, size: size)))
            }
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch let error as InputFileError {
            throw error
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw InputFileError(line: "\(path): cannot read the file: \(reason)")
        }
    }

    /// Standard input, read in chunks so that an endless stream stops at the limit.
    private func readStandardInput(limit: Int) throws -> Data {
        var data = Data()
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
            guard data.count <= limit else {
                throw InputFileError(line: diagnostic(for: .tooLarge(limit: limit, size: data.count)))
            }
        }
        return data
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
