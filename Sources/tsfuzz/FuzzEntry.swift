import Foundation
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML

/// The code under fuzzing, one entry point per target. Each takes any bytes and must return
/// normally: a typed error is the right answer to bad input, a trap is a finding.
enum FuzzEntry: String, CaseIterable {
    /// The XML reader: every supported format from bytes, the string entry SetSequence uses, and
    /// writing back whatever was read.
    case xml
    /// The zip reader: ConfigMgr .zip exports (inputs get a zip signature if they lack one).
    case zip
    /// The WQL parser and translator, run as a query against a small store.
    case wql

    func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .xml: Self.readXML(Data(bytes))
        case .zip: Self.readZip(Data(bytes))
        case .wql: Self.runQuery(String(decoding: bytes, as: UTF8.self))
        }
    }

    private static let reader = TaskSequenceReader()
    private static let writer = TaskSequenceWriter()

    static func readXML(_ data: Data) {
        if let documents = try? reader.documents(from: data) {
            for document in documents { writeBack(document) }
        }
        if let text = String(data: data, encoding: .utf8) {
            if let document = try? reader.document(fromXML: text) { writeBack(document) }
            _ = try? reader.sequence(fromXML: text)
        }
    }

    static func readZip(_ data: Data) {
        var archive = data
        if !(archive.starts(with: [0x50, 0x4B, 3, 4]) || archive.starts(with: [0x50, 0x4B, 5, 6])) {
            archive.insert(contentsOf: [0x50, 0x4B, 3, 4], at: archive.startIndex)
        }
        for document in (try? reader.documents(from: archive)) ?? [] { writeBack(document) }
    }

    /// Serializing what was read must not trap either.
    private static func writeBack(_ document: TaskSequenceDocument) {
        _ = try? writer.sequenceXML(document.sequence)
        _ = try? writer.packageXML(document.sequence, properties: document.package)
    }

    static func runQuery(_ wql: String) {
        _ = try? QueryStore.shared?.service.execQuery(wql, for: .system)
    }
}
