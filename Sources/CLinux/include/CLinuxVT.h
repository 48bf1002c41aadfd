// Virtual-terminal ioctls (linux/vt.h, linux/kd.h), for a kiosk that owns a VT: the kernel asks before
// it switches away (VT_PROCESS), and the console does not draw over the kiosk (KD_GRAPHICS).
#ifndef CLINUX_VT_H
#define CLINUX_VT_H

#include <linux/kd.h>
#include <linux/vt.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>

/// True when `fd` is a virtual terminal (`VT_GETMODE` answers).
static inline int clinux_vt_is_terminal(int fd) {
    struct vt_mode mode;
    return ioctl(fd, VT_GETMODE, &mode) == 0;
}

/// `VT_SETMODE` with `VT_PROCESS`: a switch away sends `release` to this process and waits for
/// `VT_RELDISP`; a switch back sends `acquire`. Returns 0, or -1 with errno set.
static inline int clinux_vt_set_process_mode(int fd, int release, int acquire) {
    struct vt_mode mode;
    memset(&mode, 0, sizeof mode);
    mode.mode = VT_PROCESS;
    mode.relsig = (short)release;
    mode.acqsig = (short)acquire;
    return ioctl(fd, VT_SETMODE, &mode);
}

/// `VT_SETMODE` with `VT_AUTO`: the kernel switches without asking again.
static inline int clinux_vt_set_auto_mode(int fd) {
    struct vt_mode mode;
    memset(&mode, 0, sizeof mode);
    mode.mode = VT_AUTO;
    return ioctl(fd, VT_SETMODE, &mode);
}

/// `VT_RELDISP 1`: the switch away may go ahead (the display was given up).
static inline int clinux_vt_allow_release(int fd) { return ioctl(fd, VT_RELDISP, 1); }

/// `VT_RELDISP VT_ACKACQ`: the switch back to this VT is acknowledged.
static inline int clinux_vt_acknowledge_acquire(int fd) { return ioctl(fd, VT_RELDISP, VT_ACKACQ); }

/// `KDSETMODE`: `KD_GRAPHICS` (the console stops drawing on this VT) or `KD_TEXT`.
static inline int clinux_vt_set_graphics(int fd, int graphics) {
    return ioctl(fd, KDSETMODE, graphics ? KD_GRAPHICS : KD_TEXT);
}

#endif
