import ArgumentParser

@main
struct TSCtl: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tsctl")
}
