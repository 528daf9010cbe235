import Foundation

/// Whole-file writes that never leave a half-written file: the text goes to a temporary file in the
/// same directory, which then replaces the target in one rename.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
