import Dispatch
import Foundation

/// Results computed on several cores, each slot written by one worker: a lock keeps the
/// array's storage consistent (writes are few and large, so it is never contended for long).
final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value]

    init(count: Int, empty: Value) { stored = Array(repeating: empty, count: count) }

    subscript(index: Int) -> Value {
        get { lock.withLock { stored[index] } }
        set { lock.withLock { stored[index] = newValue } }
    }

    var values: [Value] { lock.withLock { stored } }

    /// `body(i)` for every i below `count`, on every core, in order.
    static func map(_ count: Int, _ body: @Sendable (Int) -> Value?) -> [Value?] {
        let slots = Slots<Value?>(count: count, empty: nil)
        DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = body($0) }
        return slots.values
    }
}
