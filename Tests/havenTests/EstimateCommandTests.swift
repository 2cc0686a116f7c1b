import ArgumentParser
import Foundation
@testable import haven
import HavenStats
import HavenTestSupport
import Testing

/// `haven estimate` on real files: the JSON object the issue names, and bad files stopped with
/// their line.
struct EstimateCommandTests {
    func write(_ text: String) throws -> (URL, String) {
        let directory = try TemporaryDirectory.make("haven-estimate")
        let path = directory.appendingPathComponent("lists.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    @Test func theJSONObjectHasEveryFieldTheIssueNames() throws {
        let (directory, path) = try write("B,D,M,count\n1,0,0,60\n0,1,0,49\n1,1,0,4\n0,0,1,247\n1,0,1,112\n0,1,1,142\n1,1,1,12\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let histories = try Estimate.read(path)
        let estimate = try LogLinearEstimator().estimate(histories)
        let json = Estimate.render(estimate, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["method", "lists", "observed", "estimate", "lower", "upper", "level"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["method"] as? String == "loglinear" && object["observed"] as? Int == 626)
        #expect(object["lists"] as? [String] == ["B", "D", "M"])
        let value = try #require(object["estimate"] as? Double)
        #expect(abs(value - 730.9285714) < 1e-3, "Rcapture's estimate for the model BIC chooses")

        // No upper bound is written as null, not left out.
        var unbounded = estimate
        unbounded.upper = nil
        let again = try #require(try JSONSerialization.jsonObject(with: Data(Estimate.render(unbounded, as: .json).utf8)) as? [String: Any])
        #expect(again["upper"] is NSNull)

        let csv = Estimate.render(estimate, as: .csv).split(separator: "\n")
        #expect(csv.count == 2 && csv[0] == "method,lists,observed,estimate,lower,upper,level,model")
        #expect(csv[1].hasPrefix("loglinear,B;D;M,626,730.93,"))
        #expect(Estimate.render(estimate, as: .text).contains("estimated population: 731 (95% interval 700 to 766)"))
    }

    @Test func aBadFileStopsWithItsLineAndTheProblem() throws {
        for (text, message) in [
            ("A,B,count\n1,0,5\n0,0,3\n", "line 3: a history on no list"),
            ("A,B\n1,0\n0,7\n", "line 3: the column \"B\" must be 0 or 1"),
            ("A,count\n1,4\n", "at least two lists"),
            ("A,B,count\n1,1,-2\n", "line 2: the count is negative"),
            ("A,B\n\"1,0\n", "line 2"),
        ] {
            let (directory, path) = try write(text)
            defer { try? FileManager.default.removeItem(at: directory) }
            do {
                _ = try Estimate.read(path)
                Issue.record("\(text) was read")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
        #expect(throws: (any Error).self) { try Estimate.read("/nonexistent/lists.csv") }
    }

    @Test func optionsAreRangeChecked() {
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--level", "1"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--criterion", "dic"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--method", "magic"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--samples", "5"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--thinning", "0"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--classes", "1000"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--samples", "1000000", "--thinning", "10000"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--model", "A*B"]) }
        #expect(throws: Never.self) { try Haven.parseAsRoot(["estimate", "--input", "x.csv", "--method", "loglinear", "--model", "A*B"]) }
    }
}
