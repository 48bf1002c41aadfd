// Module KioskTestSupport.
