import ArgumentParser
import CrossCountry

/// Runs checks of option values, turning a number out of its range into a usage error (exit 64)
/// whose message names the option and what it allows.
func validating(_ checks: () throws -> Void) throws {
    do { try checks() } catch let violation as Bounds.Violation { throw ValidationError(violation.description) }
}
