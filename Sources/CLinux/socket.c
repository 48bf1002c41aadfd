// kioskd's control socket (unix(7)); _GNU_SOURCE gives `struct ucred` and accept4.
#include "CLinuxSocket.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

_Static_assert(sizeof(gid_t) == 4, "kioskd reads SO_PEERGROUPS as 32-bit group ids");

/// Fills `address` for `path`; -1 with ENAMETOOLONG when the path does not fit `sun_path`.
static int unix_address(const char *path, struct sockaddr_un *address) {
    size_t length = strlen(path);
    if (length >= sizeof(address->sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memset(address, 0, sizeof(*address));
    address->sun_family = AF_UNIX;
    memcpy(address->sun_path, path, length + 1);
    return 0;
}

int clinux_bind_unix(int fd, const char *path) {
    struct sockaddr_un address;
    if (unix_address(path, &address) != 0) return -1;
    return bind(fd, (const struct sockaddr *)&address, sizeof(address));
}

int clinux_connect_unix(int fd, const char *path) {
    struct sockaddr_un address;
    if (unix_address(path, &address) != 0) return -1;
    return connect(fd, (const struct sockaddr *)&address, sizeof(address));
}

int clinux_peer_credentials(int fd, int32_t *pid, uint32_t *uid, uint32_t *gid) {
    struct ucred credentials;
    socklen_t length = sizeof(credentials);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) return -1;
    *pid = credentials.pid;
    *uid = credentials.uid;
    *gid = credentials.gid;
    return 0;
}

int clinux_peer_groups(int fd, uint32_t *groups, int capacity) {
    socklen_t length = (socklen_t)((size_t)capacity * sizeof(gid_t));
    if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &length) != 0) return -1;
    return (int)(length / sizeof(gid_t));
}

int clinux_accept_nonblocking(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }
