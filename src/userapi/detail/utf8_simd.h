// A vectorised yes/no UTF-8 check (utf8_simd.cpp), where the target has a byte shuffle.
#pragma once

#include <cstddef>

namespace userapi::detail {

/// Whether utf8_valid_simd may be called: built with WebAssembly SIMD, or on an x86-64 CPU with
/// SSSE3.
bool utf8_simd_usable();

/// True when the `n` bytes at `p` are strict UTF-8 (as validate_utf8 defines it).
bool utf8_valid_simd(const unsigned char* p, std::size_t n);

}  // namespace userapi::detail
