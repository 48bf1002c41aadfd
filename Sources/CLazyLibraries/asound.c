// libasound, loaded when the speech guidance first plays (KioskSpeech's PCMOutput, the headphone jack).
#include "../CALSA/shim.h"
#include "stubs.h"

#define ALSA_CALL(name, ...) KIOSK_CALL(KIOSK_LIBRARY_ASOUND, name, __VA_ARGS__)

int snd_pcm_open(snd_pcm_t **pcm, const char *name, snd_pcm_stream_t stream, int mode) {
    return ALSA_CALL(snd_pcm_open, pcm, name, stream, mode);
}
int snd_pcm_set_params(
    snd_pcm_t *pcm, snd_pcm_format_t format, snd_pcm_access_t access, unsigned int channels, unsigned int rate,
    int soft_resample, unsigned int latency) {
    return ALSA_CALL(snd_pcm_set_params, pcm, format, access, channels, rate, soft_resample, latency);
}
snd_pcm_sframes_t snd_pcm_writei(snd_pcm_t *pcm, const void *buffer, snd_pcm_uframes_t size) {
    return ALSA_CALL(snd_pcm_writei, pcm, buffer, size);
}
int snd_pcm_recover(snd_pcm_t *pcm, int err, int silent) { return ALSA_CALL(snd_pcm_recover, pcm, err, silent); }
int snd_pcm_drain(snd_pcm_t *pcm) { return ALSA_CALL(snd_pcm_drain, pcm); }
int snd_pcm_drop(snd_pcm_t *pcm) { return ALSA_CALL(snd_pcm_drop, pcm); }
int snd_pcm_close(snd_pcm_t *pcm) { return ALSA_CALL(snd_pcm_close, pcm); }
const char *snd_strerror(int errnum) { return ALSA_CALL(snd_strerror, errnum); }
