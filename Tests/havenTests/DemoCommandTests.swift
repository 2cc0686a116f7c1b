import Foundation
@testable import haven
import Testing
import HavenTestSupport

/// `haven demo` leaves nothing behind: its folder (a vault with its key file beside it) goes when
/// it is stopped, and a folder left by a demo that was killed is removed by the next one.
@Suite(.serialized)
struct DemoCommandTests {
    func scratch() throws -> URL {
        let root = try TemporaryDirectory.make("haven-demo-test")
        return root
    }

    func demoFolders(in root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(Demo.folderPrefix) }.sorted()
    }

    @Test func aFolderLeftByAKilledDemoIsRemovedAndALiveOnesIsKept() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        // A process that has ended: its pid names no process now.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        for (name, pid) in [("dead", ended.processIdentifier), ("live", getpid())] {
            let folder = root.appendingPathComponent(Demo.folderPrefix + name)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("keys"), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("keys/demo.key").path, contents: Data("key".utf8))
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("pid").path, contents: Data("\(pid)".utf8))
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(Demo.folderPrefix + "starting"), withIntermediateDirectories: true)
        Demo.removeAbandonedDemos(in: root)
        #expect(try demoFolders(in: root) == [Demo.folderPrefix + "live", Demo.folderPrefix + "starting"])
    }

    /// The real program, stopped as a terminal or a service manager stops it.
    @Test(arguments: [SIGTERM, SIGINT])
    func aStoppedDemoRemovesItsVaultAndKey(signal: Int32) async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("haven")
        let xctestSibling = URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent().appendingPathComponent("haven")
        let haven = [binary, xctestSibling].first { FileManager.default.isExecutableFile(atPath: $0.path) }
        let program = try #require(haven, "the haven binary is built beside the tests")
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let process = Process()
        process.executableURL = program
        process.arguments = ["demo", "--port", String(Int.random(in: 20_000...40_000))]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": root.path]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the demo has made its vault and printed its accounts.
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while !printed.contains("Open http"), Date() < deadline, process.isRunning {
            printed += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(printed.contains("Open http"))
        #expect(try demoFolders(in: root).count == 1)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(try demoFolders(in: root).isEmpty, "the demo's vault and key file are gone")
    }

    /// The review: `haven serve` said "listening on" before it bound the port, then exited with
    /// "Address already in use". It says so only once the port is bound.
    @Test func aServerWhosePortIsTakenNeverSaysItIsListening() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("haven")
        let xctestSibling = URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent().appendingPathComponent("haven")
        let program = try #require([binary, xctestSibling].first { FileManager.default.isExecutableFile(atPath: $0.path) })
        // Take a port on 127.0.0.1.
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(bound == 0 && listen(socketFD, 1) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))

        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let process = Process()
        process.executableURL = program
        process.arguments = ["demo", "--port", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": root.path]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(!printed.contains("listening on"), "\(printed.suffix(300))")
    }
}
