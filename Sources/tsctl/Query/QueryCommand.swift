import ArgumentParser
import TaskSequenceSDK

/// `tsctl query WQL`.
struct QueryCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a WQL query.",
        discussion: """
            SELECT * | prop[, prop] | DISTINCT prop[, prop] | COUNT(*) FROM Class [WHERE …] \
            [ORDER BY prop [ASC|DESC]], with = <> != < > <= >=, LIKE, IS [NOT] NULL (empty text \
            counts as NULL; Condition IS NOT NULL finds conditioned steps), IN (…) with literals or \
            a subquery, AND/OR/NOT. Queries are polymorphic (FROM SMS_TaskSequence_Step returns \
            every step of every sequence) and show only what you may read. Lazy properties \
            (Sequence, References) are not returned.

              tsctl query "SELECT PackageID, Name FROM SMS_TaskSequence_Step WHERE Name LIKE 'Install%'"
              tsctl query "SELECT COUNT(*) FROM SMS_TaskSequence_RunCommandLineAction WHERE CommandLine LIKE '%cscript%'"
              tsctl query "SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = 'PS100002'"

            Prints a table of the selected properties and each row's relative path; with \
            --json, an array of objects holding the properties plus __CLASS, __RELPATH and \
            __PATH.
            """
    )

    @Argument(help: ArgumentHelp("The query.", valueName: "wql"))
    var wql: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "query" }

    func run(client: ProviderClient, output: Output) throws {
        let rows = try client.query(wql)
        try output.emit(rows) {
            var columns: [String] = []
            for row in rows {
                for name in row.propertyNames where !columns.contains(name) { columns.append(name) }
            }
            var table = Table()
            table.headers = columns + ["__RELPATH"]
            for row in rows {
                table.add(columns.map { row[$0]?.text ?? "" } + [row.relativePath])
            }
            return rows.isEmpty ? "(no rows)" : table.text
        }
    }
}
