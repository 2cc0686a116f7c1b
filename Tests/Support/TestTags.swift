import Foundation
public import Testing

extension Tag {
    /// Also runs against a real PostgreSQL server when `HAVEN_TEST_POSTGRES_URL` names one.
    @Tag public static var postgres: Self
    /// Drives a real Chromium (printing to PDF); skipped where none is installed.
    @Tag public static var browser: Self
    /// Takes tens of seconds (tens of thousands of records); left out under `HAVEN_FAST_TESTS=1`.
    @Tag public static var slow: Self
}

/// What the environment asks of the test run.
public enum TestRun {
    /// Whether the slow tests run: always, unless `HAVEN_FAST_TESTS=1` asks for the fast suite
    /// alone (a developer's quick loop; CI runs everything).
    public static var includesSlowTests: Bool { ProcessInfo.processInfo.environment["HAVEN_FAST_TESTS"] != "1" }
}

extension Trait where Self == ConditionTrait {
    /// Leaves a slow test out of a fast run (`HAVEN_FAST_TESTS=1`).
    public static var skippedInFastRuns: Self {
        .enabled(if: TestRun.includesSlowTests, "a slow test; HAVEN_FAST_TESTS=1 leaves it out")
    }
}
