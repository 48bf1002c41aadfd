import KioskRuntime

// kioskd: the lobby ticket kiosk service. Everything it does lives in KioskRuntime.
exit(KioskdCommand.main(CommandLine.arguments))
