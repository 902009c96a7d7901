import DBusKit

/// Builds a principal's cells from the access model: for each call, whether the rules allow it,
/// refuse it with AccessDenied (a readable object) or hide the object (unreadable: answered
/// like a missing one).
struct MatrixBuilder {
    let world: SecurityWorld
    let user: TestPrincipal
    /// The rules the expectations come from: the fixture's, or a test's own after it added
    /// packages and grants.
    let model: AccessModel
    var plan: MatrixPlan

    init(world: SecurityWorld, user: TestPrincipal, model: AccessModel? = nil) {
        self.world = world
        self.user = user
        self.model = model ?? world.model
        plan = MatrixPlan(principal: user)
    }

    /// A call's twin on a missing object: every `real` in its path and string arguments
    /// replaced by `missing`.
    static func twin(of call: PlannedCall, replacing real: String, with missing: String) -> PlannedCall {
        func replaced(_ argument: PlanArgument) -> PlanArgument {
            switch argument {
            case .string(let text): .string(text.replacingOccurrences(of: real, with: missing))
            case .objectPath(let text): .objectPath(text.replacingOccurrences(of: real, with: missing))
            case .dictionary(let entries): .dictionary(entries.mapValues(replaced))
            case .uint32, .int32, .boolean: argument
            }
        }
        return PlannedCall(
            id: call.id + "m", path: call.path.replacingOccurrences(of: real, with: missing), interface: call.interface,
            member: call.member, signature: call.signature, args: call.args.map(replaced))
    }

    /// Adds a cell on an object that is readable when `readable`: `allowed` says whether the
    /// call itself is allowed; a readable object refuses with AccessDenied naming `right`; an
    /// unreadable one answers `hiddenError` (any error when `nil`) exactly like the same call
    /// with `real` → `missing`. Returns the call's ID.
    @discardableResult
    mutating func add(
        _ target: String, _ entryPoint: String, readable: Bool, allowed: Bool, right: [String] = [],
        hiddenError: String? = Provider.unknownObjectError, real: String, missing: String,
        check: ResultCheck? = nil, allowedOutcome: Expected? = nil,
        _ makeCall: (String) -> PlannedCall
    ) -> String {
        let call = makeCall(plan.nextID)
        let expected: Expected
        if !readable {
            expected = .hidden(errorName: hiddenError, twin: Twin(call: Self.twin(of: call, replacing: real, with: missing), realText: real, missingText: missing))
        } else if allowed {
            expected = allowedOutcome ?? .success(check)
        } else {
            expected = .accessDenied(naming: right)
        }
        plan.add(target, entryPoint, call, expected)
        return call.id
    }

    /// Adds a cell whose outcome does not depend on any object's readability; returns the
    /// call's ID.
    @discardableResult
    mutating func add(_ target: String, _ entryPoint: String, _ expected: Expected, _ makeCall: (String) -> PlannedCall) -> String {
        let call = makeCall(plan.nextID)
        plan.add(target, entryPoint, call, expected)
        return call.id
    }
}

/// Small result checks shared by the matrix builders.
enum ResultChecks {
    /// The result is the string `expected`.
    static func equals(_ expected: String) -> ResultCheck {
        { result in result?.string == expected ? nil : "expected \(expected), got \(String(describing: result))" }
    }

    /// The result (a string) does not contain `text`.
    static func lacks(_ text: String) -> ResultCheck {
        { result in "\(String(describing: result))".contains(text) ? "the result carries \(text)" : nil }
    }

    /// The result is a list of strings equal as a set to `expected`.
    static func set(_ expected: Set<String>) -> ResultCheck {
        { result in
            let found = Set((result?.array ?? []).compactMap(\.string))
            return found == expected ? nil : "expected exactly \(expected.sorted()), got \(found.sorted()) (missing \(expected.subtracting(found).sorted()), extra \(found.subtracting(expected).sorted()))"
        }
    }

    /// The child node names in an introspection XML result equal `expected` as a set.
    static func children(_ expected: Set<String>) -> ResultCheck {
        { result in
            guard let xml = result?.string else { return "no introspection XML" }
            let found = Set(IntrospectionXML.childNodes(in: xml))
            return found == expected ? nil : "introspection lists children \(found.sorted()), expected \(expected.sorted())"
        }
    }

    /// The child node names in an introspection XML result include all of `expected`.
    static func childrenInclude(_ expected: Set<String>) -> ResultCheck {
        { result in
            guard let xml = result?.string else { return "no introspection XML" }
            let found = Set(IntrospectionXML.childNodes(in: xml))
            return expected.isSubset(of: found) ? nil : "introspection lists children \(found.sorted()), lacking \(expected.subtracting(found).sorted())"
        }
    }

    /// A `(b, u)` result of `UserHasPermissions`: `granted` and `held` for ordinary users; for
    /// superusers granted and `held` containing what was asked.
    static func permissions(granted: Bool, held: SMSRights, asked: SMSRights, superuser: Bool) -> ResultCheck {
        { result in
            guard let pair = result?.array, pair.count == 2, let gotGranted = pair[0].bool, let gotHeld = pair[1].uint32 else {
                return "expected (b, u), got \(String(describing: result))"
            }
            if superuser {
                return gotGranted && SMSRights(rawValue: gotHeld).isSuperset(of: asked) ? nil : "a superuser got (\(gotGranted), \(gotHeld)) for \(asked)"
            }
            return gotGranted == granted && gotHeld == held.rawValue ? nil : "expected (\(granted), \(held.rawValue) \(held)), got (\(gotGranted), \(gotHeld))"
        }
    }
}
