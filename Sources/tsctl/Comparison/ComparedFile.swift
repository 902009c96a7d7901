import Foundation
import TaskSequenceModel
import TaskSequenceXML

/// A task sequence file named to `diff`: exactly one sequence, with its package properties when
/// the format carries them.
struct ComparedFile {
    let path: String
    let document: TaskSequenceDocument

    /// Formats that carry package properties (a bare sequence or MDT ts.xml does not).
    private static let packageFormats: Set<DocumentFormat> = [.objectXML, .package2007, .zip]

    init(path: String, limits: XMLLimits) throws(InputFileError) {
        self.path = path
        let file = InputFile(path: path)
        let data = try file.read(limits: limits)
        let documents: [TaskSequenceDocument]
        do {
            documents = try TaskSequenceReader(limits: limits).documents(from: data)
        } catch {
            throw InputFileError(line: file.diagnostic(for: error))
        }
        guard documents.count == 1, let document = documents.first else {
            throw InputFileError(line: "\(path): holds \(documents.count) task sequences; diff compares one with one (export a single package)")
        }
        self.document = document
    }

    /// The file as one side of a diff: steps are matched by class, name and position (files
    /// carry no StepIDs); package properties only when asked for and the format has them.
    func compared(properties: Bool) -> ComparedSequence {
        ComparedSequence(
            sequence: document.sequence,
            properties: properties && Self.packageFormats.contains(document.format) ? document.package : nil
        )
    }
}
