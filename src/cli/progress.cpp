#include "progress.h"

#include <cmath>

namespace cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kRedraw = std::chrono::milliseconds(100);
constexpr auto kPlainEvery = std::chrono::seconds(5);
constexpr std::size_t kPlainRows = 1000;
constexpr int kBarWidth = 24;

// "3 s", "2 min 05 s", "1 h 02 min".
std::string duration(double seconds) {
  const long s = std::lround(seconds);
  char text[32];
  if (s < 60)
    std::snprintf(text, sizeof text, "%ld s", s);
  else if (s < 3600)
    std::snprintf(text, sizeof text, "%ld min %02ld s", s / 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%ld h %02ld min", s / 3600, s / 60 % 60);
  return text;
}

}  // namespace

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

ProgressDisplay::ProgressDisplay(std::FILE* out, bool tty) : out_(out), tty_(tty), last_draw_(started_) {}

double ProgressDisplay::rate(const SendProgress& p) const {
  const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  return seconds > 0 ? static_cast<double>(p.done) / seconds : 0;
}

// "[#########-----]  4,120/9,900 rows  2,034 rows/s  ETA 3 s  12 failed  30 retries"
std::string ProgressDisplay::line(const SendProgress& p) const {
  std::string text;
  if (tty_) {
    const int filled = p.total ? static_cast<int>(kBarWidth * p.done / p.total) : kBarWidth;
    text = "[" + std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(kBarWidth - filled), '-') + "]  ";
  } else {
    text = "sent ";
  }
  const double r = rate(p);
  text += thousands(p.done) + "/" + thousands(p.total) + " rows  " + thousands(static_cast<std::size_t>(r)) +
          " rows/s";
  if (p.done < p.total && r > 0) text += "  ETA " + duration(static_cast<double>(p.total - p.done) / r);
  if (p.failed) text += "  " + thousands(p.failed) + " failed";
  if (p.retries) text += "  " + thousands(p.retries) + " retries";
  if (p.cancelling) text += "  cancelling: waiting for " + thousands(p.in_flight) + " in flight";
  return text;
}

void ProgressDisplay::draw(const SendProgress& p) {
  const std::string text = line(p);
  if (tty_)
    std::fprintf(out_, "\r%s\x1b[K", text.c_str());
  else
    std::fprintf(out_, "%s\n", text.c_str());
  std::fflush(out_);
  last_draw_ = Clock::now();
  last_done_ = p.done;
  drawn_ = true;
}

void ProgressDisplay::update(const SendProgress& p) {
  const auto now = Clock::now();
  if (tty_) {
    if (now - last_draw_ >= kRedraw) draw(p);
  } else if (p.done / kPlainRows > last_done_ / kPlainRows || now - last_draw_ >= kPlainEvery) {
    draw(p);
  }
}

// On a terminal the bar's last state stays on screen; plain lines end with the last count only
// when some were printed (the summary on stdout says the rest).
void ProgressDisplay::finish(const SendProgress& p) {
  if (tty_) {
    draw(p);
    std::fputc('\n', out_);
  } else if (drawn_ && p.done != last_done_) {
    draw(p);
  }
  std::fflush(out_);
}

}  // namespace cli
