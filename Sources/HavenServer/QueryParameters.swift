import Foundation
import HavenCore
import HavenStore
import Hummingbird

/// Reads list and search filters from the query string, refusing what does not parse.
enum QueryParameters {
    static let maximumLimit = 500

    static func recordQuery(_ params: Parameters) throws -> RecordQuery {
        var query = RecordQuery()
        let known: Set<String> = ["q", "kind", "status", "place", "from", "to", "parent", "type", "offset", "limit"]
        if let unknown = params.map({ String($0.key) }).first(where: { !known.contains($0) }) {
            throw Problem.badRequest("unknown query parameter '\(unknown.prefix(40))'; known: \(known.sorted().joined(separator: ", "))", field: unknown)
        }
        if let q = params.get("q"), !q.isEmpty {
            guard q.count <= 200 else { throw Problem.badRequest("q is longer than 200 characters", field: "q") }
            query.text = q
        }
        if let kinds = params.get("kind") {
            query.kinds = Set(try kinds.split(separator: ",").map { code in
                guard let kind = RecordKind(rawValue: String(code)) else {
                    throw Problem.badRequest("unknown kind '\(code.prefix(40))'; allowed: \(RecordKind.codes.joined(separator: ", "))", field: "kind")
                }
                return kind
            })
        }
        query.status = params.get("status")
        if let place = params.get("place") {
            guard Gazetteer.shared.place(code: place) != nil || place.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }) else {
                throw Problem.badRequest("place must be a place code such as KP-09 or CN-JL-YANJI", field: "place")
            }
            query.placeCode = place
        }
        query.from = try date(params.get("from"), "from", earliest: true)
        query.to = try date(params.get("to"), "to", earliest: false)
        if let parent = params.get("parent") {
            guard let id = UUID(uuidString: parent) else { throw Problem.badRequest("parent must be a UUID", field: "parent") }
            query.parentID = id
        }
        query.typeCode = params.get("type")
        query.offset = try number(params.get("offset"), "offset", default: 0, range: 0...Int(Int32.max))
        query.limit = try number(params.get("limit"), "limit", default: 50, range: 1...maximumLimit)
        return query
    }

    private static func date(_ text: String?, _ field: String, earliest: Bool) throws -> String? {
        guard let text else { return nil }
        do {
            let date = try FuzzyDate(parsing: text)
            return earliest ? date.earliest : date.latest
        } catch {
            throw Problem.badRequest("\(field): \(error.reason)", field: field)
        }
    }

    static func number(_ text: String?, _ field: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.badRequest("\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: field)
        }
        return number
    }
}
