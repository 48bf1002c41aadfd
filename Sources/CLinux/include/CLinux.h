// Small C shim for kernel interfaces Swift cannot import directly.
#ifndef CLINUX_H
#define CLINUX_H

#include <linux/input.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <malloc.h>
#include "CLinuxTerminal.h"
#include <stddef.h>

_Static_assert(sizeof(struct input_event) == 24, "kioskd decodes the 64-bit struct input_event layout");
_Static_assert(offsetof(struct input_event, type) == 16, "input_event.type follows two 64-bit time fields");
_Static_assert(offsetof(struct input_event, code) == 18, "input_event.code follows type");
_Static_assert(offsetof(struct input_event, value) == 20, "input_event.value follows code");

/// Size in bytes of one `struct input_event` record on this machine.
static inline int clinux_input_event_size(void) { return (int)sizeof(struct input_event); }

/// `EVIOCGNAME(len)`: reads the device name.
static inline int clinux_eviocgname(int fd, char *buf, int len) { return ioctl(fd, EVIOCGNAME(len), buf); }

/// `EVIOCGABS(abs)`: reads range, fuzz, flat and resolution of one absolute axis.
static inline int clinux_eviocgabs(int fd, unsigned int axis, struct input_absinfo *info) {
    return ioctl(fd, EVIOCGABS(axis), info);
}

/// `EVIOCGRAB`: grabs (1) or releases (0) the device for this fd alone.
static inline int clinux_eviocgrab(int fd, int grab) { return ioctl(fd, EVIOCGRAB, grab); }

/// Blocks `SIGTERM`, `SIGINT` and `SIGHUP` and returns a signalfd that reports them, or -1.
static inline int clinux_termination_signalfd(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/// Keeps glibc's malloc to one arena (`mallopt(M_ARENA_MAX, 1)`), so a frame freed by one thread
/// is reused by the next allocation on any other instead of each thread keeping its own.
static inline int clinux_use_one_malloc_arena(void) { return mallopt(M_ARENA_MAX, 1); }

/// Ignores `SIGPIPE`, so a closed peer gives `EPIPE` instead of killing the process.
static inline void clinux_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

#endif
