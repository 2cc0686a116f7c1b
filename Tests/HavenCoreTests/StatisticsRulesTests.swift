import Foundation
import HavenCore
import Testing

/// Persons affected are counted once per act, groups by their parts; arrival CSVs are read whole
/// or refused by row.
struct StatisticsRulesTests {
    @Test func personsAffectedCountNamedVictimsAndGroupsByTheirParts() throws {
        let event = UUID()
        let woman = Person(names: [PersonName("가상 여성", script: .hangul, system: .unknown)], sex: .female, ageRange: .decade(40))
        let boy = Person(names: [PersonName("가상 소년", script: .hangul, system: .unknown)], sex: .male, birthDate: try FuzzyDate(parsing: "2010"))
        let group = VictimGroup(eventID: event, size: 15, women: 13, children: 2)
        let date = try FuzzyDate(parsing: "2024-04-02")
        let acts = [Act(eventID: event, actType: .arrest, victimID: woman.id, date: date), Act(eventID: event, actType: .arrest, victimID: boy.id, date: date),
                    Act(eventID: event, actType: .arrest, victimGroupID: group.id, date: date),
                    Act(eventID: event, actType: .forcedRepatriation, victimID: woman.id, date: try FuzzyDate(parsing: "2024-06"))]
        let affected = PersonsAffected.count(acts: acts, persons: [woman.id: woman, boy.id: boy], groups: [group.id: group])
        let bySex = affected.table { $0.sex }
        #expect(bySex[.arrest] == [.female: 14, .male: 1, .unknown: 2] && bySex[.forcedRepatriation] == [.female: 1])
        let byAge = affected.table { $0.age }
        #expect(byAge[.arrest] == [.adult: 1, .child: 3, .unknown: 13], "the boy was 14; the group's children; its women of unknown age")
        #expect(affected.table { $0.year }[.arrest]?[2024] == 17)
    }

    @Test func arrivalCSVsAreReadWholeOrRefusedByRow() throws {
        let figures = try ArrivalFigure.parse(csv: "year,women,men,total\n2019,845,202,1047\n2018,899,238,1137\n")
        #expect(figures == [ArrivalFigure(year: 2018, women: 899, men: 238), ArrivalFigure(year: 2019, women: 845, men: 202)])
        #expect(try ArrivalFigure.parse(csv: "men,year,women\r\n10,2020,20").first == ArrivalFigure(year: 2020, women: 20, men: 10), "columns in any order")
        for (csv, row) in [("year,women\n2019,1", 1), ("year,women,men\n2019,1,2\n2019,3,4", 3), ("year,women,men\n2019,-1,2", 2),
                           ("year,women,men,total\n2019,1,2,4", 2), ("year,women,men\n1850,1,2", 2), ("", 1), ("year,women,men", 2)] {
            #expect(throws: ArrivalCSVError.self) { _ = try ArrivalFigure.parse(csv: csv) }
            do { _ = try ArrivalFigure.parse(csv: csv) } catch { #expect(error.row == row, "\(csv.debugDescription) fails at row \(row), not \(error.row)") }
        }
    }
}
