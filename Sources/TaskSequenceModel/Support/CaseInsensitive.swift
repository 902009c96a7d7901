extension String {
    /// WMI and task sequence names compare without regard to case (`_SMSTSInWinPE` is
    /// `_smstsinwinpe`). Unicode lowercasing, no Foundation needed.
    package func equalsIgnoringCase(_ other: String) -> Bool {
        self == other || lowercased() == other.lowercased()
    }
}
