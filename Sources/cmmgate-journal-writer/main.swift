// cmmgate-journal-writer: a host-side test tool that drives a FileBlockDevice journal from a real
// process, so tests can SIGKILL it mid-commit (Tests/Process/test_journal_kill.py) and build
// journals for the `cmmgate journal` process tests. Not shipped on the device.
import DeviceIO

StandardStreams.exitProcess(JournalWriter.main(Array(CommandLine.arguments.dropFirst())))
