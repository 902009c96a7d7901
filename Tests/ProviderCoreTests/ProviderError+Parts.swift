import ProviderCore

/// The parts of the service's error messages that tests check one by one.
extension ProviderError {
    /// An invalid query's token, position and message, read back from the
    /// `at POSITION near 'TOKEN': message` the service words it in; `nil` for other errors.
    var queryParts: (token: String, position: Int, message: String)? {
        guard case .invalidQuery(let text) = self, text.hasPrefix("at "),
              let near = text.range(of: " near '"), let position = Int(text[text.index(text.startIndex, offsetBy: 3)..<near.lowerBound]),
              let end = text[near.upperBound...].range(of: "': ")
        else { return nil }
        return (String(text[near.upperBound..<end.lowerBound]), position, String(text[end.upperBound...]))
    }

    /// The name of the argument an `invalidArguments` error names (`argument NAME: problem`);
    /// `nil` for other errors.
    var argumentName: String? {
        guard case .invalidArguments(let text) = self, text.hasPrefix("argument "), let colon = text.range(of: ": ") else { return nil }
        return String(text[text.index(text.startIndex, offsetBy: 9)..<colon.lowerBound])
    }
}
