/// A QR code (ISO/IEC 18004, Model 2) of bytes, at error-correction level M (15 % of the
/// symbol can be lost), for enrolling an authenticator app by scanning. Written here because
/// the package mirror holds no QR library; the Reed–Solomon, format and version codes are
/// tested against published values, and `.ci/run` decodes a rendered symbol with zbarimg.
public struct QRCode: Sendable, Equatable {
    /// The version, 1…40 (the symbol is 17 + 4 × version modules wide).
    public let version: Int
    /// The mask pattern chosen, 0…7.
    public let mask: Int
    /// Modules row by row; true is dark.
    public let modules: [[Bool]]

    /// The width and height in modules, without the quiet zone.
    public var size: Int { modules.count }

    /// Why bytes could not be encoded.
    public enum EncodingError: Error, Equatable {
        /// More bytes than version 40 at level M holds (2,331).
        case tooLong(Int)
    }

    /// Encodes bytes in byte mode at the smallest version that holds them, choosing the mask
    /// with the lowest penalty (or `mask` when given).
    public init(bytes: [UInt8], mask forcedMask: Int? = nil) throws(EncodingError) {
        guard let version = (1...40).first(where: { Self.dataCapacity($0) * 8 >= Self.bitLength(count: bytes.count, version: $0) }) else {
            throw .tooLong(bytes.count)
        }
        var symbol = QRMatrix(version: version)
        symbol.drawFunctionPatterns()
        symbol.drawCodewords(Self.interleaved(Self.dataCodewords(bytes, version: version), version: version))
        let chosen = forcedMask ?? (0..<8).min { a, b in
            symbol.masked(a).penalty < symbol.masked(b).penalty || (symbol.masked(a).penalty == symbol.masked(b).penalty && a < b)
        }!
        let final = symbol.masked(chosen)
        self.version = version
        self.mask = chosen
        self.modules = final.modules
    }

    /// Encodes text as UTF-8.
    public init(text: String) throws(EncodingError) {
        try self.init(bytes: Array(text.utf8))
    }

    // MARK: - Capacity and data

    /// Error-correction codewords per block at level M, by version (ISO/IEC 18004 table 9).
    static let eccPerBlock = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
                              26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28]
    /// Error-correction blocks at level M, by version.
    static let blocks = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
                         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49]

    /// Modules available for data and error correction once the function patterns are placed.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// Data codewords a symbol of this version holds at level M.
    static func dataCapacity(_ version: Int) -> Int {
        rawDataModules(version) / 8 - eccPerBlock[version] * blocks[version]
    }

    /// Bits of a byte-mode segment: mode, count, data.
    static func bitLength(count: Int, version: Int) -> Int {
        4 + (version <= 9 ? 8 : 16) + 8 * count
    }

    /// The byte-mode segment, terminated and padded to the version's capacity.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version <= 9 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = dataCapacity(version) * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < dataCapacity(version) {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits data into blocks, appends each block's Reed–Solomon codewords, and interleaves.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let blockCount = blocks[version], eccLength = eccPerBlock[version]
        let rawCodewords = rawDataModules(version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortLength = rawCodewords / blockCount
        let divisor = ReedSolomon.generator(degree: eccLength)
        var dataBlocks: [[UInt8]] = [], eccBlocks: [[UInt8]] = []
        var offset = 0
        for i in 0..<blockCount {
            let length = shortLength - eccLength + (i < shortBlocks ? 0 : 1)
            let block = Array(data[offset..<offset + length])
            offset += length
            dataBlocks.append(block)
            eccBlocks.append(ReedSolomon.remainder(block, divisor: divisor))
        }
        var result: [UInt8] = []
        for column in 0..<(shortLength - eccLength + 1) {
            for block in dataBlocks where column < block.count { result.append(block[column]) }
        }
        for column in 0..<eccLength {
            for block in eccBlocks { result.append(block[column]) }
        }
        return result
    }
}

/// Bits appended most significant first.
struct BitWriter {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, i in byte << 1 | (start + i < bits.count && bits[start + i] ? 1 : 0) }
        }
    }
}

/// Reed–Solomon error correction over GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for i in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> UInt8(i)) & 1) * Int(x)
        }
        return UInt8(product)
    }

    /// The generator (x − α^0)(x − α^1)…(x − α^(degree−1)), leading coefficient dropped.
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    /// The error-correction codewords of `data`.
    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in 0..<divisor.count { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
