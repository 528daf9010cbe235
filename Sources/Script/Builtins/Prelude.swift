/// Helpers written in `.ccs` itself, loaded beneath every session: their traced expansion is plain
/// primitives, as the same helpers in JAX expand. Each `fn` is documented by the comment lines above
/// it (a summary, then `# example: …`).
enum Prelude {
    /// The name its functions' locations carry.
    static let fileName = "<prelude>"

    static let source = """
    # The average of the elements, or along one axis: a sum, then a division by the count.
    # example: mean([[1, 2], [3, 4]], axis: 0)
    fn mean(x, axis = (), keepdims = false) = sum(x, axis: axis, keepdims: keepdims) / size(x, axis: axis)

    # The variance: the mean squared deviation from the mean, over all elements or one axis.
    # example: variance([1, 2, 3, 4])
    fn variance(x, axis = (), keepdims = false) {
      let d = x - mean(x, axis: axis, keepdims: true)
      mean(d^2, axis: axis, keepdims: keepdims)
    }

    # The rectified linear unit max(x, 0), elementwise.
    # example: relu([-1, 2])
    fn relu(x) = max(x, 0)

    # The logistic sigmoid written out, 1 / (1 + exp(-x)); logistic(x) is the single primitive.
    # example: sigmoid(0)
    fn sigmoid(x) = 1 / (1 + exp(-x))

    # SiLU (swish): x times its sigmoid.
    # example: silu([-1, 0, 1])
    fn silu(x) = x * sigmoid(x)

    # Softmax along an axis (the last by default), shifted by the stopped maximum as JAX computes it.
    # example: softmax([1, 2, 3])
    fn softmax(x, axis = -1) {
      let e = exp(x - stop_gradient(max(x, axis: axis, keepdims: true)))
      e / sum(e, axis: axis, keepdims: true)
    }

    # The logarithm of the softmax along an axis.
    # example: log_softmax([1, 2, 3])
    fn log_softmax(x, axis = -1) {
      let shifted = x - stop_gradient(max(x, axis: axis, keepdims: true))
      shifted - log(sum(exp(shifted), axis: axis, keepdims: true))
    }

    # Layer normalization along an axis: (x - mean) / sqrt(variance + eps) * gamma + beta.
    # example: layer_norm([1, 2, 3, 4], 1, 0)
    fn layer_norm(x, gamma, beta, axis = -1, eps = 1e-6) {
      let mu = mean(x, axis: axis, keepdims: true)
      let v = mean((x - mu)^2, axis: axis, keepdims: true)
      (x - mu) / sqrt(v + eps) * gamma + beta
    }

    # Cross-entropy of logits against label weights along an axis: -sum(labels * log(softmax(logits))).
    # example: cross_entropy([1, 2, 3], [0, 0, 1])
    fn cross_entropy(logits, labels, axis = -1) = -sum(labels * log(softmax(logits, axis: axis)), axis: axis)

    # 1 where x is NaN, else 0, elementwise: x != x, one `ne` vertex, as jnp.isnan traces.
    # example: is_nan([1, nan, inf])
    fn is_nan(x) = x != x

    # 1 where x is +inf or -inf, else 0, elementwise: abs(x) == inf, as jnp.isinf traces.
    # example: is_inf([1, nan, -inf])
    fn is_inf(x) = abs(x) == inf

    # The Euclidean norm of all elements.
    # example: norm([3, 4])
    fn norm(x) = sqrt(sum(x^2))
    """

    /// The documentation of each prelude function, from the comment lines above it.
    static func documentation() -> [(name: String, summary: String, example: String)] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var docs: [(String, String, String)] = []
        for (i, line) in lines.enumerated() where line.hasPrefix("fn ") && i >= 2 {
            let name = String(line.dropFirst(3).prefix { $0 != "(" })
            let summary = String(lines[i - 2].dropFirst(2))
            let example = String(lines[i - 1].dropFirst("# example: ".count))
            docs.append((name, summary, example))
        }
        return docs
    }
}
