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

    /// The people struck by these acts: each group's size (from `groupSizes`; 1 when unknown)
    /// and each named victim counted apart.
    public static func of(_ acts: [Act], groupSizes: [UUID: Int]) -> Int {
        let rule = PeopleCount(acts)
        return acts.reduce(0) { total, act in
            if let group = act.victimGroupID { return total + (groupSizes[group] ?? 1) }
            return total + (rule.countsApart(act) ? 1 : 0)
        }
    }
}
