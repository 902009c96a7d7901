import GRDB

extension PermissionRow {
    /// The entries matching `condition` (trusted SQL over `userName`, `objectKey`,
    /// `instanceKey`, `rights`), for callers not yet moved to the named requests
    /// (`fetchAll(_:objectKey:instanceKey:)`); goes once they are.
    public static func fetchAll(_ db: Database, instances: Bool, where condition: SQL) throws -> [PermissionRow] {
        let table = SQL(sql: instances ? "instancePermission" : "classPermission")
        let columns: SQL = instances ? "userName, objectKey, instanceKey, rights" : "userName, objectKey, NULL AS instanceKey, rights"
        let order: SQL = instances ? "objectKey, instanceKey, userName" : "objectKey, userName"
        let request: SQLRequest<Row> = "SELECT \(columns) FROM \(table) WHERE \(condition) ORDER BY \(order)"
        return try request.fetchAll(db).map { row in
            PermissionRow(principal: row[0], objectKey: row[1], instanceKey: row[2], rights: row[3])
        }
    }
}
