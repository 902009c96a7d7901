import Foundation
import TestSupport

/// Debian's headless Chromium driven over the DevTools protocol (`--remote-debugging-pipe`) by
/// Debian's Python: it opens a page, waits for it to load, and hands back what a person sees —
/// `document.body.innerText`, not the file — and a PNG screenshot of the whole page.
enum HeadlessChromium {
    /// What the browser rendered.
    struct Rendering {
        /// The page's visible text.
        var text: String
        /// Where the screenshot was written.
        var screenshot: URL
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let executable = "/usr/bin/chromium"

    /// Where tests keep what they render for people to look at: `.build/test-artifacts/`.
    static let artifacts: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/test-artifacts")

    /// Renders the file at `page` and writes its screenshot to `screenshot`.
    static func render(_ page: URL, screenshot: URL) throws -> Rendering {
        try FileManager.default.createDirectory(at: screenshot.deletingLastPathComponent(), withIntermediateDirectories: true)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("tsprovider-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/python3"),
            ["-c", driver, executable, profile.path, page.absoluteString, screenshot.path],
            timeout: .seconds(180))
        guard result.status == 0 else {
            throw Failure(description: "chromium did not render \(page.path): status \(result.status): \(result.errorOutput.suffix(2000))")
        }
        return Rendering(text: result.output, screenshot: screenshot)
    }

    /// The DevTools client: messages are JSON terminated by NUL, Chromium reads fd 3 and writes fd 4.
    private static let driver = #"""
    import base64, json, os, select, subprocess, sys, time
    chromium, profile, url, shot = sys.argv[1:5]
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    def wire():
        # Through fresh descriptors, so that neither end is overwritten before it is copied.
        read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
        os.dup2(read_end, 3)
        os.dup2(write_end, 4)
    proc = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=" + profile, "--remote-debugging-pipe", "--window-size=1280,2000",
                             "about:blank"], pass_fds=(3, 4), preexec_fn=wire,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(to_child_r); os.close(from_child_w)
    buffer = b""; next_id = 0; events = []
    def send(method, params=None, session=None):
        global next_id
        next_id += 1
        message = {"id": next_id, "method": method, "params": params or {}}
        if session: message["sessionId"] = session
        os.write(to_child_w, json.dumps(message).encode() + b"\0")
        return next_id
    def receive(deadline):
        global buffer
        while b"\0" not in buffer:
            left = deadline - time.time()
            if left <= 0: raise SystemExit("chromium did not answer")
            ready, _, _ = select.select([from_child_r], [], [], left)
            if ready:
                chunk = os.read(from_child_r, 1 << 20)
                if not chunk: raise SystemExit("chromium closed the pipe")
                buffer += chunk
        message, buffer = buffer.split(b"\0", 1)
        return json.loads(message)
    def call(method, params=None, session=None):
        wanted = send(method, params, session)
        deadline = time.time() + 60
        while True:
            message = receive(deadline)
            if message.get("id") == wanted:
                if "error" in message: raise SystemExit(method + ": " + json.dumps(message["error"]))
                return message.get("result", {})
            events.append(message)
    try:
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Page.enable", session=session)
        call("Page.navigate", {"url": url}, session=session)
        deadline = time.time() + 60
        while True:
            state = call("Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True}, session)
            if state["result"].get("value") == "complete" and call("Runtime.evaluate", {"expression": "location.href", "returnByValue": True}, session)["result"].get("value") == url:
                break
            if time.time() > deadline: raise SystemExit("the page did not load")
            time.sleep(0.1)
        text = call("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True}, session)["result"]["value"]
        metrics = call("Page.getLayoutMetrics", session=session)
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        picture = call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                       "clip": {"x": 0, "y": 0, "width": 1280, "height": min(size["height"], 16000), "scale": 1}}, session)
        with open(shot, "wb") as out: out.write(base64.b64decode(picture["data"]))
        sys.stdout.write(text)
        try: call("Browser.close")
        except SystemExit: pass
    finally:
        try: proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill(); proc.wait()
    """#
}
