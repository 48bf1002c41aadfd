// Terminal shims: pseudo-terminals (for testing serial scanners) need _XOPEN_SOURCE declarations
// that Swift's Glibc module does not import, so the code lives in terminal.c.
#ifndef CLINUX_TERMINAL_H
#define CLINUX_TERMINAL_H

#include <stddef.h>

/// Opens a new pseudo-terminal master (`posix_openpt`, `grantpt`, `unlockpt`) and writes the
/// slave's path into `name`. Returns the master descriptor, or -1 with errno set.
int clinux_open_pseudo_terminal(char *name, size_t length);

#endif
