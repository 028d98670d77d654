import Glibc

// Entry point of cmmgate-sim; the simulator itself is in SimulatorCommand.swift.
exit(SimulatorCommand.main(CommandLine.arguments))
