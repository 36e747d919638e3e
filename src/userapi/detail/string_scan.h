// Where a JSON string's plain run ends: a mask of the bytes among the 16 at `p` that RapidJSON
// must look at one by one (`"`, `\` and controls below 0x20), SSE2 or WebAssembly SIMD when the
// target has them. The caller guarantees 16 readable bytes.
#pragma once

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace userapi::detail {

inline std::uint32_t string_stops(const char* p) {
#if defined(__SSE2__)
  const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(s, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
  const __m128i quote = _mm_cmpeq_epi8(s, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(s, _mm_set1_epi8('\\'));
  return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)));
#elif defined(__wasm_simd128__)
  const v128_t s = wasm_v128_load(p);
  const v128_t stops = wasm_v128_or(
      wasm_v128_or(wasm_i8x16_eq(s, wasm_i8x16_splat('"')), wasm_i8x16_eq(s, wasm_i8x16_splat('\\'))),
      wasm_u8x16_lt(s, wasm_i8x16_splat(0x20)));
  return wasm_i8x16_bitmask(stops);
#else
  std::uint32_t mask = 0;
  for (int i = 0; i < 16; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c == '"' || c == '\\' || c < 0x20) mask |= 1u << i;
  }
  return mask;
#endif
}

}  // namespace userapi::detail
