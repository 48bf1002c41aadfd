// guest-devices: the kiosk hardware of the installed-system test, made with the guest kernel's own
// interfaces (no mock: udev, usbcore and kioskd see real devices).
//
//   guest-devices touch COMMAND_FIFO   a uinput multitouch panel (1080x1920 range, INPUT_PROP_DIRECT);
//                                      each line "tap X Y" written to COMMAND_FIFO touches (X, Y)
//   guest-devices printer OUTPUT       the gadget end of a configfs USB printer (/dev/g_printer0):
//                                      reports "selected, no error", appends what the host prints to
//                                      OUTPUT and answers DLE EOT n and GS r n as an Epson printer with
//                                      paper does (ESC/POS reference)
//
// Built static on the host by scripts/vm-system/build-image.sh.
#include <errno.h>
#include <fcntl.h>
#include <linux/uinput.h>
#include <linux/usb/g_printer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void fail(const char *what) {
    fprintf(stderr, "guest-devices: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void emit(int fd, int type, int code, int value) {
    struct input_event event = {.type = type, .code = code, .value = value};
    if (write(fd, &event, sizeof event) != sizeof event) fail("write uinput");
}

static void abs_axis(int fd, int code, int maximum) {
    struct uinput_abs_setup setup = {.code = code, .absinfo = {.minimum = 0, .maximum = maximum}};
    if (ioctl(fd, UI_ABS_SETUP, &setup) < 0) fail("UI_ABS_SETUP");
}

static int touch(const char *fifo) {
    int fd = open("/dev/uinput", O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail("open /dev/uinput");
    ioctl(fd, UI_SET_EVBIT, EV_KEY);
    ioctl(fd, UI_SET_KEYBIT, BTN_TOUCH);
    ioctl(fd, UI_SET_EVBIT, EV_ABS);
    ioctl(fd, UI_SET_PROPBIT, INPUT_PROP_DIRECT);
    int codes[] = {ABS_X, ABS_Y, ABS_MT_SLOT, ABS_MT_POSITION_X, ABS_MT_POSITION_Y, ABS_MT_TRACKING_ID};
    int maxima[] = {1079, 1919, 9, 1079, 1919, 65535};
    for (int i = 0; i < 6; i++) {
        ioctl(fd, UI_SET_ABSBIT, codes[i]);
        abs_axis(fd, codes[i], maxima[i]);
    }
    struct uinput_setup setup = {.id = {.bustype = BUS_USB, .vendor = 0x222a, .product = 0x0001}};
    strcpy(setup.name, "ILITEK ILITEK-TP (system test)");
    if (ioctl(fd, UI_DEV_SETUP, &setup) < 0) fail("UI_DEV_SETUP");
    if (ioctl(fd, UI_DEV_CREATE) < 0) fail("UI_DEV_CREATE");
    printf("touch panel made\n");
    fflush(stdout);
    int tracking = 0;
    for (;;) {
        FILE *commands = fopen(fifo, "r");
        if (!commands) fail("open command FIFO");
        char line[128];
        while (fgets(line, sizeof line, commands)) {
            int x, y;
            if (strncmp(line, "quit", 4) == 0) return 0;
            if (sscanf(line, "tap %d %d", &x, &y) != 2) continue;
            emit(fd, EV_ABS, ABS_MT_SLOT, 0);
            emit(fd, EV_ABS, ABS_MT_TRACKING_ID, ++tracking);
            emit(fd, EV_ABS, ABS_MT_POSITION_X, x);
            emit(fd, EV_ABS, ABS_MT_POSITION_Y, y);
            emit(fd, EV_KEY, BTN_TOUCH, 1);
            emit(fd, EV_ABS, ABS_X, x);
            emit(fd, EV_ABS, ABS_Y, y);
            emit(fd, EV_SYN, SYN_REPORT, 0);
            emit(fd, EV_ABS, ABS_MT_TRACKING_ID, -1);
            emit(fd, EV_KEY, BTN_TOUCH, 0);
            emit(fd, EV_SYN, SYN_REPORT, 0);
        }
        fclose(commands);
    }
}

static int printer(const char *output) {
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 600; tries++) {
        fd = open("/dev/g_printer0", O_RDWR | O_CLOEXEC);
        if (fd < 0) usleep(50000);  // the node appears once udev has made it after the bind
    }
    if (fd < 0) fail("open /dev/g_printer0");
    if (ioctl(fd, GADGET_SET_PRINTER_STATUS, (unsigned long)(PRINTER_SELECTED | PRINTER_NOT_ERROR)) < 0)
        fail("GADGET_SET_PRINTER_STATUS");
    int out = open(output, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (out < 0) fail("open output");
    printf("printer gadget open\n");
    fflush(stdout);
    unsigned char stream[8192 + 2], tail[2];
    size_t kept = 0;
    for (;;) {
        ssize_t count = read(fd, stream + kept, 8192);
        if (count <= 0) {
            if (count < 0 && errno != EINTR && errno != EAGAIN) usleep(20000);
            continue;
        }
        if (write(out, stream + kept, count) != count) fail("write output");
        size_t length = kept + count, index = 0;
        unsigned char answers[8192];
        size_t answered = 0;
        while (index + 2 < length) {
            if (stream[index] == 0x10 && stream[index + 1] == 0x04) {
                answers[answered++] = 0x12;  // DLE EOT n: bits 1 and 4 set, nothing wrong
                index += 3;
            } else if (stream[index] == 0x1D && stream[index + 1] == 0x72) {
                answers[answered++] = 0x00;  // GS r n: paper present
                index += 3;
            } else {
                index++;
            }
        }
        kept = length - index < 2 ? length - index : 2;
        memcpy(tail, stream + length - kept, kept);
        memcpy(stream, tail, kept);
        if (answered && write(fd, answers, answered) < 0) fprintf(stderr, "guest-devices: answer: %s\n", strerror(errno));
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "touch") == 0) return touch(argv[2]);
    if (argc == 3 && strcmp(argv[1], "printer") == 0) return printer(argv[2]);
    fprintf(stderr, "usage: guest-devices touch COMMAND_FIFO | printer OUTPUT\n");
    return 2;
}
