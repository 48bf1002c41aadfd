// uhid shims (Documentation/hid/uhid.rst): `struct uhid_event` is a packed union with 4 KiB arrays,
// which Swift imports as huge tuples, so the events are filled in here. Used by the VM rig's agent.
#ifndef CLINUX_UHID_H
#define CLINUX_UHID_H

#include <stddef.h>
#include <stdint.h>

/// Writes `UHID_CREATE2` to the `/dev/uhid` descriptor `fd`: a HID device named `name` with the
/// report descriptor `descriptor` (at most 4096 bytes). Returns 0, or -1 with errno set.
int clinux_uhid_create(int fd, const char *name, const uint8_t *descriptor, size_t length, uint16_t bus,
    uint32_t vendor, uint32_t product);

/// Writes `UHID_INPUT2`: one input report (at most 4096 bytes). Returns 0, or -1 with errno set.
int clinux_uhid_input(int fd, const uint8_t *report, size_t length);

/// Writes `UHID_DESTROY`: the device is unplugged. Returns 0, or -1 with errno set.
int clinux_uhid_destroy(int fd);

#endif
