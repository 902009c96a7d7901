/// Indexes for WQL's case-insensitive `LIKE` on the name-like columns queries filter most.
///
/// Which index serves which WQL form (checked with EXPLAIN on 100,000 rows, see
/// scripts/compare-schemas.sh):
///
/// - `Name = 'x'`, `Name IN (…)`, `ORDER BY Name`: the column is `citext`, so its b-tree
///   (`package_on_name`, `computer_name_key`, `collection_name_key`, the citext keys and
///   `step_on_packageID_className_nocase`, `packageReference_on_objectID_nocase`,
///   `advertisement_on_package`) serves the plain operator. A renderer writing `(term)::citext = ?`
///   gets the same plan (the cast is no cast on a citext column) and a case-insensitive
///   comparison on text columns too.
/// - `Name LIKE 'Apply%'` and `Name LIKE '%x%'`: the trigram indexes below, GIN with
///   `gin_trgm_ops` straight on the citext column (citext is binary-coercible to text). They
///   serve `name::text ILIKE ?` — the renderer must cast to text: on a citext column
///   `name ILIKE ?` resolves to citext's own operator, which no index serves (a sequential scan).
///   Patterns with fewer than three characters between wildcards yield no trigram to look up
///   and scan the index whole, which is still correct.
extension PostgresSchema {
    static let searchIndexes = """
        CREATE INDEX package_on_name_trgm ON package USING gin (name gin_trgm_ops);
        CREATE INDEX smsPackage_on_name_trgm ON smsPackage USING gin (name gin_trgm_ops);
        CREATE INDEX step_on_name_trgm ON step USING gin (name gin_trgm_ops);
        CREATE INDEX computer_on_name_trgm ON computer USING gin (name gin_trgm_ops);
        CREATE INDEX collection_on_name_trgm ON collection USING gin (name gin_trgm_ops);
        """
}
