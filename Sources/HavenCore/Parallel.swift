import Dispatch
import Foundation

/// Work split over the machine's cores in contiguous chunks, Haven's one helper for CPU-bound
/// work over many independent items (opening every sealed record at unlock, linking records,
/// checking the access log's signatures); each chunk writes only its own part of the output, so
/// no locks are needed.
public enum Parallel {
    /// The machine's cores.
    public static var cores: Int { max(ProcessInfo.processInfo.activeProcessorCount, 1) }

    /// Calls `body` with disjoint ranges covering `0..<count`, concurrently.
    public static func chunks(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let pieces = min(count, cores * 4)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            body((count * piece / pieces)..<(count * (piece + 1) / pieces))
        }
    }

    /// `body`'s result for each of the disjoint ranges covering `0..<count` (a few per core),
    /// computed concurrently: partial results to be combined.
    public static func pieces<R>(_ count: Int, perCore: Int = 4, _ body: @Sendable (Range<Int>) -> R) -> [R] {
        guard count > 0 else { return [] }
        let pieces = min(count, cores * perCore)
        return filled(pieces) { piece in body((count * piece / pieces)..<(count * (piece + 1) / pieces)) }
    }

    /// `transform` of every element, computed concurrently, in order.
    public static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        filled(items.count) { index in transform(items[index]) }
    }

    /// `transform` of every element, computed concurrently, in order; the first error any
    /// element throws is thrown once every chunk has finished. Few items are mapped in line.
    public static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
        guard items.count > 512 else { return try items.map(transform) }
        let results = pieces(items.count) { range in Result { try range.map { try transform(items[$0]) } } }
        var mapped: [R] = []
        mapped.reserveCapacity(items.count)
        for result in results { mapped += try result.get() }
        return mapped
    }

    /// An array of `count` elements, element i being `element(i)`, computed concurrently.
    public static func filled<R>(_ count: Int, _ element: @Sendable (Int) -> R) -> [R] {
        [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = Output(base: buffer.baseAddress)
            chunks(count) { range in
                for index in range { (output.base! + index).initialize(to: element(index)) }
            }
            initialized = count
        }
    }

    /// Lets go of `value` on another thread. Freeing a structure of many small objects (a run's
    /// prepared records, some 100,000 strings and arrays for 10,000 records: 3 ms) is work
    /// whose end no one waits for; the caller goes on meanwhile. The caller must hand over its
    /// last reference (`consume`), or the freeing stays with whoever lets go last.
    public static func releaseInBackground<T: Sendable>(_ value: consuming T) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }

    /// Holds a value until told to let go of it. Unchecked: only the one thread that empties
    /// it touches it after it is made.
    private final class Box<T>: @unchecked Sendable {
        var value: T?
        init(_ value: consuming T) { self.value = value }
    }

    /// A buffer that concurrent chunks only read. Unchecked: nothing writes it while they run,
    /// and it outlives them.
    public struct ReadOnly<T>: @unchecked Sendable {
        /// The buffer.
        public let buffer: UnsafeBufferPointer<T>
        /// Wraps a buffer that nothing writes while the chunks run.
        public init(buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
    }

    /// Where concurrent chunks write their results. Unchecked: each chunk writes only its own
    /// disjoint range, and the buffer outlives the concurrent work (`concurrentPerform` waits).
    public struct Output<T>: @unchecked Sendable {
        /// The start of the buffer.
        public let base: UnsafeMutablePointer<T>?
        /// Wraps a buffer whose disjoint ranges the chunks write.
        public init(base: UnsafeMutablePointer<T>?) { self.base = base }
    }
}
