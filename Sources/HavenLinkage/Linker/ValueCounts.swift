/// How many records have each value of one field (a name key, say): what term frequencies and
/// rare spellings are worked out from. Values are held by their 64-bit hash (``Blocking/Keys``'s):
/// hashing each string into a dictionary key twice (count, then look up) took 4–6 ms of a
/// 10,000-record run, and two names sharing a hash are not expected among a few million.
struct ValueCounts {
    /// Each record's value, hashed; nil when it has none.
    let hashes: [UInt64?]
    private let counts: [UInt64: Int32]
    /// How many records have a value.
    let withValue: Int

    init(_ hashes: [UInt64?]) {
        var counts: [UInt64: Int32] = [:]
        var withValue = 0
        for hash in hashes {
            if let hash { counts[hash, default: 0] += 1; withValue += 1 }
        }
        self.hashes = hashes
        self.counts = counts
        self.withValue = withValue
    }

    /// The share of records with a value that have this record's (0 without one).
    func share(_ record: Int) -> Double {
        hashes[record].map { Double(counts[$0]!) / Double(withValue) } ?? 0
    }

    /// Whether this record's value is had by no other record (false without one).
    func isUnique(_ record: Int) -> Bool {
        hashes[record].map { counts[$0] == 1 } ?? false
    }
}
