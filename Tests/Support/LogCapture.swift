public import Logging
import Foundation

/// A log handler that keeps every line with its metadata, so that tests can search the log for
/// protected values. A value type like real handlers: a component that quiets its own copy (the
/// store quiets its database driver's) leaves the others at their level.
public struct LogCapture: LogHandler {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
    }

    private let lines = Lines()
    public var logLevel: Logger.Level = .trace
    public var metadata: Logger.Metadata = [:]

    /// A capture at trace level.
    public init() {}

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        lines.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata) \(event.source)")
    }

    /// Every line logged so far through any copy.
    public var text: String { lines.text }
}
