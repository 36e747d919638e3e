// UTF-8 validation 16 bytes at a time: the lookup algorithm of Keiser and Lemire ("Validating
// UTF-8 in less than one instruction per byte", 2021, as in simdjson). It only answers yes or no;
// validate_utf8 (text.cpp) asks it first and, on "no", finds and words the error with the byte
// loop, so every reported offset and reason stays the byte loop's.
//
// Built with -msimd128 (WebAssembly) or -mssse3 (x86-64, used after a CPU check): both have the
// byte shuffle that does the table lookups. Elsewhere it is not built (kUtf8Simd is false).
#include "detail/utf8_simd.h"

#if defined(__wasm_simd128__) || defined(__x86_64__)
#define USERAPI_UTF8_SIMD 1
#else
#define USERAPI_UTF8_SIMD 0
#endif

namespace userapi::detail {

bool utf8_simd_usable() {
#if defined(__wasm_simd128__)
  return true;
#elif USERAPI_UTF8_SIMD
  static const bool usable = __builtin_cpu_supports("ssse3");
  return usable;
#else
  return false;
#endif
}

}  // namespace userapi::detail

#if USERAPI_UTF8_SIMD

#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#else
#include <tmmintrin.h>
#endif

namespace userapi::detail {

namespace {

// V is a GCC/Clang vector type on both targets: &, | and ^ work on it as they are.
#if defined(__wasm_simd128__)
using V = v128_t;
V load(const unsigned char* p) { return wasm_v128_load(p); }
V splat(std::uint8_t c) { return wasm_i8x16_splat(static_cast<std::int8_t>(c)); }
V high_nibbles(V v) { return wasm_u8x16_shr(v, 4); }
V lookup(V table, V nibbles) { return wasm_i8x16_swizzle(table, nibbles); }
V sub_sat(V a, V b) { return wasm_u8x16_sub_sat(a, b); }
bool any(V v) { return wasm_v128_any_true(v); }
bool is_ascii(V v) { return wasm_i8x16_bitmask(v) == 0; }
// The bytes 1, 2 or 3 places before each byte of `cur` (`prev` is the block before it).
V before1(V prev, V cur) {
  return wasm_i8x16_shuffle(prev, cur, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
}
V before2(V prev, V cur) {
  return wasm_i8x16_shuffle(prev, cur, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
}
V before3(V prev, V cur) {
  return wasm_i8x16_shuffle(prev, cur, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28);
}
V table(const std::uint8_t (&t)[16]) { return wasm_v128_load(t); }
#else
using V = __m128i;
V load(const unsigned char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
V splat(std::uint8_t c) { return _mm_set1_epi8(static_cast<char>(c)); }
V high_nibbles(V v) { return _mm_and_si128(_mm_srli_epi16(v, 4), splat(0x0F)); }
V lookup(V table, V nibbles) { return _mm_shuffle_epi8(table, nibbles); }
V sub_sat(V a, V b) { return _mm_subs_epu8(a, b); }
bool any(V v) { return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) != 0xFFFF; }
bool is_ascii(V v) { return _mm_movemask_epi8(v) == 0; }
V before1(V prev, V cur) { return _mm_alignr_epi8(cur, prev, 15); }
V before2(V prev, V cur) { return _mm_alignr_epi8(cur, prev, 14); }
V before3(V prev, V cur) { return _mm_alignr_epi8(cur, prev, 13); }
V table(const std::uint8_t (&t)[16]) { return load(t); }
#endif

// What can be wrong with a pair of bytes, one bit each (simdjson's names).
constexpr std::uint8_t kTooShort = 1 << 0;      // a lead not followed by a continuation
constexpr std::uint8_t kTooLong = 1 << 1;       // ASCII followed by a continuation
constexpr std::uint8_t kOverlong3 = 1 << 2;     // E0 80..9F
constexpr std::uint8_t kTooLarge = 1 << 3;      // F4 90.. and above
constexpr std::uint8_t kSurrogate = 1 << 4;     // ED A0..BF
constexpr std::uint8_t kOverlong2 = 1 << 5;     // C0, C1
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // F5.. 80..8F
constexpr std::uint8_t kOverlong4 = 1 << 6;     // F0 80..8F
constexpr std::uint8_t kTwoConts = 1 << 7;      // two continuations (right only after a 3/4-byte lead)
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

// clang-format off
constexpr std::uint8_t kLarge = kCarry | kTooLarge | kTooLarge1000;
// Indexed by the high nibble of the first byte of the pair: ASCII, continuation, C_, D_, E_, F_.
constexpr std::uint8_t kByte1High[16] = {
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,
    kTooShort | kOverlong2, kTooShort, kTooShort | kOverlong3 | kSurrogate,
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4};
// By its low nibble.
constexpr std::uint8_t kByte1Low[16] = {
    kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2, kCarry, kCarry,
    kCarry | kTooLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge,
    kLarge | kSurrogate, kLarge, kLarge};
// By the high nibble of the second byte: ASCII, 8_, 9_, A_, B_, C_ and above.
constexpr std::uint8_t kByte2High[16] = {
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooShort, kTooShort, kTooShort, kTooShort};
// clang-format on

// The errors in block `cur` given the block before it (non-zero lanes: invalid).
V block_errors(V prev, V cur) {
  const V prev1 = before1(prev, cur);
  const V pairs = lookup(table(kByte1High), high_nibbles(prev1)) &
                  lookup(table(kByte1Low), prev1 & splat(0x0F)) &
                  lookup(table(kByte2High), high_nibbles(cur));
  // A second continuation must follow a 3- or 4-byte lead two or three bytes back, and only then.
  const V must_continue =
      sub_sat(before2(prev, cur), splat(0xE0 - 0x80)) | sub_sat(before3(prev, cur), splat(0xF0 - 0x80));
  return pairs ^ (must_continue & splat(0x80));
}

}  // namespace

bool utf8_valid_simd(const unsigned char* p, std::size_t n) {
  V prev = splat(0);
  V errors = splat(0);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const V cur = load(p + i);
    // A block of ASCII after another is valid as it stands (no sequence is pending).
    if (!(is_ascii(cur) && is_ascii(prev))) errors = errors | block_errors(prev, cur);
    prev = cur;
  }
  // The rest, padded with zero bytes (ASCII), and then a block of zeros: a sequence cut off at
  // the end of the text shows as one followed by ASCII.
  unsigned char tail[16] = {};
  if (n > i) std::memcpy(tail, p + i, n - i);  // (p may be null when n is 0)
  const V last = load(tail);
  errors = errors | block_errors(prev, last) | block_errors(last, splat(0));
  return !any(errors);
}

}  // namespace userapi::detail

#endif
