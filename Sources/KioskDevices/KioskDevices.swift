// Module KioskDevices.
