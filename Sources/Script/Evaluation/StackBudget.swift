/// How far evaluation may go down the stack of the thread running it, in bytes: nesting of every
/// kind together — calls, expressions within them, builtins calling back into functions — then ends
/// in a located error rather than a stack overflow, whatever the build's frame sizes.
struct StackBudget {
    /// The lowest address evaluation may reach (stacks grow down on every platform ccs runs on);
    /// 0 checks nothing, for trusted code such as the prelude.
    let floor: UInt

    static let unlimited = StackBudget(floor: 0)

    /// The budget of a thread whose stack of `size` bytes began just above the caller, keeping
    /// `reserve` bytes for what runs beneath the last check (builtins, the engine) and for the
    /// frames above the caller.
    @inline(never)
    static func fromHere(size: Int, reserve: Int) -> StackBudget {
        let here = currentAddress
        let usable = UInt(max(0, size - reserve))
        return StackBudget(floor: here > usable ? here - usable : 0)
    }

    /// Whether the stack is spent down to the floor.
    @inline(__always)
    var isSpent: Bool { floor != 0 && StackBudget.currentAddress < floor }

    /// An address in the current frame.
    @inline(__always)
    static var currentAddress: UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
