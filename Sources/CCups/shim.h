// libcups from Debian's libcups2-dev (headers only: Sources/CLazyLibraries loads the library when a CUPS queue is used).
#include <cups/cups.h>
#include <cups/ipp.h>
