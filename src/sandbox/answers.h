// The JSON bodies the sandbox answers with, written with the core's JsonWriter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http.h"
#include "store.h"
#include "userapi/contract.h"
#include "userapi/violation.h"

namespace sandbox {

using userapi::contract::Error;

/// The answer `error` is (contract.h's table): its status and its error body.
void reply_error(Response& res, Error error, std::initializer_list<userapi::contract::ErrorFact> facts = {});

/// 422: the error body plus the core's violations, as the contract reports them.
std::string invalid_body(const userapi::Report& report);

/// {"success":1,"user_group":{...}}: the answer to a PUT that was stored.
std::string success_body(const UserGroup& group);

/// 201 to POST /sandbox/sessions: {"token":...,"expires_at":"2026-12-02T08:15:00Z"}
std::string session_body(std::string_view token, std::string_view expires_at);

/// 200 to GET /sandbox/sessions: {"auto":true,"ttl_seconds":86400}; `auto` tells the page to
/// ask for a session by itself (a --public sandbox, where the dev token is off).
std::string sessions_info_body(bool automatic, long long ttl_seconds);

/// {"user_group":{...}} and {"user_groups":[...]}: the sandbox's read-back routes.
std::string group_body(const UserGroup& group);
std::string groups_body(const std::vector<UserGroup>& groups);

}  // namespace sandbox
