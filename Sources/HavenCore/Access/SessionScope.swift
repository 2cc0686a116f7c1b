/// What a session may do.
public enum SessionScope: String, Sendable, Codable, Equatable {
    /// Everything the account's role allows.
    case full
    /// Only finishing sign-up: choosing a password in place of a one-time one and enrolling a
    /// second factor. Nothing else is reachable until both are done.
    case enrolment
}
