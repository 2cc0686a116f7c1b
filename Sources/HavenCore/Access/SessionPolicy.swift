public import Foundation

/// How long a signed-in session lives: it ends after `idleTimeout` without a request and, in any
/// case, `absoluteTimeout` after sign-in (OWASP ASVS 5.0, level 3: 15 minutes and 12 hours).
public struct SessionPolicy: Sendable, Equatable {
    /// Longest pause between two requests.
    public var idleTimeout: TimeInterval
    /// Longest life of a session, however active.
    public var absoluteTimeout: TimeInterval

    /// The defaults: 15 minutes idle, 12 hours absolute.
    public init(idleTimeout: TimeInterval = 15 * 60, absoluteTimeout: TimeInterval = 12 * 60 * 60) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
    }

    /// How stale a session's last-seen time may grow before a request writes it again: the idle
    /// timeout counts from the last request to within this many seconds, and a busy session
    /// writes its row once in this interval instead of on every request (each write waits for
    /// a sync of the disk).
    public static let touchInterval: TimeInterval = 5

    /// Whether a request at `now` on a session last seen at `lastSeen` should record itself.
    public func needsTouch(lastSeen: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeen) >= Self.touchInterval
    }

    /// Why a session started at `createdAt` and last used at `lastSeen` is over at `now`, or nil
    /// while it is alive.
    public func expiry(createdAt: Date, lastSeen: Date, now: Date) -> SessionEnd? {
        if now.timeIntervalSince(createdAt) >= absoluteTimeout { return .absolute }
        if now.timeIntervalSince(lastSeen) >= idleTimeout { return .idle }
        return nil
    }
}

/// Why a session ended.
public enum SessionEnd: String, Sendable, Equatable {
    /// Too long without a request.
    case idle
    /// Older than the absolute limit.
    case absolute
    /// Signed out, password changed, or account disabled.
    case revoked
}

/// When an account may try to sign in again: a growing delay after repeated failures, and at
/// most `maximumPerHour` failures in any hour, after which the account waits out the hour.
/// The state lives with the account (sealed), so it survives restarts and holds across servers.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures allowed in an hour before the account is held for the rest of it.
    public var maximumPerHour = 100
    /// Failures before any delay: a person mistyping twice waits for nothing.
    public var freeFailures = 3
    /// Longest single delay.
    public var maximumDelay: TimeInterval = 15 * 60

    /// The default throttle.
    public init() {}

    /// The failures still counted at `now`: those within the last hour.
    public func recent(_ failures: [Date], now: Date) -> [Date] {
        failures.filter { now.timeIntervalSince($0) < 3_600 }.sorted()
    }

    /// Seconds until the account may try again, or nil when it may try now.
    public func wait(after failures: [Date], now: Date) -> TimeInterval? {
        let recent = recent(failures, now: now)
        guard let last = recent.last, recent.count >= freeFailures else { return nil }
        if recent.count >= maximumPerHour {
            // Held until the oldest counted failure leaves the hour.
            let until = recent[recent.count - maximumPerHour].addingTimeInterval(3_600)
            return until > now ? until.timeIntervalSince(now) : nil
        }
        // 1 s after the third failure, doubling with each one after, up to the maximum.
        let delay = min(maximumDelay, pow(2, Double(recent.count - freeFailures)))
        let until = last.addingTimeInterval(delay)
        return until > now ? until.timeIntervalSince(now) : nil
    }
}
