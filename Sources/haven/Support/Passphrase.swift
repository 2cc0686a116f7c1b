import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads passphrases: from the terminal without echo, or one line from standard input when no
/// terminal is attached (scripts, CI).
enum Passphrase {
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    static func read(prompt: String) throws -> String {
        let line: String?
        if isInteractive {
            FileHandle.standardError.write(Data(prompt.utf8))
            var old = termios()
            tcgetattr(STDIN_FILENO, &old)
            var silent = old
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
            line = Swift.readLine(strippingNewline: true)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &old)
            FileHandle.standardError.write(Data("\n".utf8))
        } else {
            line = Swift.readLine(strippingNewline: true)
        }
        guard let line, !line.isEmpty else { throw CLIError("no passphrase was given") }
        return line
    }

    /// Asks for a new passphrase twice on a terminal; takes one line from standard input otherwise.
    static func readNew() throws -> String {
        let first = try read(prompt: "New passphrase / 새 암호문: ")
        guard first.count >= 12 else {
            throw CLIError("the passphrase must be at least 12 characters / 암호문은 12자 이상이어야 합니다")
        }
        if isInteractive {
            let second = try read(prompt: "Again / 다시 입력: ")
            guard first == second else { throw CLIError("the two passphrases differ; nothing was created") }
        }
        return first
    }
}
