// Prints fingerprints of seeded runs. tests/run.sh compares the native and the WebAssembly output.
#include "fingerprint.h"

int main() {
    PrintMlpFingerprints();
    PrintSpikingFingerprints();
    PrintBridgeFingerprints();
    return 0;
}
