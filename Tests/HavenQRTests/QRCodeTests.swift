import Foundation
@testable import HavenQR
import Testing
import HavenTestSupport

/// The QR encoder behind enrolment by scanning: its parts against published values, and, when
/// zbarimg is installed (`.ci/run` installs it), whole symbols decoded by an independent reader.
struct QRCodeTests {
    /// The worked example of Thonky's QR tutorial, "HELLO WORLD" at 1-M: its 16 data codewords
    /// and the 10 error-correction codewords the tutorial derives from them.
    @Test func reedSolomonMatchesThePublishedHelloWorldExample() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ecc = ReedSolomon.remainder(data, divisor: ReedSolomon.generator(degree: 10))
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    /// ISO/IEC 18004's format information for level M and masks 0…7, as tabulated.
    @Test func formatBitsMatchTheStandardsTable() {
        let table = ["101010000010010", "101000100100101", "101111001111100", "101101101001011",
                     "100010111111001", "100000011001110", "100111110010111", "100101010100000"]
        for (mask, bits) in table.enumerated() { #expect(QRMatrix.formatBits(mask: mask) == Int(bits, radix: 2), "mask \(mask)") }
    }

    /// Version information for versions 7…40 (ISO/IEC 18004 annex D, as ZXing tabulates it).
    @Test func versionBitsMatchTheStandardsTable() {
        let table = [0x07C94, 0x085BC, 0x09A99, 0x0A4D3, 0x0BBF6, 0x0C762, 0x0D847, 0x0E60D, 0x0F928, 0x10B78,
                     0x1145D, 0x12A17, 0x13532, 0x149A6, 0x15683, 0x168C9, 0x177EC, 0x18EC4, 0x191E1, 0x1AFAB,
                     0x1B08E, 0x1CC1A, 0x1D33F, 0x1ED75, 0x1F250, 0x209D5, 0x216F0, 0x228BA, 0x2379F, 0x24B0B,
                     0x2542E, 0x26A64, 0x27541, 0x28C69]
        for (offset, bits) in table.enumerated() { #expect(QRMatrix.versionBits(7 + offset) == bits, "version \(7 + offset)") }
    }

    /// Alignment pattern centres from annex E, and byte-mode capacities at level M.
    @Test func alignmentPositionsAndCapacitiesMatchTheStandard() {
        let centres: [Int: [Int]] = [1: [], 2: [6, 18], 7: [6, 22, 38], 14: [6, 26, 46, 66], 16: [6, 26, 50, 74],
                                     32: [6, 34, 60, 86, 112, 138], 36: [6, 24, 50, 76, 102, 128, 154],
                                     40: [6, 30, 58, 86, 114, 142, 170]]
        for (version, expected) in centres { #expect(QRMatrix.alignmentCentres(version) == expected, "version \(version)") }
        let capacities = [1: 14, 2: 26, 3: 42, 4: 62, 5: 84, 10: 213, 40: 2331]
        for (version, bytes) in capacities {
            #expect(QRCode.dataCapacity(version) * 8 >= QRCode.bitLength(count: bytes, version: version), "version \(version)")
            #expect(QRCode.dataCapacity(version) * 8 < QRCode.bitLength(count: bytes + 1, version: version), "version \(version)")
        }
        #expect(throws: QRCode.EncodingError.tooLong(2332)) { try QRCode(bytes: [UInt8](repeating: 65, count: 2332)) }
    }

    @Test func aSymbolHasItsFinderPatternsTimingAndDarkModule() throws {
        let code = try QRCode(text: "otpauth://totp/Haven:minjung?secret=JBSWY3DPEHPK3PXP&issuer=Haven")
        #expect(code.size == 17 + 4 * code.version)
        let m = code.modules, n = code.size
        for (x, y) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            // Dark outer ring, light ring, dark 3×3 centre.
            #expect((0..<7).allSatisfy { m[y][x + $0] && m[y + 6][x + $0] && m[y + $0][x] && m[y + $0][x + 6] })
            #expect((1..<6).allSatisfy { !m[y + 1][x + $0] && !m[y + 5][x + $0] })
            #expect((2..<5).allSatisfy { i in (2..<5).allSatisfy { m[y + i][x + $0] } })
        }
        #expect((8..<(n - 8)).allSatisfy { m[6][$0] == ($0 % 2 == 0) && m[$0][6] == ($0 % 2 == 0) })
        #expect(m[n - 8][8])
        let svg = code.svg(title: "Haven <enrolment>")
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>") && !svg.contains("style"))
        #expect(svg.contains("<title>Haven &lt;enrolment></title>"))
    }

    static let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first(where: FileManager.default.isExecutableFile(atPath:))

    /// Whole symbols read back by zbarimg, an independent decoder, at several versions and masks.
    /// Reported as skipped where zbar-tools is missing; `.ci/run` installs it.
    @Test(.enabled(if: QRCodeTests.zbarimg != nil, "needs zbarimg from Debian's zbar-tools"))
    func zbarimgReadsBackWhatWasEncoded() throws {
        let zbarimg = try #require(Self.zbarimg)
        let dir = try TemporaryDirectory.make("haven-qr")
        defer { try? FileManager.default.removeItem(at: dir) }
        let texts = ["Haven", "otpauth://totp/Haven%20demo:demo-analyst?secret=Z2UONZHG4IAPXE2EJHJDNMUYCSX643CD&issuer=Haven%20demo&algorithm=SHA1&digits=6&period=30",
                     String(repeating: "0123456789abcdef", count: 40)]
        for (i, text) in texts.enumerated() {
            for mask in [nil, 3, 7] {
                let code = try mask.map { try QRCode(bytes: Array(text.utf8), mask: $0) } ?? QRCode(text: text)
                let file = dir.appendingPathComponent("code-\(i)-\(mask ?? -1).pgm")
                try Data(code.pgm()).write(to: file)
                let process = Process(), output = Pipe()
                process.executableURL = URL(fileURLWithPath: zbarimg)
                process.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file.path]
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                let read = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(read.trimmingCharacters(in: .newlines) == text, "version \(code.version) mask \(code.mask)")
            }
        }
    }
}
