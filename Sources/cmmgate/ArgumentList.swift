/// A subcommand's arguments, parsed without Foundation.
///
/// Accepts `--name value`, `--name=value`, boolean `--flag`, `--` to end options, and
/// positionals. Options must be declared by the subcommand; anything else is an error
/// that names the argument, so a typo never silently changes behaviour.
struct ArgumentList {
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` given the option names that take a value and the boolean flags.
    init(_ arguments: [String], valueOptions: Set<String> = [], flagOptions: Set<String> = []) throws(UsageError) {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard !optionsEnded, argument.hasPrefix("--") else {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String? = nil
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagOptions.contains(name) {
                if inlineValue != nil { throw UsageError(description: "option --\(name) takes no value") }
                flags.insert(name)
            } else if valueOptions.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else if index < arguments.count {
                    values[name, default: []].append(arguments[index])
                    index += 1
                } else {
                    throw UsageError(description: "option --\(name) needs a value")
                }
            } else {
                throw UsageError(description: "unknown option --\(name)")
            }
        }
    }

    /// The last value given for `--name`, or nil.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable `--name VALUE` option, in the order given.
    func values(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether the boolean `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}
