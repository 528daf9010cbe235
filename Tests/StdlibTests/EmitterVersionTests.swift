@testable import CrossCountry
import Foundation
import Testing

/// Cached libraries are found by their plan and `JacobianSource.emitterVersion`, not by their C
/// (`PlanKey`): a change to the C that ccs generates must come with a new version, or libraries
/// built from the old C would be loaded for the new. This pins the version to a digest of the
/// library sources of every paper task (scalar code, tensor loops, workspace parts) in forward and
/// reverse order (one-point and vector libraries), so that such a change fails here until the version is raised.
struct EmitterVersionTests {
    static let recorded = (version: 7, digest: "c3d54e526a47a13de1425582bfeb6665147d0c5b9bbf0a38f616c67de6aae312")

    @Test func theEmitterVersionNamesTheGeneratedC() throws {
        var hash = SHA256()
        for task in PaperTask.all {
            let graph = try task.traced()
            let game = try EliminationGame(graph.graph)
            for (order, versions) in [(game.forwardOrder, JacobianSource.Versions.point), (game.reverseOrder, .lanes)] {
                let compiler = try PlanCompiler(graph, order: order)
                hash.update(try JacobianSource.forCompiling(compiler, order: order, versions: versions, monitor: .unlimited).text.utf8)
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
