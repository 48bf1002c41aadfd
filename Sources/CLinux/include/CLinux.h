// Small C shim for kernel interfaces Swift cannot import directly.
#ifndef CLINUX_H
#define CLINUX_H

#include <linux/input.h>
#include <linux/uinput.h>
#include <linux/usb/g_printer.h>
#include <linux/lp.h>
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <malloc.h>
#include "CLinuxTerminal.h"
#include "CLinuxDisplay.h"
#include "CLinuxVT.h"
#include "CLinuxUHID.h"
#include "CLinuxSocket.h"
#include <stddef.h>
#include <stdint.h>

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

/// `EVIOCGID`: reads bus type, vendor, product and version.
static inline int clinux_eviocgid(int fd, struct input_id *id) { return ioctl(fd, EVIOCGID, id); }

/// `EVIOCGBIT(ev, len)`: reads the code bitmask of event type `ev` (0 for the type bitmask itself).
static inline int clinux_eviocgbit(int fd, unsigned int ev, void *bits, int len) {
    return ioctl(fd, EVIOCGBIT(ev, len), bits);
}

/// `EVIOCGPROP(len)`: reads the device property bitmask (`INPUT_PROP_*`).
static inline int clinux_eviocgprop(int fd, void *bits, int len) { return ioctl(fd, EVIOCGPROP(len), bits); }

/// `EVIOCGKEY(len)`: reads the current state of every key (such as `BTN_TOUCH`) as a bitmask.
static inline int clinux_eviocgkey(int fd, void *bits, int len) { return ioctl(fd, EVIOCGKEY(len), bits); }

/// `EVIOCGMTSLOTS(len)`: reads one `ABS_MT_*` value per slot. `values[0]` is the code on entry;
/// `values[1...]` are the slots' values on return. `len` is the buffer size in bytes.
static inline int clinux_eviocgmtslots(int fd, int32_t *values, int len) {
    return ioctl(fd, EVIOCGMTSLOTS(len), values);
}

/// `EVIOCSCLOCKID`: makes the device stamp its events with clock `clock` (e.g. `CLOCK_MONOTONIC`).
static inline int clinux_eviocsclockid(int fd, int clock) { return ioctl(fd, EVIOCSCLOCKID, &clock); }

_Static_assert(sizeof(struct input_absinfo) == 24, "input_absinfo is six 32-bit fields");
_Static_assert(sizeof(struct input_id) == 8, "input_id is four 16-bit fields");

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

// uinput (Documentation/input/uinput.rst): the VM rig makes kernel input devices with these.

/// `UI_SET_EVBIT`, `UI_SET_KEYBIT`, `UI_SET_RELBIT`, `UI_SET_ABSBIT`, `UI_SET_PROPBIT`, chosen by
/// `type` (0 for the event type itself, `EV_KEY`, `EV_REL`, `EV_ABS`, or `EV_MAX + 1` for a property).
static inline int clinux_ui_set_bit(int fd, unsigned int type, int code) {
    switch (type) {
    case 0: return ioctl(fd, UI_SET_EVBIT, code);
    case EV_KEY: return ioctl(fd, UI_SET_KEYBIT, code);
    case EV_REL: return ioctl(fd, UI_SET_RELBIT, code);
    case EV_ABS: return ioctl(fd, UI_SET_ABSBIT, code);
    case EV_MAX + 1: return ioctl(fd, UI_SET_PROPBIT, code);
    default: return -1;
    }
}

/// `UI_ABS_SETUP`: range, resolution and value of one absolute axis.
static inline int clinux_ui_abs_setup(int fd, const struct uinput_abs_setup *setup) { return ioctl(fd, UI_ABS_SETUP, setup); }

/// `UI_DEV_SETUP`: the device's name and id.
static inline int clinux_ui_dev_setup(int fd, const struct uinput_setup *setup) { return ioctl(fd, UI_DEV_SETUP, setup); }

/// `UI_DEV_CREATE`: the device appears (an `inputN` with its `eventM` node).
static inline int clinux_ui_dev_create(int fd) { return ioctl(fd, UI_DEV_CREATE); }

/// `UI_DEV_DESTROY`: the device goes away, as when it is unplugged.
static inline int clinux_ui_dev_destroy(int fd) { return ioctl(fd, UI_DEV_DESTROY); }

/// `UI_GET_SYSNAME(len)`: the device's sysfs name (`inputN`), under /sys/devices/virtual/input.
static inline int clinux_ui_get_sysname(int fd, char *buf, int len) { return ioctl(fd, UI_GET_SYSNAME(len), buf); }

/// `UINPUT_MAX_NAME_SIZE`, the size of `uinput_setup.name`.
static inline int clinux_uinput_max_name_size(void) { return UINPUT_MAX_NAME_SIZE; }

_Static_assert(sizeof(struct uinput_abs_setup) == 28, "uinput_abs_setup is a 16-bit code, padding and input_absinfo");

// The USB printer gadget's end (Documentation/usb/gadget_printer.rst).

/// `GADGET_SET_PRINTER_STATUS`: the status byte the host reads with `GET_PORT_STATUS` (the value
/// is passed in the argument itself, as f_printer.c reads it).
static inline int clinux_gadget_set_printer_status(int fd, unsigned char status) {
    return ioctl(fd, GADGET_SET_PRINTER_STATUS, (unsigned long)status);
}

/// `LPGETSTATUS` on a usblp node (`/dev/usb/lpN`): the printer class GET_PORT_STATUS byte the
/// driver reads from the printer, or -1 (errno set).
static inline int clinux_lp_get_status(int fd) {
    int status = 0;
    return ioctl(fd, LPGETSTATUS, &status) < 0 ? -1 : (status & 0xff);
}

/// `PRINTER_SELECTED`, `PRINTER_PAPER_EMPTY` and `PRINTER_NOT_ERROR` of linux/usb/g_printer.h.
static inline unsigned char clinux_printer_selected(void) { return PRINTER_SELECTED; }
static inline unsigned char clinux_printer_paper_empty(void) { return PRINTER_PAPER_EMPTY; }
static inline unsigned char clinux_printer_not_error(void) { return PRINTER_NOT_ERROR; }

#endif
