import HavenCore

/// How pages name whoever the access log says acted: an account by its user name, the
/// command line's local operator and Haven's own jobs (the hourly sweep, scheduled backups) in
/// words of the reader's language. One place, for a record's history and its access trail.
struct ActorNames: Sendable {
    /// User names by the access log's actor ids (`account:…`).
    var accounts: [String: String] = [:]

    static let localOperator = LocalizedLabel(en: "local operator (command line)", ko: "로컬 운영자(명령줄)")
    static let system = LocalizedLabel(en: "Haven (automatic)", ko: "Haven 자동 처리")

    /// The actor's name, or nil for one the reader cannot be told of (a removed account).
    func name(_ actor: String, _ language: Language) -> String? {
        if let username = accounts[actor] { return username }
        switch actor {
        case ActingIdentity.localOperator.id: return language(Self.localOperator)
        case ActingIdentity.system.id: return language(Self.system)
        default: return nil
        }
    }
}
