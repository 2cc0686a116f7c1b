import HavenCore
import HavenLinkage
import Testing

/// The CSV reader and the linkage input: RFC 4180 fields, problems named by line (never by
/// value), unknown columns reported, unreadable values counted as missing.
struct LinkInputTests {
    func table(_ text: String) throws(CSVError) -> CSVTable { try CSVTable(bytes: Array(text.utf8)) }

    @Test func quotedFieldsCommasQuotesAndLineBreaksAreRead() throws {
        let csv = "\u{FEFF}record_id,address\r\n1,\"12 Main St, Apt 3\"\r\n2,\"the \"\"old\"\" house\"\n\n3,\"two\nlines\"\n4,"
        let table = try table(csv)
        #expect(table.header == ["record_id", "address"])
        #expect(table.rows.map(\.fields) == [["1", "12 Main St, Apt 3"], ["2", "the \"old\" house"], ["3", "two\nlines"], ["4", ""]])
        #expect(table.rows.map(\.line) == [2, 3, 5, 7], "each row keeps the line it starts on, blank lines and breaks in quotes counted")
    }

    @Test func lineEndsQuotedLastFieldsAndNonASCIIFieldsAreRead() throws {
        let table = try table("record_id,name\r\n1,a\rb\r\n2,\"김정숙\"\r\n3,\"\"\n\n4,Jong-suk")
        #expect(table.rows.map(\.fields) == [["1", "a\rb"], ["2", "김정숙"], ["3", ""], ["4", "Jong-suk"]],
                "a lone CR is text; CRLF ends the line; a quoted field may end the line or the file")
        #expect(table.rows.map(\.line) == [2, 3, 4, 6])
        #expect(throws: CSVError(line: 2, reason: "is not valid UTF-8 text")) { try CSVTable(bytes: Array("id\n".utf8) + [0xC3, 0x28, 0x0A]) }
    }

    @Test func aLargeFileReadInPiecesKeepsEveryRowAndLine() throws {
        // Over 64 KB, so read in pieces; quoted line breaks and quotes fall near piece boundaries.
        var text = "\u{FEFF}record_id,address\n"
        var expected: [[String]] = [], lines: [Int] = []
        var line = 2
        for i in 0..<6_000 {
            let address = i % 7 == 0 ? "line one\nline \"two\"" : i % 5 == 0 ? "a, b" : "street \(i)"
            text += "\(i),\"\(address.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            if i % 11 == 0 { text += "\n"; line += 1 }
            expected.append(["\(i)", address])
            lines.append(line)
            line += i % 7 == 0 ? 2 : 1
            if i % 11 == 0 { lines[lines.count - 1] -= 1 }
        }
        let table = try table(text)
        #expect(Array(text.utf8).count > 1 << 16)
        #expect(table.rows.map(\.fields) == expected)
        #expect(table.rows.map(\.line) == lines)
        // A problem far into the file is named by its line, as a whole read would name it.
        #expect(throws: CSVError(line: line + 1, reason: "has 3 fields where the header has 2")) { try self.table(text + "\n1,b,c\n") }
        #expect(throws: CSVError(line: line, reason: "opens a quoted field that is never closed")) { try self.table(text + "x,\"open\n") }
    }

    @Test func malformedCSVIsNamedByItsLine() {
        #expect(throws: CSVError(line: 3, reason: "opens a quoted field that is never closed")) {
            try table("record_id,name\n1,a\n2,\"unclosed\n3,c\n")
        }
        #expect((try? table("record_id,name\n1,a\n2,b\"c\n")) == nil)
        do {
            _ = try table("record_id,name\n1,a\n2,b\"c\n")
        } catch {
            #expect(error.line == 3)
        }
        do {
            _ = try table("record_id,name\n1,a\n2,b,extra\n")
        } catch {
            #expect(error.description == "line 3 has 3 fields where the header has 2")
        }
        do {
            _ = try table("record_id,name\n1,\"a\"b\n")
        } catch {
            #expect(error.line == 2 && error.reason.contains("after a closing quote"))
        }
        #expect((try? table("")) == nil, "an empty file has no header")
    }

    @Test func unknownColumnsAreReportedAndUnreadableValuesCounted() throws {
        let csv = """
        record_id,name,birth_date,favourite_colour,sex,phone
        a,김정숙,1972-02-30,red,여,010-1234-5678
        b,Kim Jong-suk,1972-02,blue,x,12
        c,,1972,,,
        """
        let input = try LinkInput(csv: Array(csv.utf8))
        #expect(input.records.map(\.id) == ["a", "b", "c"])
        #expect(input.unknownColumns == ["favourite_colour"])
        #expect(input.unparsable == ["birth_date": 1, "sex": 1, "phone": 1])
        #expect(input.records[0].name == "김정숙" && input.records[2].name == nil, "an empty field is missing")
        #expect(input.records[0].birthDate == "1972-02-30", "kept as written; compared as missing")
    }

    @Test func recordIDsAreRequiredAndUnique() {
        do {
            _ = try LinkInput(csv: Array("name\n김정숙\n".utf8))
            Issue.record("no record_id column was accepted")
        } catch {
            #expect(error.line == 1 && error.reason.contains("record_id"))
        }
        do {
            _ = try LinkInput(csv: Array("record_id,name\n7,김정숙\n8,이영희\n7,박철수\n".utf8))
            Issue.record("a repeated id was accepted")
        } catch {
            #expect(error.description == "line 4 repeats the record_id of line 2")
            #expect(!error.description.contains("박철수"), "no value from the file appears in a message")
        }
        #expect((try? LinkInput(csv: Array("record_id,name\n ,김정숙\n".utf8))) == nil, "an empty id is refused")
    }
}
