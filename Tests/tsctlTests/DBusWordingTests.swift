import Testing
@testable import tsctl
import TaskSequenceSDK

/// tsctl's one error printer never shows D-Bus wording (issue 17, item 7): what DBusKit and
/// the bus say about interfaces, members and error names becomes plain words.
@Suite struct DBusWordingTests {
    @Test func interfacesMembersAndErrorNamesBecomePlainWords() {
        let path = "/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS100001/Steps/4"
        #expect(Diagnostics.problem(.notSupported("the object at \(path) has no interface org.tsprovider.Provider1.SMS_TaskSequence_Action"))
                == "it is not an action (it is a group; groups have no settings, environment or time-out)")
        #expect(Diagnostics.problem(.notSupported("the object at \(path) has no interface org.tsprovider.Provider1.SMS_TaskSequence_Group"))
                == "it is not a group (it is an action; only groups hold steps)")
        #expect(Diagnostics.problem(.notSupported("interface org.tsprovider.Provider1.SMS_TaskSequencePackage has no method Edit"))
                == "it does not support Edit (is tsproviderd older than tsctl?)")
        #expect(Diagnostics.problem(.unknownProperty("interface org.tsprovider.Provider1.SMS_TaskSequence_Action has no property 'Timeot'"))
                == "no property Timeot on SMS_TaskSequence_Action")
        #expect(Diagnostics.problem(.other(name: "org.freedesktop.DBus.Error.Failed", message: "")) == "the provider refused the call")
        #expect(Diagnostics.problem(.other(name: "org.example.Error.Odd", message: "org.freedesktop.DBus.Error.NoMemory while answering"))
                == "NoMemory while answering")
        for error: ProviderError in [.notSupported("the object at \(path) has no interface org.tsprovider.Provider1.SMS_TaskSequence_Action"),
                                     .unknownProperty("interface org.tsprovider.Provider1.SMS_TaskSequence_Step has no property 'X'")] {
            let line = Diagnostics.line(subject: "step 4 of PS100001", error: error)
            #expect(!line.contains("org.") && !line.contains("interface") && !line.contains("/org/"), "\(line)")
        }
    }
}
