// The libFuzzer entry point of one target, chosen with -DUSERAPI_FUZZ_TARGET=fuzz_validate etc.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return userapi_fuzz::USERAPI_FUZZ_TARGET(data, size);
}
