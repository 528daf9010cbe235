extension Duration {
    /// The duration in seconds, as the time limits and reports of searches and plans count it.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
