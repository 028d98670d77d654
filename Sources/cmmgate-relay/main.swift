// cmmgate-relay: the integrator's reference HJ 212 platform endpoint (issue 6, docs/relay.md).
import DeviceIO

StandardStreams.exitProcess(RelayCommand.main(Array(CommandLine.arguments.dropFirst())))
