/// A scope of named values. Closures keep their defining scope alive, and `name = …` rebinds a name
/// in the scope that defined it, so loops can accumulate.
public final class Environment {
    private(set) var values: [String: Value] = [:]
    let parent: Environment?

    init(parent: Environment?) { self.parent = parent }

    func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let current = scope {
            if let value = current.values[name] { return value }
            scope = current.parent
        }
        return nil
    }

    func define(_ name: String, _ value: Value) { values[name] = value }

    /// Forgets every name of this scope. A function defined in a scope keeps the scope alive and the
    /// scope keeps the function: emptying the scope breaks such cycles, which would otherwise never
    /// be freed.
    func removeAll() { values.removeAll() }

    /// Rebinds an existing name where it was defined; false when no scope defines it.
    func assign(_ name: String, _ value: Value) -> Bool {
        var scope: Environment? = self
        while let current = scope {
            if current.values[name] != nil {
                current.values[name] = value
                return true
            }
            scope = current.parent
        }
        return false
    }

    /// Names defined in this scope only.
    var names: [String] { Array(values.keys) }
}
