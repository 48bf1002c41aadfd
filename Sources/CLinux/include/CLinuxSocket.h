// Unix stream sockets for kioskd's control socket: addresses and the peer's credentials (unix(7)).
#ifndef CLINUX_SOCKET_H
#define CLINUX_SOCKET_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

_Static_assert(sizeof(gid_t) == 4, "kioskd reads SO_PEERGROUPS as 32-bit group ids");

/// Fills `address` for `path`; -1 with ENAMETOOLONG when the path does not fit `sun_path`.
static inline int clinux_unix_address(const char *path, struct sockaddr_un *address) {
    size_t length = strlen(path);
    if (length >= sizeof(address->sun_path)) { errno = ENAMETOOLONG; return -1; }
    memset(address, 0, sizeof(*address));
    address->sun_family = AF_UNIX;
    memcpy(address->sun_path, path, length + 1);
    return 0;
}

/// bind(2) of `fd` to the Unix socket path `path`.
static inline int clinux_bind_unix(int fd, const char *path) {
    struct sockaddr_un address;
    if (clinux_unix_address(path, &address) != 0) return -1;
    return bind(fd, (const struct sockaddr *)&address, sizeof(address));
}

/// connect(2) of `fd` to the Unix socket path `path`.
static inline int clinux_connect_unix(int fd, const char *path) {
    struct sockaddr_un address;
    if (clinux_unix_address(path, &address) != 0) return -1;
    return connect(fd, (const struct sockaddr *)&address, sizeof(address));
}

/// The peer of a connected Unix socket as the kernel saw it at connect(2) (`SO_PEERCRED`); in socket.c,
/// built with _GNU_SOURCE for `struct ucred`.
int clinux_peer_credentials(int fd, int32_t *pid, uint32_t *uid, uint32_t *gid);

/// The peer's supplementary groups (`SO_PEERGROUPS`, Linux 4.13): how many were written to `groups`;
/// -1 with errno (ERANGE: more than `capacity`).
int clinux_peer_groups(int fd, uint32_t *groups, int capacity);

/// accept4(2) of the next connection on `fd`, non-blocking and close-on-exec (socket.c: _GNU_SOURCE).
int clinux_accept_nonblocking(int fd);

#endif
