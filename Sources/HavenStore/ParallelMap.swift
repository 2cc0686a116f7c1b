import Foundation

/// Maps an array on every core, keeping order. For CPU-bound work over many independent items,
/// such as opening every sealed record at unlock.
enum ParallelMap {
    static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> U) throws -> [U] {
        guard items.count > 512 else { return try items.map(transform) }
        let chunks = ProcessInfo.processInfo.activeProcessorCount * 4
        let size = (items.count + chunks - 1) / chunks
        let results = ChunkResults<U>(chunks: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = min(chunk * size, items.count)..<min((chunk + 1) * size, items.count)
            do {
                results.store(chunk, try range.map { try transform(items[$0]) })
            } catch {
                results.fail(error)
            }
        }
        return try results.joined()
    }

    /// What each chunk produced, kept under a lock.
    private final class ChunkResults<U>: @unchecked Sendable {
        // `@unchecked`: every access holds the lock.
        private let lock = NSLock()
        private var parts: [[U]]
        private var error: (any Error)?

        init(chunks: Int) { parts = Array(repeating: [], count: chunks) }

        func store(_ chunk: Int, _ values: [U]) { lock.withLock { parts[chunk] = values } }
        func fail(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }

        func joined() throws -> [U] {
            try lock.withLock {
                if let error { throw error }
                return parts.flatMap { $0 }
            }
        }
    }
}
