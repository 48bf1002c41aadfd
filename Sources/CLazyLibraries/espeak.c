// libespeak-ng, loaded when speech is first made (KioskSpeech's SpeechSynthesizer: the headphone guidance, and
// the tests that render each screen's speech).
#include "../CEspeakNG/shim.h"
#include "stubs.h"

#define ESPEAK_CALL(name, ...) KIOSK_CALL(KIOSK_LIBRARY_ESPEAK, name, __VA_ARGS__)

int espeak_Initialize(espeak_AUDIO_OUTPUT output, int buflength, const char *path, int options) {
    return ESPEAK_CALL(espeak_Initialize, output, buflength, path, options);
}
void espeak_SetSynthCallback(t_espeak_callback *SynthCallback) { ESPEAK_CALL(espeak_SetSynthCallback, SynthCallback); }
espeak_ERROR espeak_SetVoiceByName(const char *name) { return ESPEAK_CALL(espeak_SetVoiceByName, name); }
espeak_VOICE *espeak_GetCurrentVoice(void) { return ESPEAK_CALL(espeak_GetCurrentVoice); }
espeak_ERROR espeak_Synth(
    const void *text, size_t size, unsigned int position, espeak_POSITION_TYPE position_type, unsigned int end_position,
    unsigned int flags, unsigned int *unique_identifier, void *user_data) {
    return ESPEAK_CALL(
        espeak_Synth, text, size, position, position_type, end_position, flags, unique_identifier, user_data);
}
espeak_ERROR espeak_Synchronize(void) { return ESPEAK_CALL(espeak_Synchronize); }
