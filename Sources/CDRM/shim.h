// libdrm (Debian libdrm-dev): KMS mode setting, dumb buffers and page-flip events.
#include <stdint.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

/// Counts a completed page flip into the `unsigned int` that the flip's `user_data` points to.
static inline void cdrm_count_flip(int fd, unsigned int sequence, unsigned int sec, unsigned int usec, void *user) {
    (void)fd; (void)sequence; (void)sec; (void)usec;
    if (user) (*(unsigned int *)user)++;
}

/// `drmHandleEvent` with a page-flip handler that counts each completed flip (see `cdrm_count_flip`).
static inline int cdrm_handle_flip_events(int fd) {
    drmEventContext context = {0};
    context.version = 2;
    context.page_flip_handler = cdrm_count_flip;
    return drmHandleEvent(fd, &context);
}

/// `drmModePageFlip` asking for a flip event whose handler counts into `*completed`.
static inline int cdrm_page_flip(int fd, uint32_t crtc, uint32_t fb, unsigned int *completed) {
    return drmModePageFlip(fd, crtc, fb, DRM_MODE_PAGE_FLIP_EVENT, completed);
}

/// Whether the connector reports a screen attached.
static inline int cdrm_is_connected(const drmModeConnector *connector) { return connector->connection == DRM_MODE_CONNECTED; }

/// Whether `mode` is the connector's preferred one.
static inline int cdrm_is_preferred(const drmModeModeInfo *mode) { return (mode->type & DRM_MODE_TYPE_PREFERRED) != 0; }
