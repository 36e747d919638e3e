// The batch engine driven by hand: events in, actions out, no network and no clock.
#include "userapi/batch_engine.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace batch = userapi::batch;
using batch::Action;
using batch::Engine;
using batch::Outcome;
using batch::TransportError;

namespace {

constexpr double kT0 = 1'700'000'000'000.0;  // 2023-11-14T22:13:20.000Z

batch::EngineRow row_of(int n) {
  batch::EngineRow r;
  r.row = r.line = static_cast<std::uint32_t>(n);
  r.user_group_id = "g" + std::to_string(n);
  r.digest = "d" + std::to_string(n);
  r.body = R"({"user_group_id":"g)" + std::to_string(n) + R"(","name":"n"})";
  return r;
}

std::vector<batch::EngineRow> rows_of(int count) {
  std::vector<batch::EngineRow> rows;
  for (int i = 1; i <= count; ++i) rows.push_back(row_of(i));
  return rows;
}

// The answer the contract expects for row_of(n).
std::string ok_body(std::size_t index) {
  return R"({"success":1,"user_group":{"team_id":1,"token":"t","name":"n","provided_id":"g)" +
         std::to_string(index + 1) + R"("}})";
}

batch::EngineOptions options(int concurrency, int max_attempts = 3, std::uint64_t seed = 1) {
  batch::EngineOptions o;
  o.concurrency = concurrency;
  o.retry.max_attempts = max_attempts;
  o.timeout_ms = 500;
  o.seed = seed;
  return o;
}

Engine engine_of(int rows, const batch::EngineOptions& o) {
  return Engine(rows_of(rows), batch::Target{"http://127.0.0.1:1", "tok"}, o, kT0);
}

// Every send the engine asks for at `now`; the action that stopped it in `last`.
std::vector<std::size_t> sends(Engine& e, double now, Action* last = nullptr) {
  std::vector<std::size_t> rows;
  for (Action a = e.next(now);; a = e.next(now)) {
    if (a.kind != Action::Kind::send) {
      if (last) *last = a;
      return rows;
    }
    rows.push_back(a.row);
  }
}

TEST(BatchEngine, SendsInRowOrderAtMostConcurrencyAtOnce) {
  Engine e = engine_of(5, options(2));
  Action last;
  EXPECT_EQ(sends(e, kT0, &last), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(last.kind, Action::Kind::wait);
  EXPECT_EQ(last.until_ms, std::numeric_limits<double>::infinity());  // until an event
  EXPECT_EQ(e.request(1).body, R"({"user_group_id":"g2","name":"n"})");
  EXPECT_EQ(e.request(1).url, "http://127.0.0.1:1/api/user");
  e.received(1, 200, "", ok_body(1), kT0 + 12.34);
  EXPECT_EQ(sends(e, kT0 + 13), (std::vector<std::size_t>{2}));
  EXPECT_EQ(e.progress().in_flight, 2u);
  const batch::RowResult& r = e.report().rows[1];
  EXPECT_EQ(r.outcome, Outcome::succeeded);
  EXPECT_EQ(r.check, "valid");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.status, 200);
  EXPECT_DOUBLE_EQ(r.duration_ms, 12.3);
  EXPECT_EQ(e.take_settled(), (std::vector<std::size_t>{1}));
  EXPECT_TRUE(e.take_settled().empty());
}

TEST(BatchEngine, ContractBreaking2xxAnd4xxAreFinal) {
  Engine e = engine_of(3, options(3));
  sends(e, kT0);
  e.received(0, 200, "", R"({"success":1,)", kT0 + 1);
  e.received(1, 404, "", R"({"success":0,"message":"no such\u001b[2J group"})", kT0 + 1);
  e.received(2, 200, "", R"({"success":0,"message":"not today"})", kT0 + 1);
  const auto& rows = e.report().rows;
  EXPECT_EQ(rows[0].outcome, Outcome::failed);
  EXPECT_EQ(rows[0].check, "json.syntax");
  EXPECT_EQ(rows[0].error, "The server answered 200 (the response breaks the contract: json.syntax)");
  EXPECT_EQ(rows[1].error, "The server answered 404: no such\\x1b[2J group");  // made safe to print
  EXPECT_EQ(rows[2].outcome, Outcome::failed);
  EXPECT_EQ(rows[2].error, "The server answered 200: not today");
  for (const auto& r : rows) EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(e.next(kT0 + 2).kind, Action::Kind::done);
  EXPECT_EQ(e.report().finished, "2023-11-14T22:13:20.002Z");
}

TEST(BatchEngine, A429HoldsTheWholeBatchForItsRetryAfter) {
  Engine e = engine_of(3, options(1));
  sends(e, kT0);
  e.received(0, 429, "1", "{}", kT0 + 10);
  Action wait;
  EXPECT_TRUE(sends(e, kT0 + 10, &wait).empty());
  EXPECT_EQ(wait.kind, Action::Kind::wait);
  EXPECT_EQ(wait.until_ms, kT0 + 1010);  // Retry-After: 1 (the backoff is shorter)
  EXPECT_TRUE(sends(e, kT0 + 1009).empty());
  EXPECT_EQ(sends(e, kT0 + 1010), (std::vector<std::size_t>{0}));  // the retry first
  EXPECT_EQ(e.progress().retries, 1u);
  e.received(0, 200, "", ok_body(0), kT0 + 1020);
  EXPECT_EQ(e.report().rows[0].attempts, 2);
  EXPECT_EQ(e.report().rows[0].outcome, Outcome::succeeded);
  EXPECT_EQ(sends(e, kT0 + 1020), (std::vector<std::size_t>{1}));
}

TEST(BatchEngine, A5xxIsRetriedAfterJitteredBackoffOthersKeepGoing) {
  Engine e = engine_of(2, options(1));
  sends(e, kT0);
  e.received(0, 503, "", R"({"success":0,"message":"busy"})", kT0);
  Action wait;
  EXPECT_EQ(sends(e, kT0, &wait), (std::vector<std::size_t>{1}));  // no hold for a 503
  e.received(1, 200, "", ok_body(1), kT0 + 1);
  EXPECT_TRUE(sends(e, kT0 + 1, &wait).empty());
  EXPECT_GE(wait.until_ms, kT0 + 100);  // base 200 ms, equal jitter: [100, 200)
  EXPECT_LT(wait.until_ms, kT0 + 200);
  EXPECT_EQ(sends(e, wait.until_ms), (std::vector<std::size_t>{0}));
  e.received(0, 503, "", R"({"success":0,"message":"busy"})", wait.until_ms);
  const double second = wait.until_ms;
  sends(e, second, &wait);
  EXPECT_GE(wait.until_ms - second, 200);  // doubled: [200, 400)
  EXPECT_LT(wait.until_ms - second, 400);
  sends(e, wait.until_ms);
  e.received(0, 503, "", R"({"success":0,"message":"busy"})", wait.until_ms);
  EXPECT_EQ(e.report().rows[0].outcome, Outcome::failed);  // 3 attempts used
  EXPECT_EQ(e.report().rows[0].error, "The server answered 503: busy");
  EXPECT_EQ(e.next(wait.until_ms).kind, Action::Kind::done);
}

TEST(BatchEngine, TransportErrorsAreRetriedThenWorded) {
  Engine e = engine_of(1, options(1, 2));
  sends(e, kT0);
  e.failed(0, TransportError::reset, kT0 + 5);
  Action wait;
  sends(e, kT0 + 5, &wait);
  sends(e, wait.until_ms);
  e.failed(0, TransportError::timeout, wait.until_ms + 500);
  const auto& r = e.report().rows[0];
  EXPECT_EQ(r.outcome, Outcome::failed);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.check, "");
  EXPECT_EQ(r.error, "No response within 500 ms");
  EXPECT_FALSE(e.reached());
}

TEST(BatchEngine, CancelStopsSendingAndLetsRowsInFlightFinish) {
  Engine e = engine_of(4, options(2));
  sends(e, kT0);
  e.received(0, 503, "", R"({"success":0})", kT0 + 1);  // waiting to retry
  e.cancel(kT0 + 2);
  EXPECT_TRUE(sends(e, kT0 + 1000).empty());
  const auto& rows = e.report().rows;
  EXPECT_EQ(rows[0].outcome, Outcome::cancelled);
  EXPECT_EQ(rows[0].error, "Cancelled while waiting to retry; the last attempt: The server answered 503");
  EXPECT_EQ(rows[2].error, "Not sent: the batch was cancelled");
  EXPECT_EQ(rows[2].attempts, 0);
  EXPECT_EQ(e.next(kT0 + 3).kind, Action::Kind::wait);  // row 1 still in flight
  e.received(1, 200, "", ok_body(1), kT0 + 4);
  EXPECT_EQ(rows[1].outcome, Outcome::succeeded);
  EXPECT_EQ(e.next(kT0 + 5).kind, Action::Kind::done);
  const batch::Summary n = batch::summarize(e.report());
  EXPECT_EQ(n.succeeded, 1u);
  EXPECT_EQ(n.cancelled, 3u);
  EXPECT_EQ(e.progress().done, e.progress().total);
}

TEST(BatchEngine, ASecondCancelAbandonsRowsInFlight) {
  Engine e = engine_of(2, options(2));
  sends(e, kT0);
  e.cancel(kT0 + 1);
  e.cancel(kT0 + 2);
  EXPECT_EQ(e.report().rows[0].error,
            "Abandoned in flight by a second cancel: the server may have applied it");
  EXPECT_EQ(e.next(kT0 + 3).kind, Action::Kind::done);
  e.received(0, 200, "", ok_body(0), kT0 + 4);  // too late: ignored
  EXPECT_EQ(e.report().rows[0].outcome, Outcome::cancelled);
}

TEST(BatchEngine, InvalidAndResumedRowsAreNeverSent) {
  std::vector<batch::EngineRow> rows = rows_of(3);
  rows[0].problem = "required at /user_group_id: ...";
  rows[1].done = true;
  Engine e(std::move(rows), batch::Target{"http://127.0.0.1:1", "tok"}, options(4), kT0);
  EXPECT_EQ(sends(e, kT0), (std::vector<std::size_t>{2}));
  EXPECT_EQ(e.progress().total, 1u);
  EXPECT_EQ(e.report().rows[0].outcome, Outcome::invalid);
  EXPECT_EQ(e.report().rows[0].error, "required at /user_group_id: ...");
  EXPECT_EQ(e.report().rows[1].outcome, Outcome::skipped);
  EXPECT_EQ(e.report().rows[1].error, "Done in the resumed report");
}

TEST(BatchEngine, ARowThatDoesNotBuildIsInvalid) {
  Engine e(rows_of(1), batch::Target{"ftp://h", "tok"}, options(1), kT0);
  EXPECT_EQ(e.next(kT0).kind, Action::Kind::done);
  EXPECT_EQ(e.report().rows[0].outcome, Outcome::invalid);
  EXPECT_NE(e.report().rows[0].error.find("base_url.format"), std::string::npos);
}

// The delays a seed gives for one row failing with 503 until its attempts run out.
std::vector<double> delays(std::uint64_t seed) {
  Engine e = engine_of(1, options(1, 5, seed));
  std::vector<double> out;
  double now = kT0;
  for (Action a = e.next(now); a.kind != Action::Kind::done; a = e.next(now)) {
    if (a.kind == Action::Kind::wait) {
      out.push_back(a.until_ms - now);
      now = a.until_ms;
    } else {
      e.received(a.row, 503, "", "{}", now);
    }
  }
  return out;
}

TEST(BatchEngine, JitterIsSeeded) {
  EXPECT_EQ(delays(7), delays(7));
  EXPECT_NE(delays(7), delays(8));
  EXPECT_EQ(delays(7).size(), 4u);
}

TEST(BatchEngine, TransportErrorNamesRoundTrip) {
  for (const TransportError e :
       {TransportError::refused, TransportError::reset, TransportError::timeout, TransportError::unresolved,
        TransportError::tls, TransportError::too_large, TransportError::other})
    EXPECT_EQ(batch::parse_transport_error(batch::to_string(e)), e);
  EXPECT_FALSE(batch::parse_transport_error("ECONNRESET"));
}

TEST(BatchEngine, IsoUtc) {
  EXPECT_EQ(batch::iso_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(batch::iso_utc(kT0 + 1.9), "2023-11-14T22:13:20.001Z");
  EXPECT_EQ(batch::iso_utc(951782400000.0), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(batch::iso_utc(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
