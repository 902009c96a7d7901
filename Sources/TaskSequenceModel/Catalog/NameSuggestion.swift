/// "Did you mean …?" for names a caller misspelt: the nearest of the names a class has.
public enum NameSuggestion {
    /// The name of `candidates` that `name` most likely misspells (one edit up to 7
    /// characters, two from 8 on; case is ignored), if any.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        NameDistance.nearest(to: name, among: candidates)
    }

    /// `; did you mean X?` when a candidate is near `name`, else empty: ready to append to a
    /// message that names the unknown name.
    public static func clause(for name: String, among candidates: [String]) -> String {
        nearest(to: name, among: candidates).map { "; did you mean \($0)?" } ?? ""
    }
}
