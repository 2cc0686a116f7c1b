import Foundation
import HavenFixtures
import CHavenBits
import HavenLinkage

/// Times Bloom-filter matching: Dice comparisons per second over every pair of two lists of
/// filters as dense as real encodings (about 300 of 1,024 bits set), beside anonlink's figure
/// measured on the same machine (docs/pprl.md). Prints; judges nothing.
enum PPRLTiming {
    static func measure(size: Int) {
        var random = SystemRandomNumberGenerator()
        func filter() -> BloomFilter {
            var words = [UInt64](repeating: 0, count: BloomFilter.bits / 64)
            for _ in 0..<300 { let bit = Int.random(in: 0..<BloomFilter.bits, using: &random); words[bit >> 6] |= 1 << UInt64(bit & 63) }
            return BloomFilter(words: words)
        }
        let left = (0..<size).map { _ in filter() }, right = (0..<size).map { _ in filter() }
        print("processor bit-count instruction: \(haven_hardware_popcount() == 1 ? "used" : "not available")")
        print("| run | comparisons | seconds | million comparisons/s |")
        print("|---|---:|---:|---:|")
        for run in 1...3 {
            let started = ContinuousClock.now
            let pairs = (try? BloomMatcher.match(left, right, threshold: 0.9)) ?? []
            let seconds = (ContinuousClock.now - started).seconds
            print(String(format: "| %d | %d × %d | %.2f | %.0f |", run, size, size, seconds, Double(size * size) / seconds / 1e6) + (pairs.isEmpty ? "" : " \(pairs.count) pairs"))
        }
    }
}
