#include "network.h"

#include <arpa/inet.h>

#include <cstring>

namespace sandbox {

std::string client_network(const std::string& address) {
  unsigned char bytes[16];
  char text[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, address.c_str(), bytes) == 1) {
    bytes[3] = 0;
    return inet_ntop(AF_INET, bytes, text, sizeof text) ? std::string(text) + "/24" : address;
  }
  if (inet_pton(AF_INET6, address.c_str(), bytes) != 1) return address;
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) {
    bytes[15] = 0;
    return inet_ntop(AF_INET, bytes + 12, text, sizeof text) ? std::string(text) + "/24" : address;
  }
  std::memset(bytes + 8, 0, 8);
  return inet_ntop(AF_INET6, bytes, text, sizeof text) ? std::string(text) + "/64" : address;
}

}  // namespace sandbox
