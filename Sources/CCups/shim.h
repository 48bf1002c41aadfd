// libcups from Debian's libcups2-dev, which ships no pkg-config file: hence `link "cups"` in the module map.
#include <cups/cups.h>
#include <cups/ipp.h>
