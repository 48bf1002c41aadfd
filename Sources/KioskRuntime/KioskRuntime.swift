// Module KioskRuntime.
