/// Polls `condition` until it holds or `timeout` passes, sleeping between polls without holding
/// a thread: tests run on the small cooperative pool, and what they wait for (a signal stream's
/// reader, importing tasks) needs that pool to make progress. The timeout is a hang guard only.
///
/// - Returns: whether the condition held.
func waitUntil(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try condition()
}
