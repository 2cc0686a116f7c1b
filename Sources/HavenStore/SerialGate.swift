/// A first-come, first-served gate for one actor's async work.
///
/// The store is an actor, but actors are re-entrant across `await`: without this gate two
/// requests could interleave their statements inside one SQLite transaction. It is owned by the
/// actor and only touched from the actor's isolation.
final class SerialGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits for the gate. Runs on the calling actor, which owns the gate.
    func enter(isolation: isolated (any Actor)? = #isolation) async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            // Ownership passes straight to the next waiter; `busy` stays true.
            waiters.removeFirst().resume()
        }
    }
}
