import Foundation
import ZIPFoundation

/// Reads the files out of a function archive into memory, so that nothing reaches the disk before
/// the whole import is known to succeed. Entries that would leave the folder (absolute paths,
/// `..`) and links are refused: the archive comes from a cluster object, not from the user's disk.
///
/// Zip goes through ZIPFoundation: entries are listed and checked before any byte is inflated, and
/// it needs no `unzip` on the machine. Tarballs go through the system `tar`, which every Debian and
/// macOS has and which detects gzip, bzip2 and xz by itself (as the Kubeless `prepare` step's
/// `tar xf` did); the archive is listed first and extracted into a private temporary folder.
enum ArchiveReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    static func zip(_ data: Data) throws(Failure) -> [String: Data] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Failure("not a zip archive (\(error))")
        }
        var files: [String: Data] = [:]
        for entry in archive {
            let path = try checked(entry.path)
            switch entry.type {
            case .directory: continue
            case .symlink: throw Failure("entry '\(entry.path)' is a symbolic link")
            case .file:
                var bytes = Data()
                do { _ = try archive.extract(entry) { bytes.append($0) } } catch {
                    throw Failure("entry '\(entry.path)' cannot be read (\(error))")
                }
                files[path] = bytes
            }
        }
        return files
    }

    static func tar(_ data: Data) throws(Failure) -> [String: Data] {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("kfn-import-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        do {
            try fm.createDirectory(at: dir.appendingPathComponent("x"), withIntermediateDirectories: true)
            try data.write(to: dir.appendingPathComponent("archive"))
        } catch { throw Failure("cannot stage the archive: \(error)") }
        let archive = dir.appendingPathComponent("archive").path
        // List first: refuse escaping names before tar writes anything.
        for name in try run(["-tf", archive]).split(separator: "\n") {
            _ = try checked(String(name))
        }
        _ = try run(["-xf", archive, "-C", dir.appendingPathComponent("x").path, "--no-same-owner", "--no-same-permissions"])
        var files: [String: Data] = [:]
        let root = dir.appendingPathComponent("x")
        for rel in (fm.subpaths(atPath: root.path) ?? []).sorted() {
            let url = root.appendingPathComponent(rel)
            let type = (try? fm.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) ?? nil
            switch type {
            case .typeDirectory?: continue
            case .typeRegular?: files[rel] = fm.contents(atPath: url.path)
            default: throw Failure("entry '\(rel)' is not a regular file (links and devices are refused)")
            }
        }
        return files
    }

    /// The entry's path relative to the folder, or a failure when it would leave it.
    private static func checked(_ path: String) throws(Failure) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        let parts = p.split(separator: "/", omittingEmptySubsequences: true)
        if path.hasPrefix("/") || parts.contains("..") {
            throw Failure("entry '\(path)' points outside the function folder")
        }
        return parts.joined(separator: "/")
    }

    private static func run(_ arguments: [String]) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw Failure("cannot run tar: \(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("not a readable tarball (tar: \(String(decoding: e, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
