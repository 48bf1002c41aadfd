// libcups, loaded when the printer is a CUPS queue (KioskDevices' CupsPrinter, `kioskctl printer list`).
#include "../CCups/shim.h"
#include "stubs.h"

#define CUPS_CALL(name, ...) KIOSK_CALL(KIOSK_LIBRARY_CUPS, name, __VA_ARGS__)

ipp_status_t cupsCancelJob2(http_t *http, const char *name, int job, int purge) {
    return CUPS_CALL(cupsCancelJob2, http, name, job, purge);
}
ipp_t *cupsDoIORequest(http_t *http, ipp_t *request, const char *resource, int infile, int outfile) {
    return CUPS_CALL(cupsDoIORequest, http, request, resource, infile, outfile);
}
ipp_t *cupsDoRequest(http_t *http, ipp_t *request, const char *resource) {
    return CUPS_CALL(cupsDoRequest, http, request, resource);
}
void cupsFreeDests(int count, cups_dest_t *dests) { CUPS_CALL(cupsFreeDests, count, dests); }
int cupsGetDests2(http_t *http, cups_dest_t **dests) { return CUPS_CALL(cupsGetDests2, http, dests); }
const char *cupsLastErrorString(void) { return CUPS_CALL(cupsLastErrorString); }
const char *cupsServer(void) { return CUPS_CALL(cupsServer); }
const char *cupsUser(void) { return CUPS_CALL(cupsUser); }
void httpClose(http_t *http) { CUPS_CALL(httpClose, http); }
http_t *httpConnect2(
    const char *host, int port, http_addrlist_t *addresses, int family, http_encryption_t encryption, int blocking,
    int msec, int *cancel) {
    return CUPS_CALL(httpConnect2, host, port, addresses, family, encryption, blocking, msec, cancel);
}
void httpSetTimeout(http_t *http, double timeout, http_timeout_cb_t callback, void *data) {
    CUPS_CALL(httpSetTimeout, http, timeout, callback, data);
}
ipp_attribute_t *ippAddInteger(ipp_t *ipp, ipp_tag_t group, ipp_tag_t tag, const char *name, int value) {
    return CUPS_CALL(ippAddInteger, ipp, group, tag, name, value);
}
ipp_attribute_t *ippAddString(
    ipp_t *ipp, ipp_tag_t group, ipp_tag_t tag, const char *name, const char *language, const char *value) {
    return CUPS_CALL(ippAddString, ipp, group, tag, name, language, value);
}
void ippDelete(ipp_t *ipp) { CUPS_CALL(ippDelete, ipp); }
ipp_attribute_t *ippFindAttribute(ipp_t *ipp, const char *name, ipp_tag_t tag) {
    return CUPS_CALL(ippFindAttribute, ipp, name, tag);
}
int ippGetBoolean(ipp_attribute_t *attribute, int element) { return CUPS_CALL(ippGetBoolean, attribute, element); }
int ippGetCount(ipp_attribute_t *attribute) { return CUPS_CALL(ippGetCount, attribute); }
int ippGetInteger(ipp_attribute_t *attribute, int element) { return CUPS_CALL(ippGetInteger, attribute, element); }
ipp_status_t ippGetStatusCode(ipp_t *ipp) { return CUPS_CALL(ippGetStatusCode, ipp); }
const char *ippGetString(ipp_attribute_t *attribute, int element, const char **language) {
    return CUPS_CALL(ippGetString, attribute, element, language);
}
ipp_t *ippNewRequest(ipp_op_t operation) { return CUPS_CALL(ippNewRequest, operation); }
int ippPort(void) { return CUPS_CALL(ippPort); }
