/// The structure of a partial Jacobian on an edge, as one of the AlphaGrad vertex game's 22 integer
/// codes (−10…11). Index pairs count the Jacobian's axes: 1, 2 = output axes; 3, 4 = input axes.
public struct SparsityType: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    /// The code, if it is one of the 22 the cost model knows.
    public init?(rawValue: Int) {
        guard SparsityType.codes.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public static let codes = -10...11

    /// 0: no edge. Never stored on an edge.
    public static let none = SparsityType(code: 0)
    /// 1: a dense Jacobian.
    public static let dense = SparsityType(code: 1)
    /// −1: a copy (dtype conversion); passes the other side's structure through.
    public static let copy = SparsityType(code: -1)
    /// 6: diagonal in both index pairs (1,3)&(2,4): an elementwise operation.
    public static let elementwise = SparsityType(code: 6)
    /// −6: the identity K(1,3)&K(2,4).
    public static let identity = SparsityType(code: -6)
    /// −7: the transpose K(1,4)&K(2,3).
    public static let transpose = SparsityType(code: -7)
    /// 10: a constant multiple of the identity (a scalar broadcast).
    public static let scaledIdentity = SparsityType(code: 10)
    /// 11: a reshape, slice or concatenation: free, and dense after any product.
    public static let structural = SparsityType(code: 11)

    private init(code: Int) { rawValue = code }

    /// Position of the code in the cost tables (0…21).
    var tableIndex: Int { rawValue + 10 }

    public static func < (lhs: SparsityType, rhs: SparsityType) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }

    /// What the code means, in words.
    public var meaning: String {
        switch rawValue {
        case 0: return "no edge"
        case 1: return "dense"
        case -1: return "copy"
        case 2: return "diagonal (1,3)"
        case 3: return "diagonal (2,4)"
        case 4: return "diagonal (1,4)"
        case 5: return "diagonal (2,3)"
        case 6: return "elementwise, diagonal (1,3)&(2,4)"
        case 7: return "elementwise transposed, diagonal (1,4)&(2,3)"
        case 8: return "Kronecker K(1,3) with diagonal (2,4)"
        case 9: return "Kronecker K(1,4) with diagonal (2,3)"
        case 10: return "constant times identity K(1,3)&K(2,4)"
        case 11: return "reshape/slice/concatenate"
        case -2: return "Kronecker K(1,3)"
        case -3: return "Kronecker K(2,4)"
        case -4: return "Kronecker K(1,4)"
        case -5: return "Kronecker K(2,3)"
        case -6: return "identity K(1,3)&K(2,4)"
        case -7: return "transpose K(1,4)&K(2,3)"
        case -8: return "diagonal (1,3) with Kronecker K(2,4)"
        case -9: return "diagonal (1,4) with Kronecker K(2,3)"
        default: return "constant times transpose K(1,4)&K(2,3)"
        }
    }
}
