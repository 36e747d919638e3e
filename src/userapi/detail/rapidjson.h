// The one place RapidJSON is configured and included. Its asserts become no-ops on every build
// (em++ keeps asserts live at -O2), so native and wasm behave the same; the reader never needs
// them because every input error is reported through the parse result.
#pragma once

#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x) ((void)0)
#endif
#define RAPIDJSON_HAS_STDSTRING 1

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>
