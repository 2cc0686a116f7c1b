public import Foundation
/// Who is acting: every store call and every request handler receives one, so that
/// authorization and the audit log always know whose action it is.
public struct ActingIdentity: Sendable, Hashable {
    /// A stable identifier, recorded in the audit log.
    public let id: String
    /// A human name for logs and pages.
    public let displayName: String
    /// The compartments whose records this identity may see and change; nil means all of them
    /// (the local operator holding the vault key, and Haven itself). The store enforces it on
    /// every call, so a record outside them looks exactly like one that does not exist.
    public let compartments: Set<String>?
    /// Whether protected fields reach this identity unredacted. A reviewer reads records with
    /// their protected fields withheld; the store records such reads as redacted and refuses
    /// text search, which would otherwise reveal protected names by what it matches.
    public let seesProtected: Bool
    /// Where the request came from (the client address), for the access log; nil for local work.
    public let origin: String?

    /// Creates an identity.
    public init(id: String, displayName: String, compartments: Set<String>? = nil, seesProtected: Bool = true,
                origin: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.compartments = compartments
        self.seesProtected = seesProtected
        self.origin = origin
    }

    /// Whether records of this compartment are within reach.
    public func reaches(_ compartment: String) -> Bool {
        compartments?.contains(compartment) ?? true
    }

    /// The operator of a single-user local installation, before accounts exist.
    public static let localOperator = ActingIdentity(id: "local-operator", displayName: "Local operator")
    /// Haven itself, for work it does on its own (migrations, scheduled checks).
    public static let system = ActingIdentity(id: "system", displayName: "Haven")

    /// A signed-in account, known in the audit log by its id only (never its name).
    public static func account(_ id: UUID, compartments: Set<String> = [], seesProtected: Bool = true,
                               origin: String? = nil) -> ActingIdentity {
        ActingIdentity(id: "account:" + id.wire, displayName: "account", compartments: compartments,
                       seesProtected: seesProtected, origin: origin)
    }
}
