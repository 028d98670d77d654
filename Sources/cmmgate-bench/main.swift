// cmmgate-bench: host-side measurements for `make bench` (Scripts/bench writes docs/BENCHMARKS.md).
// Not part of the agent: it may import Glibc for clocks. Each benchmark prints `name value unit`
// lines that Scripts/bench collects.
import Glibc

let benchmarks: [String: ([String]) -> Int32] = [
    "decode": DecodeBench.run,
    "journal": JournalBench.run,
    "fieldbus": FieldBusBench.run,
    "runtime": RuntimeBench.run,
    "uplink-bytes": UplinkBytesBench.run,
    "backlog-journal": BacklogJournalBench.run,
    "relay-load": RelayLoadBench.run,
    "clock": { _ in
        print("monotonic_ns \(BenchClock.nanoseconds())")
        return 0
    },
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let run = benchmarks[name] else {
    print("usage: cmmgate-bench \(benchmarks.keys.sorted().joined(separator: "|")) [arguments]")
    exit(64)
}
exit(run(Array(arguments.dropFirst())))
