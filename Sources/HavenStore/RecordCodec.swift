import Foundation
import HavenCore
import HavenCrypto

/// A record as it lies in the database: coded fields in plaintext JSON, each protected field
/// sealed on its own.
struct SealedRow: Sendable, Equatable {
    var id: UUID
    var kind: RecordKind
    var compartment: String
    var version: Int
    var keyVersion: Int
    /// Plaintext JSON of the coded fields (no id, no compartment: they are columns).
    var coded: String
    /// JSON object of field name → base64 sealed value.
    var sealed: String
    var facets: RowFacets
    var deleted: Bool
    var updatedAt: Date

    /// SHA-256 over what is stored, bound into the audit entry that wrote it.
    var contentHash: String {
        SHA256Hex.of(Data("\(id.wire)|\(kind.code)|\(compartment)|\(version)|\(keyVersion)|\(deleted)|\(coded)|\(sealed)".utf8))
    }
}

/// The facets that are stored in plaintext columns: codes and coarse (year-month) dates only.
struct RowFacets: Sendable, Equatable {
    var status: String?
    var placeCode: String?
    var dateFrom: String?
    var dateTo: String?
    var parentID: String?
    var typeCode: String?

    init(_ facets: RecordFacets) {
        status = facets.status
        placeCode = facets.placeCode
        dateFrom = facets.from?.coarse
        dateTo = facets.to?.coarse
        parentID = facets.parentID?.wire
        typeCode = facets.typeCode
    }

    init(status: String?, placeCode: String?, dateFrom: String?, dateTo: String?, parentID: String?, typeCode: String?) {
        self.status = status
        self.placeCode = placeCode
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.parentID = parentID
        self.typeCode = typeCode
    }
}

/// Splits records into coded and sealed parts and joins them again.
struct RecordCodec: Sendable {
    let dataKeys: @Sendable (String, Int?) throws -> DataKey

    /// The seal context of one field of one version of one record.
    static func context(kind: RecordKind, id: UUID, version: Int, field: String, keyVersion: Int) -> SealContext {
        SealContext(table: "records.\(kind.code)", recordID: "\(id.wire)#\(version)", field: field, keyVersion: keyVersion)
    }

    func seal<R: Record>(_ record: R, version: Int, deleted: Bool = false, at date: Date) throws -> SealedRow {
        // One encoding, split as it is put together: the coded fields as one object, each
        // protected field's JSON apart (before: the record encoded, parsed back into a tree,
        // and each part encoded again: a sixth of a bulk load's time).
        let split = try SortedJSONEncoder(instants: .stored).split(record, apart: R.protectedFields, dropping: ["id", "compartment"])
        let key = try dataKeys(record.compartment, nil)
        var sealed: [String: String] = [:]
        for (field, plaintext) in split.apart {
            let context = Self.context(kind: R.kind, id: record.id, version: version, field: field, keyVersion: key.version)
            sealed[field] = try key.seal(Data(plaintext), for: context).base64EncodedString()
        }
        return SealedRow(
            id: record.id, kind: R.kind, compartment: record.compartment, version: version, keyVersion: key.version,
            coded: String(decoding: split.rest, as: UTF8.self),
            sealed: String(decoding: try SortedJSONEncoder(instants: .stored).encode(sealed), as: UTF8.self),
            facets: RowFacets(record.facets), deleted: deleted, updatedAt: date
        )
    }

    func open<R: Record>(_ type: R.Type, _ row: SealedRow) throws -> R {
        // The record's JSON is assembled by splicing bytes rather than through a JSONValue
        // tree: the coded part is already a JSON object and each opened field is a JSON
        // value, so one decode of `R` is all the parsing needed. Unlocking a large vault spends
        // most of its time here.
        let coded = Array(row.coded.utf8)
        guard coded.first == UInt8(ascii: "{"), coded.last == UInt8(ascii: "}"), Compartment.problems(row.compartment).isEmpty else {
            throw StoreError.corrupt("coded fields of a \(row.kind.code) are not an object")
        }
        let decoder = HavenJSON.decoder(instants: .stored)
        let sealed = try SealedFields.parse(row.sealed) ?? decoder.decode([String: String].self, from: Data(row.sealed.utf8))
        let key = try dataKeys(row.compartment, row.keyVersion)
        var json = Data(capacity: coded.count + row.sealed.count + 96)
        json.append(contentsOf: #"{"id":""#.utf8)
        json.append(contentsOf: row.id.uuidString.utf8)
        json.append(contentsOf: #"","compartment":""#.utf8)
        json.append(contentsOf: row.compartment.utf8)
        json.append(UInt8(ascii: "\""))
        for (field, base64) in sealed {
            guard R.protectedFields.contains(field), let bytes = Data(base64Encoded: base64) else {
                throw StoreError.corrupt("unexpected sealed field in a \(row.kind.code)")
            }
            let context = Self.context(kind: row.kind, id: row.id, version: row.version, field: field, keyVersion: row.keyVersion)
            let plaintext: Data
            do {
                plaintext = try key.open(bytes, for: context)
            } catch {
                throw StoreError.corrupt("a sealed field of \(row.kind.code) \(row.id.wire) failed to open")
            }
            // Field names come from `R.protectedFields` (checked above), plain identifiers.
            json.append(contentsOf: ",\"\(field)\":".utf8)
            json.append(plaintext)
        }
        if coded.count > 2 {
            json.append(UInt8(ascii: ","))
            json.append(contentsOf: coded[1...])
        } else {
            json.append(UInt8(ascii: "}"))
        }
        do {
            return try decoder.decode(R.self, from: json)
        } catch {
            throw StoreError.corrupt("a \(row.kind.code) did not decode after opening")
        }
    }

    /// The same row with every protected field opened under its own key version and sealed
    /// again under `key`. The plaintext exists only in memory, field by field.
    func reseal(_ row: SealedRow, under key: DataKey) throws -> SealedRow {
        let old = try dataKeys(row.compartment, row.keyVersion)
        let sealed = try HavenJSON.decoder(instants: .stored).decode([String: String].self, from: Data(row.sealed.utf8))
        var resealed: [String: String] = [:]
        for (field, base64) in sealed {
            guard let bytes = Data(base64Encoded: base64) else { throw StoreError.corrupt("a sealed field is not base64") }
            let plaintext: Data
            do {
                plaintext = try old.open(bytes, for: Self.context(kind: row.kind, id: row.id, version: row.version, field: field,
                                                                   keyVersion: row.keyVersion))
            } catch {
                throw StoreError.corrupt("a sealed field of \(row.kind.code) \(row.id.wire) failed to open")
            }
            let context = Self.context(kind: row.kind, id: row.id, version: row.version, field: field, keyVersion: key.version)
            resealed[field] = try key.seal(plaintext, for: context).base64EncodedString()
        }
        var next = row
        next.keyVersion = key.version
        next.sealed = String(decoding: try HavenJSON.encoder(instants: .stored).encode(resealed), as: UTF8.self)
        return next
    }
}
