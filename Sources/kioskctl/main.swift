import KioskRuntime

// kioskctl: the technician's tool. Everything it does lives in KioskRuntime.
exit(KioskctlCommand.main(CommandLine.arguments))
