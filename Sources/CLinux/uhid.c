#include <errno.h>
#include <linux/uhid.h>
#include <string.h>
#include <unistd.h>

#include "CLinuxUHID.h"

_Static_assert(sizeof(((struct uhid_create2_req *)0)->rd_data) == 4096, "uhid_create2_req layout");

static int write_event(int fd, const struct uhid_event *event) {
    ssize_t written;
    do {
        written = write(fd, event, sizeof(*event));
    } while (written < 0 && errno == EINTR);
    if (written < 0) return -1;
    if ((size_t)written != sizeof(*event)) {
        errno = EIO;
        return -1;
    }
    return 0;
}

int clinux_uhid_create(int fd, const char *name, const uint8_t *descriptor, size_t length, uint16_t bus,
    uint32_t vendor, uint32_t product) {
    struct uhid_event event;
    if (length > sizeof(event.u.create2.rd_data)) {
        errno = EINVAL;
        return -1;
    }
    memset(&event, 0, sizeof(event));
    event.type = UHID_CREATE2;
    strncpy((char *)event.u.create2.name, name, sizeof(event.u.create2.name) - 1);
    memcpy(event.u.create2.rd_data, descriptor, length);
    event.u.create2.rd_size = (uint16_t)length;
    event.u.create2.bus = bus;
    event.u.create2.vendor = vendor;
    event.u.create2.product = product;
    return write_event(fd, &event);
}

int clinux_uhid_input(int fd, const uint8_t *report, size_t length) {
    struct uhid_event event;
    if (length > sizeof(event.u.input2.data)) {
        errno = EINVAL;
        return -1;
    }
    memset(&event, 0, sizeof(event));
    event.type = UHID_INPUT2;
    memcpy(event.u.input2.data, report, length);
    event.u.input2.size = (uint16_t)length;
    return write_event(fd, &event);
}

int clinux_uhid_destroy(int fd) {
    struct uhid_event event;
    memset(&event, 0, sizeof(event));
    event.type = UHID_DESTROY;
    return write_event(fd, &event);
}
