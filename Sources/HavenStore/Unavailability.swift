import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

/// Which driver errors mean that the database cannot be reached or cannot write now, rather than
/// that this request did something wrong: a PostgreSQL server that is down, restarting or
/// shutting down, a connection that broke, a disk that is full or failing under SQLite. The
/// request then fails with 503 and a reason that names no value (a driver's own message can
/// quote a statement), and the server keeps serving what it can.
enum Unavailability {
    /// A short reason (never a value from a statement), or nil for an error of another kind.
    static func reason(_ error: any Error) -> String? {
        if let postgres = error as? PSQLError {
            switch postgres.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
                return "the connection to PostgreSQL was lost"
            case .server:
                // Class 08 (connection exception) and 57P0x (the server shutting down, crashed,
                // or starting up and not yet accepting connections).
                let state = postgres.serverInfo?[.sqlState] ?? ""
                if state.hasPrefix("08") || state.hasPrefix("57P") { return "PostgreSQL is shutting down or starting up" }
                return nil
            default:
                return nil
            }
        }
        if error is PostgresConnectionLost { return "the connection to PostgreSQL was lost" }
        if error is ConnectionPoolTimeoutError { return "no connection to PostgreSQL came free in time" }
        if error is ChannelError || error is IOError || error is NIOConnectionError {
            return "PostgreSQL cannot be reached"
        }
        if let sqlite = error as? SQLiteError {
            switch sqlite.reason {
            case .full: return "the disk is full"
            case .ioError, .ioErrorFailedRead, .ioErrorIncompleteRead, .ioErrorFailedWrite, .ioErrorFailedSync, .ioErrorFailedDirSync,
                 .ioErrorFailedTruncate, .ioErrorFailedStat, .ioErrorFailedAccess, .ioErrorFailedDelete, .ioErrorFailedClose,
                 .ioErrorFailedSharedMemOpen, .ioErrorFailedSharedMemSize, .ioErrorFailedSharedMemMap, .ioErrorFailedMemoryMap:
                return "the disk failed a read or write"
            case .cantOpen, .cantOpenDirectory: return "the database file cannot be opened"
            case .readOnly, .readonlyDirectory, .readonlyCantLock: return "the database file cannot be written"
            default: return nil
            }
        }
        return nil
    }
}
