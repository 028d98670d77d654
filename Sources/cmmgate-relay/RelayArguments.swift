/// A command's arguments: `--name value`, `--name=value` and boolean `--flag`; anything
/// undeclared is a usage error naming it, so a typo never silently changes behaviour.
struct RelayArguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ arguments: [String], valueOptions: Set<String>, flagOptions: Set<String> = []) throws(RelayError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else { throw RelayError(.usage, "unexpected argument '\(argument)'") }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagOptions.contains(name), inline == nil {
                flags.insert(name)
            } else if valueOptions.contains(name) {
                if let inline {
                    values[name] = inline
                } else if index < arguments.count {
                    values[name] = arguments[index]
                    index += 1
                } else {
                    throw RelayError(.usage, "option --\(name) needs a value")
                }
            } else {
                throw RelayError(.usage, "unknown option --\(name)")
            }
        }
    }

    func value(_ name: String) -> String? { values[name] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func required(_ name: String) throws(RelayError) -> String {
        guard let value = values[name] else { throw RelayError(.usage, "--\(name) is required") }
        return value
    }
}
