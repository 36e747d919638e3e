#include "token_key.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sandbox {
namespace {

std::string hex(const unsigned char* bytes, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 0xf]);
  }
  return out;
}

std::optional<std::string> unhex(std::string_view text) {
  auto value = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    const int high = value(text[i]), low = value(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

std::string read_small_file(int fd) {
  std::string text(128, '\0');
  ssize_t n;
  while ((n = ::read(fd, text.data(), text.size())) < 0 && errno == EINTR) {
  }
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// A new key file; O_EXCL: two servers starting at once never overwrite each other's key.
bool create_key_file(const std::string& path, std::string& error) {
  unsigned char key[32];
  if (RAND_bytes(key, sizeof key) != 1) {
    error = "no random bytes for the token key";
    return false;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return errno == EEXIST;  // made by another process meanwhile: read that one
  const std::string text = hex(key, sizeof key) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) error = "cannot write " + path + ": " + std::strerror(errno);
  return written && synced;
}

}  // namespace

std::optional<TokenKey> TokenKey::load_or_create(const std::string& path, std::string& error) {
  if (::access(path.c_str(), F_OK) != 0 && !create_key_file(path, error)) return std::nullopt;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  ::fchmod(fd, 0600);
  const std::string text = read_small_file(fd);
  ::close(fd);
  auto key = text.size() == 64 ? unhex(text) : std::nullopt;
  if (!key) {
    error = path + " does not hold a token key (64 hex digits)";
    return std::nullopt;
  }
  return TokenKey(std::move(*key));
}

std::string TokenKey::hash(std::string_view token) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(token.data()), token.size(), mac, &size);
  return "h1:" + hex(mac, size);
}

std::string TokenKey::dev_token() const { return "dev-" + hash("userapi dev token").substr(3, 32); }

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool make_private(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0 || ::fchmod(fd, 0600) != 0) {
    error = "cannot make " + path + " private (0600): " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  for (const char* suffix : {"-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);  // when they exist
  return true;
}

}  // namespace sandbox
