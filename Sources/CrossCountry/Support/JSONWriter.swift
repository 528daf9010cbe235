extension JSONValue {
    /// The value as readable JSON: objects one member per line, while arrays of plain values and
    /// short flat objects stay on one line (so an order or an edge reads as one line).
    public func formatted(indent: String = "  ") -> String {
        var out = ""
        write(to: &out, level: 0, indent: indent)
        out.append("\n")
        return out
    }

    /// The value as JSON on a single line.
    public var compactText: String {
        var out = ""
        writeInline(to: &out)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private var isFlat: Bool {
        switch self {
        case let .array(elements): return elements.allSatisfy(\.isScalar)
        case let .object(members): return members.allSatisfy { $0.value.isScalar || ($0.value.isFlat && $0.value.arrayValue != nil) }
        default: return true
        }
    }

    private func write(to out: inout String, level: Int, indent: String) {
        switch self {
        case let .array(elements) where !elements.isEmpty && !isFlat:
            let pad = String(repeating: indent, count: level + 1)
            out.append("[\n")
            for (i, element) in elements.enumerated() {
                out.append(pad)
                element.write(to: &out, level: level + 1, indent: indent)
                out.append(i + 1 < elements.count ? ",\n" : "\n")
            }
            out.append(String(repeating: indent, count: level) + "]")
        case let .object(members) where !members.isEmpty && !(isFlat && compactText.count <= 100):
            let pad = String(repeating: indent, count: level + 1)
            out.append("{\n")
            for (i, member) in members.enumerated() {
                out.append(pad)
                JSONValue.string(member.key).writeInline(to: &out)
                out.append(": ")
                member.value.write(to: &out, level: level + 1, indent: indent)
                out.append(i + 1 < members.count ? ",\n" : "\n")
            }
            out.append(String(repeating: indent, count: level) + "}")
        default:
            writeInline(to: &out)
        }
    }

    private func writeInline(to out: inout String) {
        switch self {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .number(x): out.append(JSONValue.format(number: x))
        case let .string(s): JSONValue.writeQuoted(s, to: &out)
        case let .array(elements):
            out.append("[")
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(", ") }
                element.writeInline(to: &out)
            }
            out.append("]")
        case let .object(members):
            out.append("{")
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(", ") }
                JSONValue.writeQuoted(member.key, to: &out)
                out.append(": ")
                member.value.writeInline(to: &out)
            }
            out.append("}")
        }
    }

    static func format(number x: Double) -> String {
        if x.isNaN || x.isInfinite { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    private static func writeQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
