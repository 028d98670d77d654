// cmmgate: the multi-call agent binary. Dispatch lives in CommandLineTool.swift.
CommandLineTool.main(CommandLine.arguments)
