// The C libraries kioskd maps only when its configuration uses them: libcurl (a kiosk linked to a queue
// server), libcups (a CUPS printer) and libvncserver (the technicians' VNC view), and libespeak-ng with
// libasound when a citizen turns the speech guidance on. With their dependencies
// they are 39 shared libraries, about 6.7 MiB resident and a part of every start's dynamic linking, that a
// kiosk using none of them never needs.
//
// Their system-library targets (CCurl, CCups, CVNCServer) give the headers only; this target defines each
// function kioskd calls as a stub that loads the library (dlopen) and finds the real function (dlsym) on
// its first call. Call kiosk_library_load first where a missing library must be an error message, not an
// abort.
#pragma once
typedef enum {
    KIOSK_LIBRARY_CURL = 0,
    KIOSK_LIBRARY_CUPS = 1,
    KIOSK_LIBRARY_VNCSERVER = 2,
    KIOSK_LIBRARY_ESPEAK = 3,
    KIOSK_LIBRARY_ASOUND = 4,
} kiosk_library;

/// Loads `library` unless it is loaded: NULL when it is, else why not ("libcurl.so.4: cannot open shared object
/// file…"), valid on this thread until its next call.
const char *kiosk_library_load(kiosk_library library);
