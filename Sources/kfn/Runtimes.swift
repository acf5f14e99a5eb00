import ArgumentParser
import Catalog
import Diagnostics

struct Runtimes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the runtime strings of a catalog with their phases.",
        discussion: "Validates the catalog like `kfn build` does; any Kubeless-schema catalog works.")

    @Option(name: .long, help: ArgumentHelp("The runtime catalog.", valueName: "file"))
    var runtimes = "runtimes/runtimes.jsonnet"

    @Flag(name: .long, help: "Treat catalog images that are not pinned by digest as errors.")
    var strict = false

    @Flag(name: .long, help: "Print the images of each phase too.")
    var images = false

    func run() throws {
        let catalog: Catalog
        do {
            let (c, warnings) = try CatalogLoader(path: runtimes, strict: strict).load()
            catalog = c
            Terminal.report(warnings)
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(1)
        }
        var rows: [[String]] = [["RUNTIME", "PHASES", "DEPS FILE", "SUFFIX"]]
        for rt in catalog.runtimes {
            for v in rt.versions {
                rows.append([rt.id + v.version, v.phaseSummary, rt.depName.isEmpty ? "-" : rt.depName, rt.fileNameSuffix])
                if images {
                    for i in v.images.sorted(by: { $0.phase < $1.phase }) { rows.append(["", "  " + i.phase.rawValue, i.image, ""]) }
                }
            }
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        for r in rows {
            print(zip(r, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        print("\(catalog.runtimeStrings.count) runtime strings in \(catalog.runtimes.count) runtimes")
    }
}
