import HavenCore
import Testing

/// The one parallel helper: order kept across chunks, and a failure in any chunk thrown.
struct ParallelTests {
    struct Odd: Error {}

    @Test func aThrowingMapKeepsOrderAcrossChunks() throws {
        let items = Array(0..<10_007)
        #expect(try Parallel.map(items) { (value: Int) throws -> Int in value * 3 } == items.map { $0 * 3 })
    }

    @Test func aMapKeepsOrderAcrossChunks() {
        let items = Array(0..<10_007)
        #expect(Parallel.map(items) { $0 * 3 } == items.map { $0 * 3 })
    }

    @Test func aFailureInAnyChunkIsThrown() {
        #expect(throws: Odd.self) {
            try Parallel.map(Array(0..<5_000)) { (value: Int) throws -> Int in
                if value == 4_321 { throw Odd() }
                return value
            }
        }
    }
}
