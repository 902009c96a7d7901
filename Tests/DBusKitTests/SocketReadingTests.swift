@testable import DBusKit
import Dispatch
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The loop reading through libdbus's socket watches: messages many reads long, sends from
/// other threads meanwhile, and the bus going away while they send.
@Suite struct SocketReadingTests {
    @Test func messagesManyReadsLongArriveWholeWhileOtherThreadsCall() async throws {
        try await withService { service async throws in
            let client = service.client
            let path = service.testPath
            let mismatches = Mutex<[String]>([])
            // libdbus reads 2 KiB at a time: each call is about twenty reads, each reply forty.
            DispatchQueue.concurrentPerform(iterations: 4) { thread in
                for index in 0..<10 {
                    let text = String(repeating: "t\(thread)i\(index)-", count: 40_000 / 6)
                    let reply = try? client.call(
                        destination: TestService.busName, path: path, interface: TestService.interfaceName, method: "Concat",
                        arguments: [.string(text), .uint32(2)])
                    if reply != [.string(text + text)] { mismatches.withLock { $0.append("thread \(thread) call \(index)") } }
                }
            }
            #expect(mismatches.withLock { $0 } == [])
        }
    }

    @Test func theBusGoingAwayEndsTheLoopWhileOtherThreadsSend() async throws {
        let bus = try PrivateBus.start()
        defer { bus.stop() }
        let connection = try DBusConnection(address: bus.address)
        defer { connection.close() }
        let loopThread = try #require(await eventuallyValue { connection.core.loopKernelThreadID })
        let path = try ObjectPath("/org/dbuskit/Sender")
        let senders = DispatchGroup()
        let outcomes = Locked<[String]>([])
        let deadline = ContinuousClock.now + .seconds(20)
        for thread in 0..<4 {
            DispatchQueue.global().async(group: senders) {
                // Until the connection is gone: each send either goes out or reports it closed
                // (paced, so that what libdbus queues stays small).
                var sent: UInt32 = 0
                while connection.isConnected, ContinuousClock.now < deadline {
                    do {
                        try connection.emitSignal(path: path, interface: "org.dbuskit.Sender", name: "Tick", arguments: [.uint32(sent)])
                        sent &+= 1
                        usleep(100)
                    } catch {
                        outcomes.withLock { $0.append("thread \(thread): \(error)") }
                        return
                    }
                }
                outcomes.withLock { $0.append("thread \(thread): stopped sending") }
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        bus.stop()
        #expect(eventually(timeout: .seconds(10)) { !connection.isConnected })
        // The loop saw the socket close (its watches gone, whichever thread removed them) and ended.
        #expect(eventually(timeout: .seconds(10)) { readTextFile("/proc/self/task/\(loopThread)/comm") == nil })
        #expect(senders.wait(timeout: .now() + 10) == .success)
        let ends = outcomes.withLock { $0 }
        #expect(ends.count == 4)
        #expect(ends.allSatisfy { $0.hasSuffix("stopped sending") || $0.contains("the connection is closed") })
    }
}
