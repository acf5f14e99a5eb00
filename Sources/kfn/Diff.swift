import ArgumentParser
import Compiler
import Output

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how out/ would change, as a unified diff, without writing anything.",
        discussion: "Exits 0 when out/ is up to date and 1 when it would change.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let result = try Terminal.compile(project.buildOptions)
        result.saveCache()
        if result.plan.isUpToDate { return }
        print(OutputDiff.render(result.plan), terminator: "")
        throw ExitCode(1)
    }
}
