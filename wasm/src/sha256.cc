#include "sha256.h"

#include <cstdint>
#include <cstring>

namespace durchblick {
namespace {

constexpr uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// One 64-byte block. Eight rounds per loop turn with the working variables
// renamed instead of shifted (a b c d e f g h -> h a b c d e f g), so no
// round moves seven words around: at -Oz nothing else unrolls it.
inline uint32_t Ch(uint32_t e, uint32_t f, uint32_t g) { return g ^ (e & (f ^ g)); }
inline uint32_t Maj(uint32_t a, uint32_t b, uint32_t c) { return (a & b) | (c & (a | b)); }
inline uint32_t Sigma0(uint32_t a) { return Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22); }
inline uint32_t Sigma1(uint32_t e) { return Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25); }
#define DURCHBLICK_SHA_ROUND(a, b, c, d, e, f, g, h, i)          \
  do {                                                          \
    uint32_t t1 = h + Sigma1(e) + Ch(e, f, g) + kRound[i] + w[i]; \
    d += t1;                                                    \
    h = t1 + Sigma0(a) + Maj(a, b, c);                          \
  } while (0)

void Block(uint32_t state[8], const unsigned char* p) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) {
    w[i] = (uint32_t(p[4 * i]) << 24) | (uint32_t(p[4 * i + 1]) << 16) |
           (uint32_t(p[4 * i + 2]) << 8) | uint32_t(p[4 * i + 3]);
  }
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i += 8) {
    DURCHBLICK_SHA_ROUND(a, b, c, d, e, f, g, h, i);
    DURCHBLICK_SHA_ROUND(h, a, b, c, d, e, f, g, i + 1);
    DURCHBLICK_SHA_ROUND(g, h, a, b, c, d, e, f, i + 2);
    DURCHBLICK_SHA_ROUND(f, g, h, a, b, c, d, e, i + 3);
    DURCHBLICK_SHA_ROUND(e, f, g, h, a, b, c, d, i + 4);
    DURCHBLICK_SHA_ROUND(d, e, f, g, h, a, b, c, i + 5);
    DURCHBLICK_SHA_ROUND(c, d, e, f, g, h, a, b, i + 6);
    DURCHBLICK_SHA_ROUND(b, c, d, e, f, g, h, a, i + 7);
  }
  state[0] += a, state[1] += b, state[2] += c, state[3] += d;
  state[4] += e, state[5] += f, state[6] += g, state[7] += h;
}
#undef DURCHBLICK_SHA_ROUND

}  // namespace

std::string Sha256Hex(std::string_view data) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size(), full = n / 64 * 64;
  for (size_t i = 0; i < full; i += 64) Block(h, p + i);
  unsigned char tail[128] = {0};
  size_t rest = n - full;
  std::memcpy(tail, p + full, rest);
  tail[rest] = 0x80;
  size_t tail_len = rest + 9 > 64 ? 128 : 64;
  uint64_t bits = uint64_t(n) * 8;
  for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  for (size_t i = 0; i < tail_len; i += 64) Block(h, tail + i);
  static const char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) out[i * 8 + j] = kHex[(h[i] >> (28 - 4 * j)) & 0xF];
  }
  return out;
}

}  // namespace durchblick
