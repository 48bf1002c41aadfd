// What the stubs share: each finds its real function once, on its first call.
//
// The stubs have the libraries' own names, so the library headers (which declare them exported) check every
// signature here. Exported from kioskd, they also take the library's calls to its own functions once it is
// loaded; each such call comes back to the library through dlsym on its handle, which never finds a stub.
#pragma once
#include "CLazyLibraries.h"
#include <stdatomic.h>

/// The real function `name` of `library`; aborts naming both when it cannot be found.
void *kiosk_library_symbol(kiosk_library library, const char *name);

#define KIOSK_NAME(name) #name

/// Calls the real `name` (a function the library's header declares) with the arguments that follow.
/// The name is macro-expanded first (rfbInitServer is a macro naming the library's build variant).
#define KIOSK_CALL(library, name, ...)                                                         \
    ({                                                                                         \
        static void *_Atomic found;                                                            \
        void *function = atomic_load_explicit(&found, memory_order_acquire);                   \
        if (function == NULL) {                                                                \
            function = kiosk_library_symbol(library, KIOSK_NAME(name));                        \
            atomic_store_explicit(&found, function, memory_order_release);                     \
        }                                                                                      \
        ((__typeof__(&name))function)(__VA_ARGS__);                                            \
    })
