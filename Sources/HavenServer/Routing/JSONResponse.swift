import Foundation
import HavenCore
import Hummingbird

/// A JSON response, written as Haven's `JSONEncoder` settings write it by `SortedJSONEncoder`
/// (encoding a page of records was most of a search's work with `JSONEncoder`).
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
    let buffer = try SortedJSONEncoder().withEncoded(value) { ByteBuffer(bytes: $0) }
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
}

/// `{"items": […]}`: a whole list, not paged.
struct ItemList<Item: Encodable>: Encodable, SchemaDescribing {
    let items: [Item]

    init(_ items: [Item]) { self.items = items }

    static var schema: Schema {
        get throws { .object(properties: ["items": .array(try SchemaDecoder.schema(of: Item.self))], required: ["items"]) }
    }
}

/// One page of a longer list: its items, the total, and where the page starts.
struct PageEnvelope<Item: Encodable>: Encodable, SchemaDescribing {
    let items: [Item]
    let total: Int
    let offset: Int
    let limit: Int

    static var schema: Schema {
        get throws {
            .object(properties: ["items": .array(try SchemaDecoder.schema(of: Item.self)), "total": .integer, "offset": .integer, "limit": .integer],
                    required: ["items", "total", "offset", "limit"])
        }
    }
}

/// A reference to a record as the API writes it: its kind's code and its id.
struct RecordRefView: Codable, Equatable {
    let kind: RecordKind
    let id: String

    init(kind: RecordKind, id: UUID) {
        self.kind = kind
        self.id = id.wire
    }

    init(_ ref: RecordRef) { self.init(kind: ref.kind, id: ref.id) }
}
