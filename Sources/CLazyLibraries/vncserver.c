// libvncserver, loaded when the technicians' VNC view is configured (KioskDisplay's VNCDisplay).
#include "../CVNCServer/shim.h"
#include "stubs.h"

#define VNC_CALL(name, ...) KIOSK_CALL(KIOSK_LIBRARY_VNCSERVER, name, __VA_ARGS__)

rfbBool rfbCheckPasswordByList(rfbClientPtr client, const char *response, int length) {
    return VNC_CALL(rfbCheckPasswordByList, client, response, length);
}
rfbClientPtr rfbClientIteratorNext(rfbClientIteratorPtr iterator) { return VNC_CALL(rfbClientIteratorNext, iterator); }
rfbClientIteratorPtr rfbGetClientIterator(rfbScreenInfoPtr screen) { return VNC_CALL(rfbGetClientIterator, screen); }
rfbScreenInfoPtr rfbGetScreen(
    int *argc, char **argv, int width, int height, int bitsPerSample, int samplesPerPixel, int bytesPerPixel) {
    return VNC_CALL(rfbGetScreen, argc, argv, width, height, bitsPerSample, samplesPerPixel, bytesPerPixel);
}
void rfbInitServer(rfbScreenInfoPtr screen) { VNC_CALL(rfbInitServer, screen); }
void rfbLogEnable(int enabled) { VNC_CALL(rfbLogEnable, enabled); }
void rfbMarkRectAsModified(rfbScreenInfoPtr screen, int x1, int y1, int x2, int y2) {
    VNC_CALL(rfbMarkRectAsModified, screen, x1, y1, x2, y2);
}
rfbBool rfbProcessEvents(rfbScreenInfoPtr screen, long usec) { return VNC_CALL(rfbProcessEvents, screen, usec); }
void rfbReleaseClientIterator(rfbClientIteratorPtr iterator) { VNC_CALL(rfbReleaseClientIterator, iterator); }
void rfbScreenCleanup(rfbScreenInfoPtr screen) { VNC_CALL(rfbScreenCleanup, screen); }
void rfbShutdownServer(rfbScreenInfoPtr screen, rfbBool disconnect) { VNC_CALL(rfbShutdownServer, screen, disconnect); }
