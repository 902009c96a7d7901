import Testing
import ProviderCore

@Suite struct UserDatabaseTests {
    @Test func namesRootAndFallsBackToNumbers() {
        #expect(UserDatabase.userName(0) == "root")
        #expect(UserDatabase.groupName(0) == "root")
        #expect(UserDatabase.uid(ofUser: "root") == 0)
        #expect(UserDatabase.userName(4_000_123_456) == "4000123456")
        #expect(UserDatabase.uid(ofUser: "no-such-user-tsp") == nil)
    }
}
