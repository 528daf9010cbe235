/// "1 input", "3 inputs", "2 vertices": a count with its noun in the matching number.
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
