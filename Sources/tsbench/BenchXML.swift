import TaskSequenceModel
import TaskSequenceXML

enum TaskSequenceBenchXML {
    static func write(_ sequence: TaskSequence) throws -> String { try TaskSequenceWriter().sequenceXML(sequence) }
}
