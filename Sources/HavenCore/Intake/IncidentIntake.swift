import Foundation

/// An incident as it arrives at intake, in one pass: the event, what was done to whom (named
/// victims and victims counted as a group), who did it or took part (perpetrators, brokers,
/// facilitating organisations), and who reported it with how reliable that is.
///
/// ``records(compartment:newID:context:)`` turns it into the records of the event model
/// ("who did what to whom"): one ``Event``; one ``Act`` per named victim and per group, each
/// of the incident's act type; a ``Person`` per named victim and per individual actor, an
/// ``Organisation`` per organisational actor; an ``Involvement`` of every actor in every act;
/// a ``Source`` and an ``Information`` (about the event, with reliability and credibility) per
/// source. The store writes them in one transaction, so an incident is kept whole or not at all.
public struct IncidentIntake: Sendable, Codable, Equatable {
    /// The incident itself; its id and compartment are set when the records are made.
    public var event: Event
    /// What was done to the victims (arrest, forced repatriation …). Needed when there are
    /// victims or actors, since acts carry it.
    public var actType: ActType?
    /// Victims known by name.
    public var victims: [NamedVictim]
    /// Victims counted but not identified.
    public var groups: [CountedVictims]
    /// Perpetrators, brokers and other people or organisations involved.
    public var actors: [IncidentActor]
    /// Who reported the incident.
    public var sources: [IncidentSource]

    /// Creates an intake.
    public init(event: Event, actType: ActType? = nil, victims: [NamedVictim] = [], groups: [CountedVictims] = [],
                actors: [IncidentActor] = [], sources: [IncidentSource] = []) {
        self.event = event
        self.actType = actType
        self.victims = victims
        self.groups = groups
        self.actors = actors
        self.sources = sources
    }

    /// The most rows of each list one intake may carry.
    public static let maximumRows = 50

    /// A victim known by name.
    public struct NamedVictim: Sendable, Codable, Equatable {
        /// The name as written, Hangul or Latin (its script is recognised).
        public var name: String
        /// Another spelling, e.g. a romanisation of a Hangul name.
        public var otherName: String?
        public var sex: Sex
        /// An approximate age ("in her 50s" is 50–59).
        public var age: AgeRange?
        /// The victim's situation at the end of the act.
        public var status: VictimStatus
        /// The position in ``IncidentIntake/groups`` of the group this victim is one of ("a
        /// group of 15, among them 리순희"), so that they are counted once, in it.
        public var inGroup: Int?

        /// Creates a named victim.
        public init(name: String, otherName: String? = nil, sex: Sex = .unknown, age: AgeRange? = nil, status: VictimStatus = .unknown,
                    inGroup: Int? = nil) {
            self.name = name
            self.otherName = otherName
            self.sex = sex
            self.age = age
            self.status = status
            self.inGroup = inGroup
        }
    }

    /// Victims counted but not named, such as "13 women and 2 children".
    public struct CountedVictims: Sendable, Codable, Equatable {
        public var size: Int
        public var women: Int?
        public var men: Int?
        public var children: Int?
        public var description: String?
        public var status: VictimStatus

        /// Creates a counted group.
        public init(size: Int, women: Int? = nil, men: Int? = nil, children: Int? = nil, description: String? = nil,
                    status: VictimStatus = .unknown) {
            self.size = size
            self.women = women
            self.men = men
            self.children = children
            self.description = description
            self.status = status
        }
    }

    /// A person or organisation involved, with their role: a new record by name, or one already
    /// in the records (`existing`), so that a broker's incidents gather under one record.
    public struct IncidentActor: Sendable, Codable, Equatable {
        public var name: String
        /// The kind of organisation, or nil for an individual person.
        public var organisationKind: OrganisationKind?
        public var role: InvolvementRole
        public var degree: InvolvementDegree
        /// A person or organisation already recorded; its name and kind are then not needed.
        public var existing: RecordRef?

        /// Creates an actor.
        public init(name: String, organisationKind: OrganisationKind? = nil, role: InvolvementRole,
                    degree: InvolvementDegree = .unknown, existing: RecordRef? = nil) {
            self.name = name
            self.organisationKind = organisationKind
            self.role = role
            self.degree = degree
            self.existing = existing
        }
    }

    /// A source of the account, with how they know and how far they and it can be trusted.
    public struct IncidentSource: Sendable, Codable, Equatable {
        public var name: String
        public var kind: SourceKind
        public var connection: SourceConnection
        public var reliability: Reliability
        public var credibility: Credibility
        public var receivedDate: FuzzyDate?
        /// What the source said.
        public var content: String?

        /// Creates a source entry.
        public init(name: String, kind: SourceKind, connection: SourceConnection = .unknown, reliability: Reliability = .f,
                    credibility: Credibility = .cannotBeJudged, receivedDate: FuzzyDate? = nil, content: String? = nil) {
            self.name = name
            self.kind = kind
            self.connection = connection
            self.reliability = reliability
            self.credibility = credibility
            self.receivedDate = receivedDate
            self.content = content
        }
    }

    /// The records the intake stands for, or every problem found, each named by the intake's
    /// own path (`victims[1].name`, `groups[0].size`, `actType` …) so that a form can show it
    /// beside its field. Nothing is partly made: either all records or the problems.
    public func records(compartment: String, newID: () -> UUID = UUID.init,
                        context: ValidationContext = .init()) -> Result<[any Record], ValidationError> {
        var problems: [FieldProblem] = []
        func collect(_ found: [FieldProblem], under prefix: String, renaming: [String: String] = [:]) {
            for problem in found where problem.field != "compartment" {
                let field = renaming[problem.field] ?? problem.field
                problems.append(FieldProblem(field: prefix.isEmpty ? field : "\(prefix).\(field)", message: problem.message))
            }
        }
        for (list, count) in [("victims", victims.count), ("groups", groups.count), ("actors", actors.count), ("sources", sources.count)]
        where count > Self.maximumRows {
            problems.append(FieldProblem(field: list, message: "has more than \(Self.maximumRows) rows"))
        }
        var event = self.event
        event.id = newID()
        event.compartment = compartment
        collect(event.problems(in: context), under: "")
        var records: [any Record] = [event]
        let needsActs = !victims.isEmpty || !groups.isEmpty || !actors.isEmpty
        if needsActs && actType == nil {
            problems.append(FieldProblem(field: "actType", message: "is required when the incident has victims or actors"))
        }
        let actType = self.actType ?? .arrest
        var acts: [Act] = []
        func act(victim: UUID?, group: UUID?, status: VictimStatus) -> Act {
            Act(id: newID(), compartment: compartment, eventID: event.id, actType: actType, victimID: victim, victimGroupID: group,
                date: event.startDate, placeCode: event.placeCode, victimStatus: status)
        }
        for (i, victim) in victims.enumerated() {
            var names = [PersonName(victim.name, script: NameScript.of(victim.name), system: .unknown)]
            if let other = victim.otherName { names.append(PersonName(other, script: NameScript.of(other), system: .unknown)) }
            let person = Person(id: newID(), compartment: compartment, names: names, sex: victim.sex, ageRange: victim.age)
            collect(person.problems(in: context), under: "victims[\(i)]",
                    renaming: ["names[0].value": "name", "names[1].value": "otherName", "ageRange": "age",
                               "ageRange.minimum": "age", "ageRange.maximum": "age"])
            records.append(person)
            acts.append(act(victim: person.id, group: nil, status: victim.status))
        }
        var groupIDs: [UUID] = []
        for (i, counted) in groups.enumerated() {
            let group = VictimGroup(id: newID(), compartment: compartment, eventID: event.id, size: counted.size, women: counted.women,
                                    men: counted.men, children: counted.children, description: counted.description)
            collect(group.problems(in: context), under: "groups[\(i)]")
            records.append(group)
            groupIDs.append(group.id)
            acts.append(act(victim: nil, group: group.id, status: counted.status))
        }
        // A named victim who is one of a group: counted once, in the group.
        for (i, victim) in victims.enumerated() {
            guard let position = victim.inGroup else { continue }
            guard groupIDs.indices.contains(position) else {
                problems.append(FieldProblem(field: "victims[\(i)].inGroup", message: "must be one of this incident's groups"))
                continue
            }
            acts[i].memberOfGroupID = groupIDs[position]
        }
        // Actors without victims still did something within the event: one act holds them.
        if acts.isEmpty && !actors.isEmpty { acts.append(act(victim: nil, group: nil, status: .unknown)) }
        records += acts.map { $0 as any Record }
        for (i, actor) in actors.enumerated() {
            let actorID = actor.existing?.id ?? newID()
            var isOrganisation = actor.organisationKind != nil
            if let existing = actor.existing {
                isOrganisation = existing.kind == .organisation
                if existing.kind != .person && existing.kind != .organisation {
                    problems.append(FieldProblem(field: "actors[\(i)].existing", message: "must be a person or an organisation"))
                }
            } else if let kind = actor.organisationKind {
                let organisation = Organisation(id: actorID, compartment: compartment, name: actor.name, organisationKind: kind,
                                                placeCode: event.placeCode)
                collect(organisation.problems(in: context).filter { $0.field != "placeCode" }, under: "actors[\(i)]")
                records.append(organisation)
            } else {
                let person = Person(id: actorID, compartment: compartment,
                                    names: [PersonName(actor.name, script: NameScript.of(actor.name), system: .unknown)])
                collect(person.problems(in: context), under: "actors[\(i)]", renaming: ["names[0].value": "name"])
                records.append(person)
            }
            for act in acts {
                records.append(Involvement(id: newID(), compartment: compartment, actID: act.id,
                                           personID: isOrganisation ? nil : actorID, organisationID: isOrganisation ? actorID : nil,
                                           role: actor.role, degree: actor.degree))
            }
        }
        for (i, entry) in sources.enumerated() {
            let source = Source(id: newID(), compartment: compartment, name: entry.name, sourceKind: entry.kind)
            collect(source.problems(in: context), under: "sources[\(i)]")
            let information = Information(id: newID(), compartment: compartment, sourceID: source.id, subjectID: event.id,
                                          receivedDate: entry.receivedDate, connection: entry.connection,
                                          reliability: entry.reliability, credibility: entry.credibility, content: entry.content)
            collect(information.problems(in: context), under: "sources[\(i)]")
            records += [source, information]
        }
        return problems.isEmpty ? .success(records) : .failure(ValidationError(problems: problems))
    }
}

extension NameScript {
    /// The script a name is written in: Hangul when it has any Hangul syllable or letter, Han
    /// for Chinese characters, Latin for ASCII letters, otherwise other.
    public static func of(_ name: String) -> NameScript {
        var sawLatin = false, sawHan = false
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: return .hangul
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: sawHan = true
            case 0x41...0x5A, 0x61...0x7A: sawLatin = true
            default: break
            }
        }
        return sawHan ? .han : sawLatin ? .latin : .other
    }
}

// MARK: - Decoding

// Rows of an intake as a script sends them: only a name (or a size) is needed; everything else
// has the value an untouched form would give ("unknown", "cannot be judged").

extension IncidentIntake.NamedVictim {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), otherName: try c.decodeIfPresent(String.self, forKey: .otherName),
                  sex: try c.decodeIfPresent(Sex.self, forKey: .sex) ?? .unknown, age: try c.decodeIfPresent(AgeRange.self, forKey: .age),
                  status: try c.decodeIfPresent(VictimStatus.self, forKey: .status) ?? .unknown,
                  inGroup: try c.decodeIfPresent(Int.self, forKey: .inGroup))
    }
}

extension IncidentIntake.CountedVictims {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(size: try c.decode(Int.self, forKey: .size), women: try c.decodeIfPresent(Int.self, forKey: .women),
                  men: try c.decodeIfPresent(Int.self, forKey: .men), children: try c.decodeIfPresent(Int.self, forKey: .children),
                  description: try c.decodeIfPresent(String.self, forKey: .description),
                  status: try c.decodeIfPresent(VictimStatus.self, forKey: .status) ?? .unknown)
    }
}

extension IncidentIntake.IncidentActor {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let existing = try c.decodeIfPresent(RecordRef.self, forKey: .existing)
        self.init(name: existing == nil ? try c.decode(String.self, forKey: .name) : try c.decodeIfPresent(String.self, forKey: .name) ?? "",
                  organisationKind: try c.decodeIfPresent(OrganisationKind.self, forKey: .organisationKind),
                  role: try c.decode(InvolvementRole.self, forKey: .role),
                  degree: try c.decodeIfPresent(InvolvementDegree.self, forKey: .degree) ?? .unknown, existing: existing)
    }
}

extension IncidentIntake.IncidentSource {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), kind: try c.decode(SourceKind.self, forKey: .kind),
                  connection: try c.decodeIfPresent(SourceConnection.self, forKey: .connection) ?? .unknown,
                  reliability: try c.decodeIfPresent(Reliability.self, forKey: .reliability) ?? .f,
                  credibility: try c.decodeIfPresent(Credibility.self, forKey: .credibility) ?? .cannotBeJudged,
                  receivedDate: try c.decodeIfPresent(FuzzyDate.self, forKey: .receivedDate),
                  content: try c.decodeIfPresent(String.self, forKey: .content))
    }
}

extension IncidentIntake {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(event: try c.decode(Event.self, forKey: .event), actType: try c.decodeIfPresent(ActType.self, forKey: .actType),
                  victims: try c.decodeIfPresent([NamedVictim].self, forKey: .victims) ?? [],
                  groups: try c.decodeIfPresent([CountedVictims].self, forKey: .groups) ?? [],
                  actors: try c.decodeIfPresent([IncidentActor].self, forKey: .actors) ?? [],
                  sources: try c.decodeIfPresent([IncidentSource].self, forKey: .sources) ?? [])
    }
}
