import Foundation
import HavenCore
import HavenStore

/// One version in a record's history as its page lists it: when, by whom, and which fields it
/// changed from the version before (names of fields, never their values).
struct RecordVersion: Equatable {
    var version: Int
    var at: Date
    var deleted: Bool
    /// Who wrote it, by user name (nil when the log names no one the reader can be told of).
    var author: String?
    /// The fields that differ from the previous version, as the record's JSON names them; empty
    /// for the first version.
    var changed: [String] = []

    /// The versions of a history (oldest first), newest first, each with the fields it changed
    /// and its author named through `actors` in the reader's language.
    static func list<R: Record>(_ history: [Stored<R>], actors: ActorNames, language: Language) -> [RecordVersion] {
        let encoder = HavenJSON.encoder()
        let fields = history.map { stored -> [String: JSONValue] in
            guard let data = try? encoder.encode(stored.record),
                  case .object(let object)? = try? HavenJSON.decoder().decode(JSONValue.self, from: data) else { return [:] }
            return object
        }
        return history.indices.map { i in
            let changed = i == 0 ? [] : Set(fields[i].keys).union(fields[i - 1].keys).filter { fields[i][$0] != fields[i - 1][$0] }.sorted()
            return RecordVersion(version: history[i].version, at: history[i].updatedAt, deleted: history[i].deleted,
                                 author: history[i].author.flatMap { actors.name($0, language) }, changed: history[i].deleted ? [] : changed)
        }.reversed()
    }
}
