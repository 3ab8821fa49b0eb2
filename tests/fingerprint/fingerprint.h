// Fingerprints of seeded results; the native and WebAssembly builds must print the same lines.
#pragma once

#include <cstdint>
#include <cstring>

void PrintMlpFingerprints();
void PrintSpikingFingerprints();
void PrintBridgeFingerprints();

// FNV-1a over the bit patterns of doubles (and raw integers): any one-bit difference shows.
class Fnv1a {
public:
    void Add(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        Add(bits);
    }
    void Add(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) {
            hash_ ^= (v >> (8 * i)) & 0xFF;
            hash_ *= 0x100000001B3ULL;
        }
    }
    std::uint64_t Value() const { return hash_; }

private:
    std::uint64_t hash_ = 0xCBF29CE484222325ULL;
};
