import ArgumentParser
import Dispatch
import Foundation
import TaskSequenceSDK

/// `tsctl watch`: change events as they happen.
struct WatchCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print change events until interrupted.",
        discussion: """
            One line per object created, modified or deleted that you may read: the kind, the \
            class and the relative path. When the daemon restarts, watching goes on (events \
            while it was down are lost). A line on standard error says when watching has begun. \
            With --json, one JSON object per line: {"Kind", "ClassName", "RelativePath", \
            "ObjectPath"} and, when known, "Keys", "ChangedProperties", "SourceVersion", "User"; \
            after the daemon restarted, a line of Kind "resumed" with "Since": events may be missing since then.
            """
    )

    @Option(name: .customLong("package"), help: ArgumentHelp("Only events of this package and what is in it.", valueName: "package-id"))
    var packageID: String?

    @Option(name: .customLong("class"), help: ArgumentHelp("Only events of instances of this class (SMS_TaskSequencePackage, SMS_UserInstancePermissions …).", valueName: "class-name"))
    var className: String?

    @Option(name: .customLong("count"), help: ArgumentHelp("Stop after this many events.", valueName: "n"))
    var count: Int?

    @OptionGroup var global: GlobalOptions

    var subject: String { "watch" }

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        let events = try client.changes()
        StandardError.write("watching \(client.options.serviceName) on \(client.bus); press Ctrl-C to stop")
        let done = DispatchSemaphore(value: 0)
        let task = Task { [packageID, className, count] in
            var seen = 0
            for await event in events {
                // Whatever the filters, say that events may have been missed; it is no event of its own.
                if event.kind == .resumed {
                    let since = event.since.map { "\($0)" } ?? "the restart"
                    StandardOutput.write((output.json ? ((try? JSONText.make(event, pretty: false)) ?? "{}") : "resumed  events may be missing since \(since)") + "\n")
                    continue
                }
                if let packageID, event.packageID != packageID { continue }
                if let className, event.className.lowercased() != className.lowercased() { continue }
                let line = output.json ? ((try? JSONText.make(event, pretty: false)) ?? "{}") : "\(event.kind.rawValue)  \(event.className)  \(event.relativePath)"
                StandardOutput.write(line + "\n")
                seen += 1
                if let count, seen >= count { break }
            }
            done.signal()
        }
        done.wait()
        task.cancel()
    }
}
