// libvncserver (Debian libvncserver-dev): the technicians' remote view. Headers only: Sources/CLazyLibraries
// loads the library when the view is configured, and defines the functions called here.
#include <rfb/rfb.h>

/// Taps a VNC client made (left button released), kept in `screenData` until kioskd takes them.
typedef struct {
    int lastMask;
    int count;
    int x[32];
    int y[32];
} cvnc_taps;

/// Pointer events when input is not allowed: dropped.
static inline void cvnc_ignore_pointer(int mask, int x, int y, rfbClientPtr client) {
    (void)mask; (void)x; (void)y; (void)client;
}

/// Key events: always dropped (the kiosk has no keyboard).
static inline void cvnc_ignore_key(rfbBool down, rfbKeySym key, rfbClientPtr client) {
    (void)down; (void)key; (void)client;
}

/// Pointer events when input is allowed: a left-button release is recorded as a tap.
static inline void cvnc_record_pointer(int mask, int x, int y, rfbClientPtr client) {
    cvnc_taps *taps = (cvnc_taps *)client->screen->screenData;
    if (taps == NULL) return;
    if ((taps->lastMask & 1) && !(mask & 1) && taps->count < 32) {
        taps->x[taps->count] = x;
        taps->y[taps->count] = y;
        taps->count++;
    }
    taps->lastMask = mask;
}

/// Installs the handlers: taps recorded when `allowInput`, else every input dropped.
static inline void cvnc_set_input(rfbScreenInfoPtr screen, int allowInput) {
    screen->ptrAddEvent = allowInput ? cvnc_record_pointer : cvnc_ignore_pointer;
    screen->kbdAddEvent = cvnc_ignore_key;
}

/// Password check against the NULL-terminated list in `authPasswdData`.
static inline void cvnc_use_password_list(rfbScreenInfoPtr screen, char **passwords) {
    screen->authPasswdData = (void *)passwords;
    screen->passwordCheck = rfbCheckPasswordByList;
}

/// Socket of the `index`th connected client (-1 past the last), for poll().
static inline int cvnc_client_socket(rfbScreenInfoPtr screen, int index) {
    rfbClientIteratorPtr iterator = rfbGetClientIterator(screen);
    rfbClientPtr client;
    int found = -1, i = 0;
    while ((client = rfbClientIteratorNext(iterator)) != NULL) {
        if (i++ == index) {
            found = client->sock;
            break;
        }
    }
    rfbReleaseClientIterator(iterator);
    return found;
}

/// `rfbInitServer` (a macro naming the library's build variant): opens the listening socket.
static inline void cvnc_init_server(rfbScreenInfoPtr screen) { rfbInitServer(screen); }
