import ArgumentParser
import Foundation
import HavenCore
import HavenStore

extension Audit {
    /// `haven audit log`: the access log, filtered by record, actor, action and period.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Show the access log: who read or changed which record, signed in, exported, when and from where.",
            discussion: """
            Prints one entry per line, newest first, tab-separated: sequence, time (UTC), actor, action,
            kind, record id, detail. Entries hold ids and counts, never a protected value. The query itself
            is added to the log.

            Examples:
              haven audit log --data /srv/haven --record 0b7e2f64-3a51-4c1e-9d0a-5f1e2b3c4d5e
              haven audit log --data /srv/haven --actor minjung --since 2024-08-01 --until 2024-08-31
              haven audit log --data /srv/haven --action login --limit 50
            """
        )

        @OptionGroup var vault: VaultOptions
        @Option(help: "A record id (a person's included): its writes, reads, and lists or searches that returned it.") var record: String?
        @Option(help: "A user name, or an identity id such as local-operator.") var actor: String?
        @Option(help: "An action or prefix: login, read, record, export, account, audit.") var action: String?
        @Option(help: "From this date (YYYY-MM-DD) or instant.") var since: String?
        @Option(help: "Up to and including this date, or before this instant.") var until: String?
        @Option(help: "At most this many entries.") var limit: Int = 100

        func validate() throws {
            if let record, UUID(uuidString: record) == nil { throw ValidationError("--record must be a record id (UUID)") }
            if let since, AuditQuery.instant(since, endOfDay: false) == nil { throw ValidationError("--since must be a date such as 2024-08-21") }
            if let until, AuditQuery.instant(until, endOfDay: true) == nil { throw ValidationError("--until must be a date such as 2024-08-31") }
            if !(1...100_000).contains(limit) { throw ValidationError("--limit must be from 1 to 100000") }
        }

        func run() async throws {
            try await vault.withUnlocked(as: .localOperator) { store, _ in
                var query = AuditQuery(recordID: record.flatMap(UUID.init(uuidString:)), actionPrefix: action,
                                       since: since.flatMap { AuditQuery.instant($0, endOfDay: false) },
                                       until: until.flatMap { AuditQuery.instant($0, endOfDay: true) }, limit: limit)
                let accounts = try await store.accounts()
                let names = Dictionary(uniqueKeysWithValues: accounts.map { (ActingIdentity.account($0.account.id).id, $0.account.username) })
                if let actor {
                    if let id = names.first(where: { $0.value == Account.normaliseUsername(actor) })?.key {
                        query.actor = id
                    } else if actor.hasPrefix("account:") || actor == ActingIdentity.localOperator.id || actor == ActingIdentity.system.id {
                        query.actor = actor
                    } else {
                        throw CLIError("no account named \(Account.normaliseUsername(actor)) / 그런 계정이 없습니다")
                    }
                }
                let page = try await store.auditEntries(query, by: .localOperator)
                for e in page.items {
                    print([String(e.seq), e.at, names[e.actor] ?? e.actor, e.action, e.kind, e.recordID, e.detail].joined(separator: "\t"))
                }
                let more = page.total - page.items.count
                FileHandle.standardError.write(Data("\(page.items.count) of \(page.total) matching entries\(more > 0 ? "; raise --limit to see more" : "")\n".utf8))
            }
        }
    }
}
