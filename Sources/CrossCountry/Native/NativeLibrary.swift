import Foundation

/// A loaded native Jacobian library; closed when the last plan using it goes.
public final class NativeLibrary: @unchecked Sendable {
    /// `void ccs_evaluate(const double *x, double *jac, double *y, long n)` on batch-innermost
    /// arrays (`y` optional), as `JacobianSource` writes it.
    typealias Evaluate = @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void

    private let handle: UnsafeMutableRawPointer
    let path: String

    init(path: String) throws(NativeError) {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .load("cannot load \(path): \(dlerror().map { String(cString: $0) } ?? "unknown error")")
        }
        self.handle = handle
        self.path = path
    }

    /// The entry point of that name.
    func entry(_ symbol: String = "ccs_evaluate") throws(NativeError) -> Evaluate {
        guard let address = dlsym(handle, symbol) else { throw .load("\(path) has no \(symbol)") }
        return unsafeBitCast(address, to: Evaluate.self)
    }

    deinit { dlclose(handle) }
}
