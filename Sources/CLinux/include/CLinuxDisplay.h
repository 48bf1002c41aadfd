// Framebuffer (fbdev) ioctls and the kernel's uevent socket, for the display backends.
#ifndef CLINUX_DISPLAY_H
#define CLINUX_DISPLAY_H

#include <linux/fb.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <linux/netlink.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <string.h>
#include <unistd.h>

_Static_assert(sizeof(struct fb_var_screeninfo) == 160, "fb_var_screeninfo is 40 32-bit fields");
_Static_assert(sizeof(struct fb_bitfield) == 12, "fb_bitfield is offset, length, msb_right");

/// `FBIOGET_VSCREENINFO`: the visible and virtual resolution, bits per pixel and colour bitfields.
static inline int clinux_fbioget_vscreeninfo(int fd, struct fb_var_screeninfo *info) {
    return ioctl(fd, FBIOGET_VSCREENINFO, info);
}

/// `FBIOGET_FSCREENINFO`: the memory length and `line_length` (bytes per row).
static inline int clinux_fbioget_fscreeninfo(int fd, struct fb_fix_screeninfo *info) {
    return ioctl(fd, FBIOGET_FSCREENINFO, info);
}

/// `FBIOPAN_DISPLAY`: shows the virtual screen from `info->yoffset` (double buffering by panning).
static inline int clinux_fbiopan_display(int fd, struct fb_var_screeninfo *info) {
    return ioctl(fd, FBIOPAN_DISPLAY, info);
}

/// A non-blocking netlink socket bound to the kernel's uevent broadcasts (`NETLINK_KOBJECT_UEVENT`,
/// group 1), or -1 with errno set: DRM hotplug arrives there as `SUBSYSTEM=drm` with `HOTPLUG=1`.
static inline int clinux_uevent_socket(void) {
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
    if (fd < 0) return -1;
    struct sockaddr_nl address;
    memset(&address, 0, sizeof address);
    address.nl_family = AF_NETLINK;
    address.nl_groups = 1;
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/// Blocks `SIGUSR1` and `SIGUSR2` and returns a signalfd that reports them, or -1: the display is
/// asked to give the card away (USR1, e.g. a VT switch away) and to take it back (USR2).
static inline int clinux_display_signalfd(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/// Reads one signal from a signalfd: its number, or 0 when none is waiting.
static inline int clinux_read_signal(int fd) {
    struct signalfd_siginfo info;
    if (read(fd, &info, sizeof info) != (ssize_t)sizeof info) return 0;
    return (int)info.ssi_signo;
}

#endif
