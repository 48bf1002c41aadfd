#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper per
// argument kind. They are defined beside the stubs that load libcurl when it is first used
// (Sources/CLazyLibraries/curl.c); this module gives the headers only.
CURLcode kiosk_curl_set_long(CURL *curl, CURLoption option, long value);
CURLcode kiosk_curl_set_string(CURL *curl, CURLoption option, const char *value);
CURLcode kiosk_curl_set_pointer(CURL *curl, CURLoption option, void *value);
CURLcode kiosk_curl_set_write(CURL *curl, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode kiosk_curl_set_header_callback(CURL *curl, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode kiosk_curl_get_long(CURL *curl, CURLINFO info, long *value);
