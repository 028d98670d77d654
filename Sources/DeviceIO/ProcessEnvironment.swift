import Glibc

/// The process environment, read only.
public enum ProcessEnvironment {
    /// The value of `name`, or nil when unset: getenv(3) (the agent never calls setenv, so the
    /// pointer stays valid while it is copied).
    public static func value(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
