import Foundation

/// Bounds how many password hashes run at once, and how many may wait, so that a flood of
/// sign-in attempts cannot exhaust memory (each scrypt hash takes 128 MiB) or every core.
/// Hashes run on Dispatch's threads, never on the cooperative pool that serves requests.
public actor HashingGate {
    /// Hashes at a time.
    public let limit: Int
    /// Callers allowed to wait; beyond that ``HashingGate/Busy`` is thrown at once.
    public let maximumWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Thrown when too many sign-ins are already waiting.
    public struct Busy: Error {}

    /// A gate for `limit` concurrent hashes (default: half the cores, at least one).
    public init(limit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2), maximumWaiting: Int = 32) {
        self.limit = limit
        self.maximumWaiting = maximumWaiting
    }

    /// Runs `work` when a slot is free.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        if running >= limit {
            guard waiting.count < maximumWaiting else { throw Busy() }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { release() }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            // The slot passes straight to the next waiter.
            waiting.removeFirst().resume()
        }
    }
}
