// The network a client address belongs to, for limits that one network must not be able to
// dodge by using many addresses: an IPv4 /24 or an IPv6 /64 (what one subscriber or one
// hosting customer usually has).
#pragma once

#include <string>

namespace sandbox {

/// "203.0.113.7" -> "203.0.113.0/24", "2001:db8:1:2:3::4" -> "2001:db8:1:2::/64", an
/// IPv4-mapped IPv6 address as IPv4; anything else is returned as it is.
std::string client_network(const std::string& address);

}  // namespace sandbox
