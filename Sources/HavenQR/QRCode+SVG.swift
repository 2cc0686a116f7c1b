import Foundation

extension QRCode {
    /// The symbol as a standalone SVG: dark runs of each row as one path, a light quiet zone
    /// of four modules, presentation attributes only (no `style`), so a strict CSP shows it.
    public func svg(moduleSize: Int = 4, title: String = "QR code") -> String {
        let quiet = 4
        let width = (size + 2 * quiet) * moduleSize
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < size {
                guard row[x] else { x += 1; continue }
                let start = x
                while x < size && row[x] { x += 1 }
                path += "M\(start + quiet) \(y + quiet)h\(x - start)v1h-\(x - start)z"
            }
        }
        let escapedTitle = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let side = size + 2 * quiet
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(width)" viewBox="0 0 \(side) \(side)" \
        shape-rendering="crispEdges" role="img"><title>\(escapedTitle)</title>\
        <rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
        """
    }

    /// The symbol as a plain PGM image (8-bit grey), for decoders in tests and scripts.
    public func pgm(moduleSize: Int = 4) -> [UInt8] {
        let quiet = 4, side = (size + 2 * quiet) * moduleSize
        var pixels = Array("P5\n\(side) \(side)\n255\n".utf8)
        for py in 0..<side {
            for px in 0..<side {
                let (x, y) = (px / moduleSize - quiet, py / moduleSize - quiet)
                let dark = (0..<size).contains(x) && (0..<size).contains(y) && modules[y][x]
                pixels.append(dark ? 0 : 255)
            }
        }
        return pixels
    }
}
