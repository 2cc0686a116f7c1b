/// The module grid of a QR code while it is built: function patterns, data placement, masks.
/// Coordinates are (x: column, y: row) from the top left, as in ISO/IEC 18004.
struct QRMatrix {
    let version: Int
    let size: Int
    var modules: [[Bool]]
    /// Modules that belong to finder, timing, alignment, format or version patterns.
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y][x] = dark
        isFunction[y][x] = true
    }

    // MARK: - Function patterns

    mutating func drawFunctionPatterns() {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        drawFinder(3, 3)
        drawFinder(size - 4, 3)
        drawFinder(3, size - 4)
        let centres = Self.alignmentCentres(version)
        for (i, cx) in centres.enumerated() {
            for (j, cy) in centres.enumerated() {
                // Not over the three finder patterns.
                let corner = (i == 0 && j == 0) || (i == 0 && j == centres.count - 1) || (i == centres.count - 1 && j == 0)
                if !corner { drawAlignment(cx, cy) }
            }
        }
        // Reserve the format areas now (drawn for real once the mask is known), and the version.
        drawFormat(mask: 0)
        drawVersion()
    }

    /// A 7×7 finder with its light separator, centred on (x, y).
    mutating func drawFinder(_ x: Int, _ y: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let distance = max(abs(dx), abs(dy))
                let (px, py) = (x + dx, y + dy)
                if (0..<size).contains(px) && (0..<size).contains(py) {
                    set(px, py, distance != 2 && distance != 4)
                }
            }
        }
    }

    mutating func drawAlignment(_ x: Int, _ y: Int) {
        for dy in -2...2 {
            for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// Centres of the alignment patterns along one axis (ISO/IEC 18004 annex E).
    static func alignmentCentres(_ version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var result = [6]
        var position = 17 + 4 * version - 7
        var tail: [Int] = []
        for _ in 0..<(count - 1) {
            tail.insert(position, at: 0)
            position -= step
        }
        result += tail
        return result
    }

    /// The 15 format bits for level M and a mask: 5 data bits, BCH(15,5) with 0x537, XOR 0x5412.
    static func formatBits(mask: Int) -> Int {
        let data = (0b00 << 3) | mask  // level M is 00
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18 version bits: 6 data bits, BCH(18,6) with 0x1F25.
    static func versionBits(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    mutating func drawFormat(mask: Int) {
        let bits = Self.formatBits(mask: mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)  // the dark module
    }

    mutating func drawVersion() {
        guard version >= 7 else { return }
        let bits = Self.versionBits(version)
        for i in 0..<18 {
            let dark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            set(a, b, dark)
            set(b, a, dark)
        }
    }

    // MARK: - Data

    /// Places codewords in the zigzag order: two-module columns from the right, up and down
    /// in turn, skipping the vertical timing pattern and every function module.
    mutating func drawCodewords(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !isFunction[y][x], index < codewords.count * 8 else { continue }
                    modules[y][x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
    }

    static func maskApplies(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// The symbol with a mask applied to the data modules and its format bits drawn.
    func masked(_ mask: Int) -> QRMatrix {
        var result = self
        for y in 0..<size {
            for x in 0..<size where !isFunction[y][x] && Self.maskApplies(mask, x: x, y: y) { result.modules[y][x].toggle() }
        }
        result.drawFormat(mask: mask)
        return result
    }

    // MARK: - Penalty (ISO/IEC 18004 §7.8.3)

    var penalty: Int {
        var score = 0
        let columns = (0..<size).map { x in (0..<size).map { modules[$0][x] } }
        for line in modules + columns {
            // N1: runs of five or more of one colour.
            var run = 1
            for i in 1..<size {
                if line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { score += run - 2 }
            // N3: 1:1:3:1:1 finder-like patterns with four light modules on one side, the
            // quiet zone counting as light.
            let padded = [Bool](repeating: false, count: 4) + line + [Bool](repeating: false, count: 4)
            let pattern = [true, false, true, true, true, false, true]
            for start in 0...(padded.count - 7) where Array(padded[start..<start + 7]) == pattern {
                let before = start >= 4 && !padded[(start - 4)..<start].contains(true)
                let after = start + 11 <= padded.count && !padded[(start + 7)..<(start + 11)].contains(true)
                if before || after { score += 40 }
            }
        }
        // N2: 2×2 blocks of one colour.
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) where modules[y][x] == modules[y][x + 1] && modules[y][x] == modules[y + 1][x]
                && modules[y][x] == modules[y + 1][x + 1] {
                score += 3
            }
        }
        // N4: distance of the dark share from half, in steps of 5 %.
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        score += 10 * (abs(dark * 100 - total * 50) / (total * 5))
        return score
    }
}
