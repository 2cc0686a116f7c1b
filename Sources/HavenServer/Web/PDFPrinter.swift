import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints HTML to PDF with headless Chromium, where it is installed, without the document ever
/// touching the disk or a command line: the page goes to the browser and the PDF comes back over
/// the DevTools protocol on a pair of pipes (`--remote-debugging-pipe`), and the browser's profile
/// lives in memory (`/dev/shm`) and is removed at the end.
public struct PDFPrinter: Sendable {
    /// The browser binary.
    public let chromium: String

    /// The printer of the first Chromium found (`HAVEN_CHROMIUM`, then the usual places), or nil.
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPrinter? {
        let candidates = [environment["HAVEN_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(PDFPrinter.init(chromium:))
    }

    public init(chromium: String) { self.chromium = chromium }

    /// Why printing failed (never holding the document).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Every print slot is taken: ask again after `retryAfter` seconds.
    public struct Busy: Error, Sendable {
        /// A print usually ends within this many seconds.
        public let retryAfter: Int
    }

    /// How many browsers may print at once in this process. One Chromium is a dozen processes
    /// and a few hundred megabytes; five unlimited prints made 43 processes and 3.7 GB.
    public static let concurrentPrints = 2
    /// The slots every printer of this process shares.
    static let slots = PrintSlots(capacity: concurrentPrints)

    /// Where print profiles are made: memory (`/dev/shm`) where there is one.
    static var profileParent: String {
        FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    }
    /// The prefix of every print profile's folder.
    static let profilePrefix = "haven-print-"

    /// The PDF of `html`, on A4 with the page's own print styles. Runs the browser on its own
    /// thread; throws ``Busy`` at once when ``concurrentPrints`` browsers are printing already.
    public func pdf(html: String, timeout: TimeInterval = 60) async throws -> Data {
        guard Self.slots.enter() else { throw Busy(retryAfter: 10) }
        defer { Self.slots.leave() }
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try self.printBlocking(html: html, timeout: timeout) })
            }
        }
    }

    private func printBlocking(html: String, timeout: TimeInterval) throws -> Data {
        let profile = Self.profileParent + "/" + Self.profilePrefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Last of all, after every browser process has ended (the defer below), so that no
        // process writes into the profile again once it is removed.
        defer { Self.remove(profile: profile) }
        // toBrowser: we write, the browser reads on its fd 3; fromBrowser: it writes on fd 4.
        var toBrowser: [Int32] = [0, 0], fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failure(reason: "cannot make pipes") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        let null = open("/dev/null", O_RDWR)
        posix_spawn_file_actions_adddup2(&actions, null, 1)
        posix_spawn_file_actions_adddup2(&actions, null, 2)
        // Chromium keeps its sandbox unless Haven runs as root, where it refuses to start with one.
        let sandbox = geteuid() == 0 ? ["--no-sandbox"] : []
        let arguments = [chromium, "--headless=new", "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                         "--disable-gpu", "--disable-extensions", "--disable-dev-shm-usage"] + sandbox + ["--user-data-dir=\(profile)", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The browser and every process it starts share a new process group, so that the
        // whole group can be ended: killing the browser alone left its helpers running, and
        // writing into the profile after it was removed.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, chromium, &actions, &attributes, &argv, environ)
        close(toBrowser[0]); close(fromBrowser[1]); close(null)
        defer { close(toBrowser[1]); close(fromBrowser[0]) }
        guard spawned == 0 else { throw Failure(reason: "cannot start \(chromium)") }
        defer { Self.end(group: pid) }
        var session = DevToolsSession(write: toBrowser[1], read: fromBrowser[0], deadline: .now + .milliseconds(Int(timeout * 1000)))
        let target = try session.call("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw Failure(reason: "the browser made no page") }
        let attached = try session.call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let sessionID = attached["sessionId"] as? String else { throw Failure(reason: "the browser did not attach") }
        let tree = try session.call("Page.getFrameTree", [:], session: sessionID)
        guard let frameID = ((tree["frameTree"] as? [String: Any])?["frame"] as? [String: Any])?["id"] as? String else {
            throw Failure(reason: "the page has no frame")
        }
        _ = try session.call("Page.setDocumentContent", ["frameId": frameID, "html": html], session: sessionID)
        let printed = try session.call("Page.printToPDF", ["printBackground": true, "preferCSSPageSize": true], session: sessionID)
        guard let base64 = printed["data"] as? String, let pdf = Data(base64Encoded: base64) else { throw Failure(reason: "the browser printed nothing") }
        _ = try? session.call("Browser.close", [:])
        return pdf
    }
}

/// A count of prints running, refused past its capacity rather than queued: a queue of prints
/// would hold requests (and their memory) for minutes behind one another.
final class PrintSlots: Sendable {
    let capacity: Int
    private let running = Mutex(0)

    init(capacity: Int) { self.capacity = capacity }

    /// Takes a slot, or answers false when all are taken.
    func enter() -> Bool {
        running.withLock { running in
            guard running < capacity else { return false }
            running += 1
            return true
        }
    }

    /// Gives a slot back.
    func leave() { running.withLock { $0 -= 1 } }

    /// How many slots are taken.
    var taken: Int { running.withLock { $0 } }
}

extension PDFPrinter {
    /// Ends the browser's whole process group and waits until none of it is left (2 s at most).
    static func end(group pid: pid_t) {
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let deadline = ContinuousClock.now + .seconds(2)
        while kill(-pid, 0) == 0, ContinuousClock.now < deadline { usleep(10_000) }
    }

    /// Removes a print profile, trying again while something still writes into it.
    static func remove(profile: String) {
        for _ in 0..<20 {
            try? FileManager.default.removeItem(atPath: profile)
            if !FileManager.default.fileExists(atPath: profile) { return }
            usleep(50_000)
        }
    }
}

/// DevTools protocol messages over the pipe: JSON objects, each ended by a NUL byte.
private struct DevToolsSession {
    let write: Int32
    let read: Int32
    /// Timeouts run on the monotonic clock: a change of the wall clock neither ends nor stretches them.
    let deadline: ContinuousClock.Instant
    var nextID = 1
    var buffer = [UInt8]()

    mutating func call(_ method: String, _ parameters: [String: Any], session: String? = nil) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.write(write, $0.baseAddress, $0.count) }
            guard n > 0 else { throw PDFPrinter.Failure(reason: "the browser stopped listening") }
            sent += n
        }
        while true {
            let reply = try nextMessage()
            guard reply["id"] as? Int == id else { continue } // events and other replies
            if let error = reply["error"] as? [String: Any] {
                throw PDFPrinter.Failure(reason: "\(method) failed: \(error["message"] as? String ?? "unknown")")
            }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private mutating func nextMessage() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                return (try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any]) ?? [:]
            }
            let left = deadline - ContinuousClock.now
            let remaining = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            guard remaining > 0 else { throw PDFPrinter.Failure(reason: "the browser took too long") }
            var descriptor = pollfd(fd: read, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(min(remaining, 5) * 1000)) >= 0 else { throw PDFPrinter.Failure(reason: "cannot wait for the browser") }
            guard descriptor.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
            guard n > 0 else { throw PDFPrinter.Failure(reason: "the browser closed the pipe") }
            buffer += chunk[..<n]
        }
    }
}
