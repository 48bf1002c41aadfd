// The peer credentials of kioskd's control socket (unix(7)); _GNU_SOURCE gives `struct ucred`.
#include "CLinuxSocket.h"

/// The peer of a connected Unix socket as the kernel saw it at connect(2) (`SO_PEERCRED`).
int clinux_peer_credentials(int fd, int32_t *pid, uint32_t *uid, uint32_t *gid) {
    struct ucred credentials;
    socklen_t length = sizeof(credentials);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) return -1;
    *pid = credentials.pid;
    *uid = credentials.uid;
    *gid = credentials.gid;
    return 0;
}

/// The peer's supplementary groups (`SO_PEERGROUPS`, Linux 4.13): how many were written to `groups`;
/// -1 with errno (ERANGE: more than `capacity`).
int clinux_peer_groups(int fd, uint32_t *groups, int capacity) {
    socklen_t length = (socklen_t)((size_t)capacity * sizeof(gid_t));
    if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &length) != 0) return -1;
    return (int)(length / sizeof(gid_t));
}

/// accept4(2) of the next connection on `fd`, non-blocking and close-on-exec.
int clinux_accept_nonblocking(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }
