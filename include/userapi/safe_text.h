// The one sanitiser for text a server chose (its error message, the paths and messages of the
// violations found in its response, libcurl's error): whatever it holds, what the CLI prints and
// what a batch report holds is one line of printable text of bounded length, so a server cannot
// move the cursor, retitle the terminal, clear the screen or forge a line of output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace userapi {

/// At most this many bytes of the input are shown; the rest becomes "... (N more bytes)".
constexpr std::size_t kSafeTextMax = 500;

/// `text` as one printable line: C0 controls, DEL and bytes that are not UTF-8 as \xHH; C1
/// controls, bidirectional overrides, line and paragraph separators and U+FEFF as \u{HHHH};
/// a backslash as \\ (so an escape in the output always means the server sent that byte).
/// Other UTF-8 (accents, scripts, emoji) is kept.
std::string safe_text(std::string_view text, std::size_t max = kSafeTextMax);

}  // namespace userapi
