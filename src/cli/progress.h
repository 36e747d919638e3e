// The progress of `userapi send --batch` on stderr: on a terminal one line redrawn in place (a
// bar, done/total, rows/s, ETA); otherwise a plain line every 1,000 rows or 5 seconds.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

#include "batch_sender.h"

namespace cli {

/// 4982 -> "4,982".
std::string thousands(std::size_t n);

class ProgressDisplay {
 public:
  /// `tty`: redraw one line in place (isatty(stderr)); else plain lines.
  ProgressDisplay(std::FILE* out, bool tty);
  /// Called as often as the sender likes; draws at most every 100 ms (terminal).
  void update(const SendProgress& p);
  /// The last state, drawn once more and ended with a line break.
  void finish(const SendProgress& p);
  /// Rows per second since the first update.
  double rate(const SendProgress& p) const;

 private:
  std::string line(const SendProgress& p) const;
  void draw(const SendProgress& p);

  std::FILE* out_;
  bool tty_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_;
  std::size_t last_done_ = 0;
  bool drawn_ = false;
};

}  // namespace cli
