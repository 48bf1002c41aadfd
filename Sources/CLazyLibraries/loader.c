#include "CLazyLibraries.h"
#include "stubs.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const names[] = {
    "libcurl.so.4", "libcups.so.2", "libvncserver.so.1", "libespeak-ng.so.1", "libasound.so.2"};
static void *_Atomic handles[5];

const char *kiosk_library_load(kiosk_library library) {
    static _Thread_local char why[512];
    if (atomic_load_explicit(&handles[library], memory_order_acquire) != NULL) return NULL;
    // No lock: dlopen is thread-safe and gives every caller the same handle, also a call from the library's
    // own constructors (which a lock held across dlopen would deadlock).
    void *handle = dlopen(names[library], RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *error = dlerror();
        snprintf(why, sizeof why, "%s", error != NULL ? error : "dlopen failed");
        return why;
    }
    void *expected = NULL;
    if (!atomic_compare_exchange_strong(&handles[library], &expected, handle)) dlclose(handle);  // another thread's
    return NULL;
}

void *kiosk_library_symbol(kiosk_library library, const char *name) {
    const char *why = kiosk_library_load(library);
    if (why != NULL) {
        fprintf(stderr, "kioskd: %s is needed for %s but cannot be loaded: %s\n", names[library], name, why);
        abort();
    }
    void *function = dlsym(atomic_load_explicit(&handles[library], memory_order_acquire), name);
    if (function == NULL) {
        fprintf(stderr, "kioskd: %s has no %s (a different version?)\n", names[library], name);
        abort();
    }
    return function;
}
