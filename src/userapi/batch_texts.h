// Every text a batch report's `error` holds, written once for the CLI, the module and the page.
// English: the report is a record to resume from and to read in a spreadsheet, not a UI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "userapi/batch_engine.h"

namespace userapi::batch::texts {

/// "The server answered 404: no such group" ("The server answered 200" without a message); the
/// server's message made safe to print (safe_text).
std::string answered(int status, const std::optional<std::string>& server_message);
/// " (the response breaks the contract: json.syntax)", appended to answered().
std::string breaks_contract(std::string_view check);
/// "No response within 30000 ms", "The connection was refused", ...
std::string transport(TransportError error, std::uint32_t timeout_ms);
std::string not_sent();                                ///< a row the cancel kept from being sent
std::string cancelled_waiting(std::string_view last);  ///< a row the cancel caught between attempts
std::string abandoned();                               ///< a row in flight at a second cancel
std::string skipped();                                 ///< done in the resumed report

}  // namespace userapi::batch::texts
