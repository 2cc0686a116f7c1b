import Foundation
import HavenCore
import Hummingbird

/// The parsing a request's body goes through before any handler acts on it, without a server
/// around it: what `haven-fuzz` feeds hostile bytes to. Each entry runs the code the routes run,
/// and throws what they would answer as a 4xx; nothing here may crash or hang on any input.
package enum RequestParsing {
    /// A JSON body for `POST /api/<kind>` (`kind` a ``RecordKind`` code): parsed, given the
    /// defaults the route fills in, decoded into the record and validated.
    package static func record(kindCode: String, body: Data) throws {
        guard let kind = RecordKind(rawValue: kindCode) else { return }
        var object = try jsonObject(body)
        func decode<R: Record>(_ type: R.Type) throws {
            if object["id"] == nil || object["id"] == .null { object["id"] = .string(UUID().uuidString) }
            var record = try RecordBody.record(R.self, from: RecordBody.filled(R.self, object, compartment: Compartment.default))
            record.prepareForIntake(ValidationContext())
            try record.validate()
        }
        try decode(RecordTypes.type(for: kind))
    }

    /// A JSON body for `POST /api/incidents`, decoded as ``IncidentController`` decodes it.
    package static func incident(body: Data) throws {
        _ = try IncidentController.decode(try jsonObject(body))
    }

    /// A `multipart/form-data` body with its boundary, as the import pages read it; answers how
    /// many fields and files it held.
    package static func multipart(body: Data, boundary: String) throws -> Int {
        let form = try MultipartForm(ByteBuffer(bytes: body), boundary: try MultipartForm.checked(boundary: boundary))
        return form.fields.count + form.files.count
    }

    private static func jsonObject(_ body: Data) throws -> [String: JSONValue] {
        guard case .object(let object) = try HavenJSON.decoder().decode(JSONValue.self, from: body) else {
            throw Problem.badRequest("the body must be a JSON object")
        }
        return object
    }
}
