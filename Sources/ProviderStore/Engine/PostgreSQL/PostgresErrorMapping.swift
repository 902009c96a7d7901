/// PostgreSQL's errors as `StoreError`, by SQLSTATE, so code above the store never sees libpq.
enum PostgresErrorMapping {
    static func storeError(sqlState: String, message: String, target: String) -> StoreError {
        switch sqlState {
        case _ where sqlState.hasPrefix("08"), "57P01", "57P02", "57P03":
            // connection_exception, admin/crash shutdown, cannot_connect_now
            return .unavailable("PostgreSQL at \(target): \(message) (SQLSTATE \(sqlState))")
        case "53100":
            return .full("\(message) (SQLSTATE \(sqlState))")
        case "25006":
            return .readOnly("\(message) (SQLSTATE \(sqlState))")
        case "P0001":
            // A trigger's RAISE EXCEPTION: its message is the rule, `Property: rule`, as on SQLite.
            return .refusedByRule(message)
        default:
            return .engine("\(message) (SQLSTATE \(sqlState))")
        }
    }
}
