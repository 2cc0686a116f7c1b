import Dispatch
import Foundation

/// Work split over the machine's cores in contiguous chunks; each chunk writes only its own
/// part of the output, so no locks are needed.
enum Parallel {
    static var cores: Int { max(ProcessInfo.processInfo.activeProcessorCount, 1) }

    /// Calls `body` with disjoint ranges covering `0..<count`, concurrently.
    static func chunks(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let pieces = min(count, cores * 4)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            body((count * piece / pieces)..<(count * (piece + 1) / pieces))
        }
    }

    /// `body`'s result for each of the disjoint ranges covering `0..<count` (a few per core),
    /// computed concurrently: partial results to be combined.
    static func pieces<R>(_ count: Int, perCore: Int = 4, _ body: @Sendable (Range<Int>) -> R) -> [R] {
        guard count > 0 else { return [] }
        let pieces = min(count, cores * perCore)
        return filled(pieces) { piece in body((count * piece / pieces)..<(count * (piece + 1) / pieces)) }
    }

    /// `transform` of every element, computed concurrently, in order.
    static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        filled(items.count) { index in transform(items[index]) }
    }

    /// An array of `count` elements, element i being `element(i)`, computed concurrently.
    static func filled<R>(_ count: Int, _ element: @Sendable (Int) -> R) -> [R] {
        [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = Output(base: buffer.baseAddress)
            chunks(count) { range in
                for index in range { (output.base! + index).initialize(to: element(index)) }
            }
            initialized = count
        }
    }

    /// A buffer that concurrent chunks only read. Unchecked: nothing writes it while they run,
    /// and it outlives them.
    struct ReadOnly<T>: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<T>
    }

    /// Where concurrent chunks write their results. Unchecked: each chunk writes only its own
    /// disjoint range, and the buffer outlives the concurrent work (`concurrentPerform` waits).
    struct Output<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>?
    }
}
