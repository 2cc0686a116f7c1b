import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// `haven import`: loads an export, all records or none.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records from a Haven JSON export (sealed or plaintext): all of them or none.",
        discussion: """
        Every record is validated first; if any is invalid or its id already exists, nothing is written
        and the message names the record and the field. A sealed export opens with the vault's own key
        when it came from this vault, or with --export-key-file for one from a key-file vault.

        Examples:
          haven import --data /srv/haven backup.haven.json
          haven import --data /srv/haven --export-key-file other.key transfer.haven.json
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(name: .customLong("export-key-file"), help: "The key file of the vault a sealed export came from.") var exportKeyFile: String?
    @Argument(help: "The export file.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        struct Format: Decodable { let format: String? }
        guard let format = try? JSONDecoder().decode(Format.self, from: data).format else {
            throw CLIError("\(file) is not a Haven export (not a JSON object with a format)")
        }
        try await vault.withUnlocked(as: .localOperator) { store, targetMaster in
            let documentData: Data
            switch format {
            case "haven-export-v1":
                documentData = data
            case "haven-sealed-export-v1":
                let sealed = try HavenJSON.decoder().decode(SealedExport.self, from: data)
                documentData = try open(sealed, targetHeader: await store.header, targetMaster: targetMaster)
            default:
                throw CLIError("\(file) has format '\(format.prefix(40))', which this Haven does not read")
            }
            let document: ExportDocument
            do {
                document = try HavenJSON.decoder().decode(ExportDocument.self, from: documentData)
            } catch let error as DecodingError {
                throw CLIError("\(file) is not a valid export: \(ExportCoding.describe(error))")
            }
            let records = try ExportCoding.records(of: document)
            do {
                let count = try await store.importRecords(records, by: .localOperator)
                print("Imported \(count) records.")
            } catch let error as StoreError {
                throw CLIError("nothing was imported: \(error)")
            }
        }
    }

    private func open(_ sealed: SealedExport, targetHeader: VaultHeader?, targetMaster: MasterKey) throws -> Data {
        let master: MasterKey
        if let exportKeyFile {
            master = try KeyFile.read(exportKeyFile)
        } else if let header = targetHeader, header.vaultID == sealed.vaultID {
            master = targetMaster
        } else if let scrypt = sealed.scrypt {
            let passphrase = try Passphrase.read(prompt: "Passphrase of the exporting vault / 내보낸 보관소의 암호문: ")
            master = try MasterKey.derive(passphrase: passphrase, parameters: scrypt)
        } else {
            throw CLIError("this export came from a key-file vault: give --export-key-file PATH")
        }
        guard master.matches(keyCheck: sealed.keyCheck, vaultID: sealed.vaultID) else {
            throw CLIError("the key does not open this export; nothing was imported")
        }
        do {
            return try ExportSealer.open(sealed.ciphertext, master: master, salt: sealed.salt, vaultID: sealed.vaultID)
        } catch {
            throw CLIError("the export failed its integrity check (altered or damaged); nothing was imported")
        }
    }
}
