// swift-tools-version:6.0
//
// CMMGate: a monitoring-data gateway for coal-mine methane CCER projects.
// Module layout and import rules: docs/architecture.md (lint enforces them).
import PackageDescription

/// Agent modules do not import _StringProcessing (Swift's regex engine and String search
/// algorithms): statically linked it adds about 1.3 MB to the binary (docs/BENCHMARKS.md).
/// Using `String.contains(String)`, `split(separator: String)`, `firstRange(of:)` or a Regex
/// in agent code is then a compile error, which keeps it out.
/// Nor do they import _Concurrency: nothing in the agent is async (its loops are driven by
/// poll(2) and explicit state machines), and a use would link the concurrency runtime and
/// libdispatch (about 0.5 MB).
let agentSwiftSettings: [SwiftSetting] = [
    .unsafeFlags([
        "-Xfrontend", "-disable-implicit-string-processing-module-import",
        "-Xfrontend", "-disable-implicit-concurrency-module-import",
    ]),
]

let package = Package(
    name: "CMMGate",
    products: [
        .executable(name: "cmmgate", targets: ["cmmgate"]),
    ],
    targets: [
        // C shims: only DeviceIO may import these (make lint).
        .target(name: "CLinuxShim"),
        // libcrypto is dlopen'ed on first use (a site without SM4 never maps it); glibc 2.34+
        // has dlopen in libc itself.
        .target(name: "CCryptoShim"),
        // libgpiod glue (v1 as Debian 12 ships it; a v2 path chosen by the preprocessor).
        .target(
            name: "CGPIOShim",
            linkerSettings: [.linkedLibrary("gpiod")]
        ),

        // Pure code. Wire imports nothing but the Swift standard library.
        .target(name: "Wire", swiftSettings: agentSwiftSettings),

        // Pure: field-bus masters (Modbus RTU/TCP, DL/T 645) as state machines, bus scheduling,
        // and the ports they drive (SerialLink, DirectionControl, ByteStream).
        .target(name: "FieldBus", dependencies: ["Wire"], swiftSettings: agentSwiftSettings),

        // Pure: the power-loss-safe ring journal over the BlockDevice port (docs/journal-design.md).
        .target(name: "Journal", swiftSettings: agentSwiftSettings),

        // Pure: the site configuration (model, strict line-based parser) and, later, the agent's state
        // machines (docs/configuration.md).
        .target(name: "AgentCore", dependencies: ["Wire", "FieldBus", "Metering", "Journal"], swiftSettings: agentSwiftSettings),

        // Pure: samples with HJ 212 data flags, the 1-second real-time record, minute/hour/day
        // statistics, methane accounting and the alarm events (docs/metering.md, docs/accounting.md).
        .target(name: "Metering", swiftSettings: agentSwiftSettings),

        // Pure: deterministic fakes for the ports (emulated flash with power-cut faults, seeded RNG).
        .target(name: "AgentTesting", dependencies: ["Journal", "FieldBus", "Wire"]),

        // The only module that touches syscalls, libc and the C shims.
        .target(
            name: "DeviceIO", dependencies: ["Wire", "FieldBus", "Journal", "CLinuxShim", "CCryptoShim", "CGPIOShim"],
            swiftSettings: agentSwiftSettings
        ),

        // The multi-call agent binary.
        .executableTarget(name: "cmmgate", dependencies: ["Wire", "FieldBus", "DeviceIO", "Journal", "AgentCore", "Metering", "Uplink"], swiftSettings: agentSwiftSettings),

        // Pure: the HJ 212 uplink: agent records as HJ 212 frames, and the client session (acks,
        // retries, heartbeat, backfill, platform requests) as a state machine (issue 6).
        .target(name: "Uplink", dependencies: ["AgentCore", "Metering", "Journal", "Wire"], swiftSettings: agentSwiftSettings),

        // SQLite 3 from Debian (libsqlite3-dev), for the relay only.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3"),

        // Host-side reference platform endpoint: receives HJ 212, stores in SQLite, reports (issue 6).
        .executableTarget(name: "cmmgate-relay", dependencies: ["Wire", "Metering", "AgentCore", "Uplink", "DeviceIO", "CSQLite"]),

        // Host-side measurements for `make bench` (not shipped on the device).
        .executableTarget(name: "cmmgate-bench", dependencies: ["Wire", "FieldBus", "DeviceIO", "Journal", "AgentTesting", "AgentCore", "Metering", "Uplink"]),

        // Host-side test tool: appends to a FileBlockDevice journal and reports what is durable, so
        // process tests can SIGKILL it mid-commit (Tests/Process/test_journal_kill.py). Not shipped.
        .executableTarget(name: "cmmgate-journal-writer", dependencies: ["Journal", "DeviceIO", "Wire", "Metering"],
                          swiftSettings: agentSwiftSettings),

        // Host-side meter simulator on pseudo-terminals, for `make demo` and the process tests.
        .executableTarget(name: "cmmgate-sim", dependencies: ["Wire", "AgentTesting"]),

        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "DeviceIOTests", dependencies: ["DeviceIO", "Wire", "FieldBus", "CLinuxShim", "Journal", "AgentTesting"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "AgentTesting"]),
        .testTarget(name: "AgentCoreTests", dependencies: ["AgentCore", "Wire", "Metering", "Journal", "FieldBus", "AgentTesting"]),
        .testTarget(name: "MeteringTests", dependencies: ["Metering"]),
        .testTarget(name: "FieldBusTests", dependencies: ["FieldBus", "AgentTesting", "Wire"]),
        .testTarget(name: "UplinkTests", dependencies: ["Uplink", "AgentCore", "Metering", "Journal", "Wire"]),
        // The relay's own code (storage, report arithmetic), by @testable import.
        .testTarget(name: "RelayTests", dependencies: ["cmmgate-relay", "Wire", "Metering"]),
        // The agent binary's own code (the daemon's bus pollers against ptys), by @testable import.
        .testTarget(name: "cmmgateTests", dependencies: ["cmmgate", "AgentCore", "DeviceIO", "FieldBus", "Wire"]),
    ],
    swiftLanguageModes: [.v6]
)
