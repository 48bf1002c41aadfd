// Unix stream sockets for kioskd's control socket: addresses and the peer's credentials (unix(7)).
// Declarations only, in plain integer types: the bodies live in socket.c (built with _GNU_SOURCE), so
// this module does not take <sys/socket.h> over from Glibc's.
#ifndef CLINUX_SOCKET_H
#define CLINUX_SOCKET_H

#include <stdint.h>

/// bind(2) of `fd` to the Unix socket path `path`; -1 with ENAMETOOLONG when it does not fit `sun_path`.
int clinux_bind_unix(int fd, const char *path);

/// connect(2) of `fd` to the Unix socket path `path`; -1 with ENAMETOOLONG when it does not fit `sun_path`.
int clinux_connect_unix(int fd, const char *path);

/// The peer of a connected Unix socket as the kernel saw it at connect(2) (`SO_PEERCRED`).
int clinux_peer_credentials(int fd, int32_t *pid, uint32_t *uid, uint32_t *gid);

/// The peer's supplementary groups (`SO_PEERGROUPS`, Linux 4.13): how many were written to `groups`;
/// -1 with errno (ERANGE: more than `capacity`).
int clinux_peer_groups(int fd, uint32_t *groups, int capacity);

/// accept4(2) of the next connection on `fd`, non-blocking and close-on-exec.
int clinux_accept_nonblocking(int fd);

#endif
