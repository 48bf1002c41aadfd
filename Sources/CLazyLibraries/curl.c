// libcurl, loaded when a kiosk is linked to a queue server (KioskLink's CurlTransport).
#define CURL_DISABLE_TYPECHECK
#include "../CCurl/shim.h"
#include "stubs.h"

#define CURL_CALL(name, ...) KIOSK_CALL(KIOSK_LIBRARY_CURL, name, __VA_ARGS__)

CURLcode curl_global_init(long flags) { return CURL_CALL(curl_global_init, flags); }
CURL *curl_easy_init(void) { return CURL_CALL(curl_easy_init); }
void curl_easy_cleanup(CURL *curl) { CURL_CALL(curl_easy_cleanup, curl); }
void curl_easy_reset(CURL *curl) { CURL_CALL(curl_easy_reset, curl); }
CURLcode curl_easy_perform(CURL *curl) { return CURL_CALL(curl_easy_perform, curl); }
const char *curl_easy_strerror(CURLcode code) { return CURL_CALL(curl_easy_strerror, code); }
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *data) {
    return CURL_CALL(curl_slist_append, list, data);
}
void curl_slist_free_all(struct curl_slist *list) { CURL_CALL(curl_slist_free_all, list); }

// The typed wrappers of the variadic curl_easy_setopt and curl_easy_getinfo (declared in CCurl's shim.h).
CURLcode kiosk_curl_set_long(CURL *curl, CURLoption option, long value) {
    return CURL_CALL(curl_easy_setopt, curl, option, value);
}
CURLcode kiosk_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return CURL_CALL(curl_easy_setopt, curl, option, value);
}
CURLcode kiosk_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return CURL_CALL(curl_easy_setopt, curl, option, value);
}
CURLcode kiosk_curl_set_write(CURL *curl, size_t (*callback)(char *, size_t, size_t, void *)) {
    return CURL_CALL(curl_easy_setopt, curl, CURLOPT_WRITEFUNCTION, callback);
}
CURLcode kiosk_curl_set_header_callback(CURL *curl, size_t (*callback)(char *, size_t, size_t, void *)) {
    return CURL_CALL(curl_easy_setopt, curl, CURLOPT_HEADERFUNCTION, callback);
}
CURLcode kiosk_curl_get_long(CURL *curl, CURLINFO info, long *value) {
    return CURL_CALL(curl_easy_getinfo, curl, info, value);
}
