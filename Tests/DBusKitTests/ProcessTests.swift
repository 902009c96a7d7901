@testable import DBusKit
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Child processes start with signals unblocked; private buses start, listen and stop cleanly.
@Suite struct ProcessTests {
    @Test func reportsExitStatus() throws {
        let child = try ChildProcess.spawn("/bin/sh", arguments: ["-c", "exit 3"])
        #expect(child.wait(timeout: .seconds(5)) == .exited(3))
        #expect(!child.isRunning)
    }

    @Test func terminateStopsAChildWithSIGTERM() throws {
        let child = try ChildProcess.spawn("/bin/sleep", arguments: ["100"])
        #expect(child.isRunning)
        #expect(child.terminate(timeout: .seconds(5)) == .signaled(SIGTERM))
    }

    @Test func capturesOutputToFiles() throws {
        let run = try runTool("/bin/sh", ["-c", "echo out; echo err >&2; exit 0"])
        #expect(run.succeeded)
        #expect(run.standardOutput == "out\n")
        #expect(run.standardError == "err\n")
        #expect(throws: DBusError.self) { _ = try ChildProcess.spawn("/nonexistent/tool") }
    }

    @Test func privateBusStartsAndStopsWithoutLeftovers() throws {
        let bus = try PrivateBus.start()
        #expect(bus.address.hasPrefix("unix:path=/tmp/dbk-"))
        #expect(readTextFile(bus.configurationPath)?.contains("<allow user=\"*\"/>") == true)
        let daemons = childProcesses(of: bus.process.pid)
        #expect(daemons.count == 1)
        let connection = try DBusConnection(address: bus.address)
        #expect(connection.uniqueName != nil)
        connection.close()
        bus.stop()
        #expect(!bus.process.isRunning)
        for daemon in daemons { #expect(kill(daemon, 0) != 0, "dbus-daemon \(daemon) still runs") }
        #expect(opendir(bus.directory) == nil)
        bus.stop()
    }

    /// If the owning process dies, its watchdog's stdin reaches end of file and the daemon stops.
    @Test func watchdogStopsTheDaemonWhenItsParentGoesAway() throws {
        // Close-on-exec, so children other tests spawn meanwhile cannot hold the write end open.
        let (readEnd, writeEnd) = try PrivateBus.makePipe()
        let watchdog = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", PrivateBus.watchdogScript, "watchdog", "/bin/sleep", "100"], passing: [(readEnd, 0)])
        close(readEnd)
        #expect(eventually { childProcesses(of: watchdog.pid).count == 1 })
        let sleeper = childProcesses(of: watchdog.pid)
        close(writeEnd)
        #expect(watchdog.wait(timeout: .seconds(5)) != nil)
        for pid in sleeper { #expect(eventually { kill(pid, 0) != 0 }) }
    }
}

/// Process ids whose parent is `parent`, from /proc.
func childProcesses(of parent: Int32) -> [Int32] {
    guard let directory = opendir("/proc") else { return [] }
    defer { closedir(directory) }
    var children: [Int32] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let pid = Int32(name), let stat = readTextFile("/proc/\(pid)/stat"),
              let closing = stat.lastIndex(of: ")") else { continue }
        // After "pid (comm)": state, then the parent pid.
        let fields = stat[stat.index(after: closing)...].split(separator: " ")
        if fields.count > 1, Int32(fields[1]) == parent { children.append(pid) }
    }
    return children
}
