// The secret that keeps tokens unreadable at rest. The database never holds a token: a session's
// token is stored as its keyed hash (HMAC-SHA256 with this key), and the dev token is derived
// from the key, so a copy of the database (a backup, a file left 0644 by an older version) opens
// nothing. The key lives in its own file beside the database, created 0600.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sandbox {

class TokenKey {
 public:
  /// The key in `path` (64 hex digits), made from the system's random source when the file does
  /// not exist (created 0600, never overwritten). Nothing, with `error` set, when it cannot be
  /// read or made, or does not hold a key.
  static std::optional<TokenKey> load_or_create(const std::string& path, std::string& error);

  /// "h1:" and the 64 hex digits of HMAC-SHA256(key, token): what the store keeps of a token.
  std::string hash(std::string_view token) const;
  /// The dev token: "dev-" and 32 hex digits derived from the key, the same on every start.
  std::string dev_token() const;

 private:
  explicit TokenKey(std::string key) : key_(std::move(key)) {}
  std::string key_;  // 32 bytes
};

/// Equal strings, in time that depends only on their lengths (OpenSSL's CRYPTO_memcmp).
bool same_secret(std::string_view a, std::string_view b);

/// Creates `path` 0600 when missing and makes an existing file 0600 (and SQLite's -wal and -shm
/// beside it, which SQLite creates with the database's mode). False with `error` set on failure.
bool make_private(const std::string& path, std::string& error);

}  // namespace sandbox
