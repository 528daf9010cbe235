/// The shape of a policy/value network: per-vertex features in, a pre-LayerNorm transformer over
/// the live vertices, a per-vertex policy logit and a mean-pooled value out.
public struct Architecture: Equatable, Sendable, CustomStringConvertible {
    /// Features per vertex (fixed by the feature set).
    public var features: Int
    /// The token width d.
    public var width: Int
    public var layers: Int
    public var heads: Int
    /// The hidden width of each layer's feed-forward block.
    public var feedForward: Int
    /// The hidden width of the policy and value heads.
    public var headHidden: Int

    public init(features: Int, width: Int = 32, layers: Int = 2, heads: Int = 4, feedForward: Int = 64, headHidden: Int = 32) {
        self.features = features
        self.width = width
        self.layers = layers
        self.heads = heads
        self.feedForward = feedForward
        self.headHidden = headHidden
    }

    /// What is wrong with these numbers, if anything.
    public var problem: String? {
        if features < 1 || width < 1 || layers < 0 || heads < 1 || feedForward < 1 || headHidden < 1 {
            return "every size must be positive"
        }
        if width % heads != 0 { return "the width \(width) is not a multiple of the \(heads) heads" }
        if width > 1024 || layers > 64 || feedForward > 8192 || headHidden > 8192 || features > 4096 {
            return "the network is implausibly large"
        }
        return nil
    }

    public var description: String {
        "d=\(width), \(layers) layers, \(heads) heads, feed-forward \(feedForward), heads \(headHidden), \(features) features"
    }
}
