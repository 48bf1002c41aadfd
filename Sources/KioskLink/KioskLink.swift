// Module KioskLink.
