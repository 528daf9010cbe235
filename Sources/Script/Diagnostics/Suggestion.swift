/// "Did you mean …?" for a misspelt name: the closest candidate by edit distance, if close enough.
enum Suggestion {
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = name.count <= 2 ? 0 : max(1, name.count / 3)
        let lowered = name.lowercased()
        var best: (String, Int)?
        // Lengths further apart than the limit cannot be close enough (and a pasted megabyte of
        // letters is not compared with every name).
        for candidate in candidates where candidate != name && !candidate.hasPrefix("_") && abs(candidate.count - name.count) <= limit {
            let distance = editDistance(lowered, candidate.lowercased())
            guard distance <= limit else { continue }
            if let (name, d) = best, d < distance || (d == distance && name <= candidate) { continue }
            best = (candidate, distance)
        }
        return best?.0
    }

    static func note(for name: String, among candidates: some Sequence<String>) -> [Diagnostic.Note] {
        closest(to: name, among: candidates).map { [Diagnostic.Note(message: "did you mean '\($0)'?", range: nil)] } ?? []
    }

    /// Levenshtein distance, with a swap of neighbours counting one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var row = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            row[0] = i
            for j in 1...y.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { row[j] = min(row[j], previous2[j - 2] + 1) }
            }
            (previous2, previous, row) = (previous, row, previous2)
        }
        return previous[y.count]
    }
}
