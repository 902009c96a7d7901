import DBusKit
import Testing

/// Error names map to cases and back; service domains match broadly or exactly.
@Suite struct ErrorTests {
    @Test func standardNamesMapToCases() {
        let error = DBusError(name: "org.freedesktop.DBus.Error.UnknownObject", message: "gone")
        #expect(error == .unknownObject("gone"))
        #expect(error.name == "org.freedesktop.DBus.Error.UnknownObject")
        #expect(error.message == "gone")
        #expect(error.isStandard)
        for error in [DBusError.accessDenied(""), .invalidArgs(""), .limitsExceeded(""), .propertyReadOnly(""),
                      .unknownProperty(""), .unknownInterface(""), .unknownMethod(""), .serviceUnknown(""), .noReply(""), .failed("")] {
            #expect(DBusError(name: error.name, message: "") == error)
        }
    }

    @Test func serviceDomains() {
        let errors = DBusErrorDomain("org.tsprovider.Provider1.Error")
        let conflict = errors.error("Conflict", "stale version")
        #expect(conflict == .other(name: "org.tsprovider.Provider1.Error.Conflict", message: "stale version"))
        #expect(errors.contains(conflict))
        #expect(errors.matches(conflict, "Conflict"))
        #expect(!errors.matches(conflict, "NotFound"))
        #expect(!errors.contains(.failed("x")))
        #expect(!conflict.isStandard)
        #expect(conflict.description == "org.tsprovider.Provider1.Error.Conflict: stale version")
    }

    struct ServiceProblem: DBusErrorConvertible {
        var dbusError: DBusError { .accessDenied("not yours") }
    }

    struct PlainProblem: Error {}

    @Test func handlerErrorsConvert() {
        #expect(DBusError(converting: ServiceProblem()) == .accessDenied("not yours"))
        #expect(DBusError(converting: DBusError.timeout("t")) == .timeout("t"))
        #expect(DBusError(converting: PlainProblem()).name == "org.freedesktop.DBus.Error.Failed")
    }
}
