@testable import CrossCountry
import Foundation
import Testing

/// Cached libraries are found by their plan and `JacobianSource.emitterVersion`, not by their C
/// (`PlanKey`): a change to the C that ccs generates must come with a new version, or libraries
/// built from the old C would be loaded for the new. This pins the version to a digest of the
/// library sources of every paper task (scalar code, tensor loops, workspace parts) in forward and
/// reverse order, so that such a change fails here until the version is raised.
struct EmitterVersionTests {
    static let recorded = (version: 3, digest: "d96dd6f72596cdd23a32ef67baadd2462b262cc8e8eae21a7bdb8ec963855fd1")

    @Test func theEmitterVersionNamesTheGeneratedC() throws {
        var hash = SHA256()
        for task in PaperTask.all {
            let graph = try task.traced()
            let game = try EliminationGame(graph.graph)
            for order in [game.forwardOrder, game.reverseOrder] {
                let compiler = try PlanCompiler(graph, order: order)
                hash.update(try JacobianSource.forCompiling(compiler, order: order, monitor: .unlimited).text.utf8)
            }
        }
        let digest = hash.finishHex()
        #expect(digest == Self.recorded.digest && JacobianSource.emitterVersion == Self.recorded.version,
                """
                the generated C changed: raise JacobianSource.emitterVersion (now \(JacobianSource.emitterVersion), recorded \
                \(Self.recorded.version)) and record it here with the digest \(digest)
                """)
    }
}
