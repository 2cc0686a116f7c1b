import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenFixtures
import HavenStore

/// Fills a vault made by `haven init` with the demo's fictional history, so that a benchmark
/// can run a real `haven serve` on a vault of a realistic size (`Scripts/bench-load`).
enum VaultFill {
    /// Imports ``DemoHistory`` of `incidents` incidents, 5,000 records to a transaction; returns
    /// how many records were written.
    static func fill(incidents: Int, location: StoreLocation, keyFile: String) async throws -> Int {
        // The key file `haven init --key-file` wrote: one line, 32 bytes in base64.
        guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8),
              let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw ValidationError("\(keyFile) is not a Haven key file")
        }
        let store = try await SQLStore.open(location)
        do {
            try await store.unlock(master: try MasterKey(rawBytes: bytes), by: .localOperator)
            let records = DemoHistory.records(incidents: incidents, today: Date())
            for first in stride(from: 0, to: records.count, by: 5_000) {
                _ = try await store.importRecords(Array(records[first..<min(first + 5_000, records.count)]), by: .localOperator)
            }
            try await store.close()
            return records.count
        } catch {
            try? await store.close()
            throw error
        }
    }
}
