import ArgumentParser
import CrossCountry
import Foundation
import Script

/// `--model NAME|FILE.ccs:FUNCTION`: the cost model a command prices orders under (`cost`, `search`,
/// `order`, `train`, and the search of `export`).
struct ModelOption: ParsableArguments {
    @Option(help: ArgumentHelp(ModelArgument.help + " Default: paper (for order, the policy's own).", valueName: "name|file.ccs:function"))
    var model: String?

    /// The model given, else the one named `fallback`; or a failure already reported on standard
    /// error (a `.ccs` file's output goes there too).
    func resolve(orElse fallback: String = CostModel.paper.name) throws -> CostModel {
        do throws(ModelArgumentError) {
            return try ModelArgument.resolve(model ?? fallback) { FileHandle.standardError.write(Data($0.utf8)) }
        } catch {
            if error.isLocated {
                FileHandle.standardError.write(Data((error.message.hasSuffix("\n") ? error.message : error.message + "\n").utf8))
                throw ExitCode(1)
            }
            throw fail(error.message)
        }
    }

    /// Throws the first step the model priced wrongly (a `.ccs` model's), as the language does.
    func check(_ model: CostModel) throws {
        guard let failure = model.failure else { return }
        throw fail("the cost model '\(model.name)' must give a finite number at least 0 for every step, but gave \(failure.value) for v\(failure.vertex)")
    }
}
