public import Foundation

/// A directory of its own for one test, under the system's temporary directory, so that tests
/// running in parallel never meet.
public enum TemporaryDirectory {
    /// Makes a new, empty directory named `prefix` and a unique suffix; the caller removes it.
    public static func make(_ prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `body` with a new directory, removed when `body` ends, also when it throws.
    public static func with<T>(_ prefix: String, _ body: (URL) async throws -> T) async throws -> T {
        let directory = try make(prefix)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }
}
