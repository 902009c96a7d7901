extension ProviderClient {
    /// The steps and groups of every package you may read that match `filter` (all of them
    /// when `nil`), in package then StepID order: one `ExecQuery`.
    ///
    /// ```swift
    /// for step in try client.steps(where: .name(like: "Apply%")) { try step.handle.disable() }
    /// ```
    ///
    /// - Throws: `ProviderError.invalidQuery(_:)` when a filter names a property no step has.
    public func steps(where filter: StepFilter? = nil) throws -> [StepMatch] {
        try stepQuery(from: ClassName.step, filter)
    }

    /// The actions of one class that match `filter`, in package then StepID order: one
    /// `ExecQuery`.
    ///
    /// ```swift
    /// let cscript = try client.actions(ofClass: .runCommandLine, where: .commandLine(contains: "cscript"))
    /// ```
    public func actions(ofClass actionClass: ActionClass, where filter: StepFilter? = nil) throws -> [StepMatch] {
        try stepQuery(from: actionClass.rawValue, filter)
    }

    /// The steps and groups whose condition tests task sequence variable `variable` (any
    /// case) anywhere in it: one `ExecQuery`.
    ///
    /// ```swift
    /// let named = try client.steps(conditionedOn: "OSDComputerName")
    /// ```
    public func steps(conditionedOn variable: String, where filter: StepFilter? = nil) throws -> [StepMatch] {
        let conditioned = StepFilter(wql: "StepID IN (SELECT StepID FROM SMS_TaskSequence_VariableConditionExpression WHERE Variable = \(Self.wqlString(variable)))")
        return try stepQuery(from: ClassName.step, filter.map { conditioned && $0 } ?? conditioned)
    }

    /// The packages you may read that match `filter`, with their properties: two calls (the
    /// query, then `GetPackages`).
    ///
    /// ```swift
    /// let windows = try client.packages(where: .name(like: "Win%"))
    /// ```
    public func packages(where filter: PackageFilter) throws -> [PackageMatch] {
        let rows = try query("SELECT PackageID FROM \(ClassName.taskSequencePackage) WHERE \(filter.wql)")
        let wanted = Set(rows.compactMap { $0["PackageID"]?.text })
        return try packages().filter { wanted.contains($0.packageID) }.map { PackageMatch(info: $0, handle: package($0.packageID)) }
    }

    private func stepQuery(from className: String, _ filter: StepFilter?) throws -> [StepMatch] {
        let wql = "SELECT * FROM \(className)" + (filter.map { " WHERE \($0.wql)" } ?? "")
        return try query(wql).compactMap { StepMatch($0, client: self) }
    }
}
