/// A stress run that cannot go on (set-up failed, the daemon would not start): the message says
/// what and where.
struct StressFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
