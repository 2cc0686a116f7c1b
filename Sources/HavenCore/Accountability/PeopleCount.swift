import Foundation

/// How many people an incident's acts struck, each person once: every member of a counted group,
/// and every named victim who is not one of a group struck by the same kind of act. "A group of
/// 15, among them 리순희" is 15 people, not 16; a named victim the group does not include is one
/// more.
public struct PeopleCount: Sendable {
    private struct Struck: Hashable { let group: UUID; let type: ActType }
    /// The groups struck among the acts, and how.
    private let struck: Set<Struck>

    /// The rule over these acts (of one incident, or of one period): built once, so that
    /// counting many acts stays linear.
    public init(_ acts: [Act]) {
        struck = Set(acts.compactMap { act in act.victimGroupID.map { Struck(group: $0, type: act.actType) } })
    }

    /// Whether a named victim's act counts a person of its own: not when the victim is one of a
    /// group the same kind of act struck. Acts on groups are counted by their size, never by this.
    public func countsApart(_ act: Act) -> Bool {
        guard act.victimGroupID == nil else { return false }
        guard let group = act.memberOfGroupID else { return true }
        return !struck.contains(Struck(group: group, type: act.actType))
    }

    /// The people these acts struck, each person once however many acts they suffered (an
    /// arrest, then detention, then repatriation is one person): every group struck, by its size
    /// (from `groupSizes`; 1 when unknown), and every named victim who is not one of a group
    /// struck among the acts. The people an incident affected.
    public static func distinct(_ acts: [Act], groupSizes: [UUID: Int]) -> Int {
        let groups = Set(acts.compactMap(\.victimGroupID))
        var counted = Set<UUID>(), inGroup = Set<UUID>()
        for act in acts {
            guard let victim = act.victimID else { continue }
            counted.insert(victim)
            if let group = act.memberOfGroupID, groups.contains(group) { inGroup.insert(victim) }
        }
        return groups.reduce(0) { $0 + (groupSizes[$1] ?? 1) } + counted.subtracting(inGroup).count
    }
}
