// Credits end to end, on each backend, with the real binary and the mock
// provider at known prices: enforcement refuses with 402
// insufficient_credits until a top-up, each request's cost comes off the
// balance exactly (GET /v1/credits and the ledger agree with the costs
// computed from the answers' tokens), amounts are taken to the
// micro-dollar, and only administrators add credits.
#include "ManagementFixture.h"

#include <Poco/JSON/Array.h>

#include <chrono>
#include <functional>
#include <map>
#include <thread>

namespace gaiarouter::test {
namespace {

// mock/echo at 1000 USD per million prompt tokens and 2000 per million
// completion tokens: 1000 and 2000 micro-dollars a token, so every cost is a
// whole number of micro-dollars computed here from the answer's usage.
constexpr int64_t kPromptMicros = 1'000, kCompletionMicros = 2'000;

class CreditsE2E : public ManagementTest {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (!TestDatabase::available(*db_)) GTEST_SKIP() << "no MariaDB here (scripts/test starts one)";
    GatewayProcess::Options o;
    o.yaml = GatewayProcess::config(R"(auth:
  key_cache_ttl_ms: 0
usage:
  flush_ms: 50
providers:
  mock:
    plugin: mock
    options: {stream_delay_ms: 0}
models:
  - {id: mock/echo, upstream: echo, context_length: 8000, max_output_tokens: 1000, pricing: {input: 1000, output: 2000}}
)");
    o.env["GAIAROUTER_DATABASE_URL"] = db_->url();
    gateway_ = std::make_unique<GatewayProcess>(o);
    client_ = std::make_unique<ManagementClient>(gateway_->port());
  }

  // A chat that must succeed; returns its request id and cost in micros,
  // from the tokens the answer reports.
  std::pair<std::string, int64_t> paidChat(const Headers& key) {
    auto r = api().call("POST", "/v1/chat/completions",
                        R"({"model":"mock/echo","messages":[{"role":"user","content":"count my tokens"}]})", key);
    EXPECT_EQ(r.status, 200) << r.body;
    auto usage = r.json()->getObject("usage");
    const int64_t cost = usage->getValue<int64_t>("prompt_tokens") * kPromptMicros +
                         usage->getValue<int64_t>("completion_tokens") * kCompletionMicros;
    EXPECT_GT(cost, 0);
    return {r.header("x-request-id"), cost};
  }

  Poco::JSON::Object::Ptr credits(const Headers& key) {
    return api().expect(200, "GET", "/v1/credits", "", key)->getObject("data");
  }

  // Polls until `done` holds or the deadline passes (the collector writes
  // in the background); returns whether it held.
  static bool eventually(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
  }

  // The body of a credit change.
  static std::string change(const std::string& amount, const std::string& type = "topup") {
    return R"({"amount":)" + amount + R"(,"type":")" + type + R"(","reason":"e2e"})";
  }
  // Micro-dollars as the decimal text of US dollars: 1234567 → "1.234567".
  static std::string usd(int64_t micros) {
    const std::string sign = micros < 0 ? "-" : "";
    const int64_t magnitude = micros < 0 ? -micros : micros;
    std::string fraction = std::to_string(magnitude % 1'000'000);
    return sign + std::to_string(magnitude / 1'000'000) + "." + std::string(6 - fraction.size(), '0') + fraction;
  }
};

TEST_P(CreditsE2E, EnforcementRefusesAnEmptyBalanceAndCostsComeOffExactly) {
  auto& api = this->api();
  auto created = api.expect(201, "POST", "/v1/organizations", R"({"name":"Prepaid Ltd","credit_enforced":true})");
  const std::string org = created->getValue<std::string>("id");
  EXPECT_TRUE(created->getValue<bool>("credit_enforced"));
  EXPECT_EQ(created->getValue<int64_t>("credit_balance_micros"), 0);
  EXPECT_EQ(created->getValue<double>("credit_balance"), 0.0);
  const auto key = bearer(api.key(org).secret);

  // Nothing on the balance: refused before any upstream call.
  auto refused = api.chat(key);
  ASSERT_EQ(refused.status, 402) << refused.body;
  auto error = refused.error();
  EXPECT_EQ(error->getValue<std::string>("code"), "insufficient_credits");
  EXPECT_EQ(error->getValue<std::string>("type"), "insufficient_credits");
  const std::string message = error->getValue<std::string>("message");
  EXPECT_NE(message.find("Prepaid Ltd"), std::string::npos) << message;
  EXPECT_NE(message.find("$0.000000"), std::string::npos) << message;
  EXPECT_EQ(error->getObject("metadata")->getValue<std::string>("organization_id"), org);

  auto empty = credits(key);
  EXPECT_EQ(empty->getValue<double>("total_credits"), 0.0);
  EXPECT_EQ(empty->getValue<double>("total_usage"), 0.0);
  EXPECT_EQ(empty->getValue<int64_t>("balance_micros"), 0);
  EXPECT_TRUE(empty->getValue<bool>("enforced"));
  EXPECT_EQ(empty->getValue<std::string>("organization_id"), org);

  // A top-up lets requests through at once (this instance forgets its
  // cached balance).
  auto row = api.expect(201, "POST", "/v1/organizations/" + org + "/credits", change("0.5"));
  EXPECT_EQ(row->getValue<std::string>("object"), "balance_transaction");
  EXPECT_EQ(row->getValue<std::string>("type"), "topup");
  EXPECT_EQ(row->getValue<int64_t>("amount_micros"), 500'000);
  EXPECT_EQ(row->getValue<int64_t>("balance_after_micros"), 500'000);
  EXPECT_EQ(row->getValue<double>("balance_after"), 0.5);
  EXPECT_EQ(row->getValue<std::string>("reason"), "e2e");
  EXPECT_EQ(row->getValue<std::string>("created_by"), "master");

  std::map<std::string, int64_t> costs;  // by request id
  for (int i = 0; i < 4; ++i) costs.insert(paidChat(key));
  int64_t spent = 0;
  for (const auto& [id, cost] : costs) spent += cost;
  ASSERT_LT(spent, 500'000) << "the prices must leave the balance positive for this test";

  // The collector writes in the background: wait for the balance to move.
  ASSERT_TRUE(eventually([&] { return credits(key)->getValue<int64_t>("balance_micros") == 500'000 - spent; }))
      << "balance " << credits(key)->getValue<int64_t>("balance_micros") << ", expected " << 500'000 - spent;
  auto after = credits(key);
  EXPECT_DOUBLE_EQ(after->getValue<double>("total_credits"), 0.5);
  EXPECT_DOUBLE_EQ(after->getValue<double>("total_usage"), static_cast<double>(spent) / 1e6);
  EXPECT_DOUBLE_EQ(after->getValue<double>("balance"), static_cast<double>(500'000 - spent) / 1e6);
  // The OpenRouter path answers the same.
  EXPECT_EQ(api.expect(200, "GET", "/api/v1/credits", "", key)->getObject("data")->getValue<int64_t>("balance_micros"),
            500'000 - spent);

  // The ledger: one usage row per paid request with exactly its cost (the
  // refused request cost nothing and has none), after the top-up, each
  // balance_after following from the one before.
  auto ledger = api.expect(200, "GET", "/v1/organizations/" + org + "/credits/transactions");
  ASSERT_EQ(ledger->getValue<int>("total"), 5);
  auto rows = ledger->getArray("data");
  int64_t running = 0;
  for (int i = static_cast<int>(rows->size()) - 1; i >= 0; --i) {  // oldest first
    auto t = rows->getObject(static_cast<unsigned>(i));
    running += t->getValue<int64_t>("amount_micros");
    EXPECT_EQ(t->getValue<int64_t>("balance_after_micros"), running) << "row " << i;
    if (i == static_cast<int>(rows->size()) - 1) {
      EXPECT_EQ(t->getValue<std::string>("type"), "topup");
      continue;
    }
    EXPECT_EQ(t->getValue<std::string>("type"), "usage");
    const std::string requestId = t->getValue<std::string>("request_id");
    ASSERT_TRUE(costs.count(requestId)) << "a usage row for an unknown request " << requestId;
    EXPECT_EQ(t->getValue<int64_t>("amount_micros"), -costs[requestId]) << requestId;
    EXPECT_TRUE(t->isNull("created_by"));
  }
  EXPECT_EQ(running, 500'000 - spent);
  auto usageOnly = api.expect(200, "GET", "/v1/organizations/" + org + "/credits/transactions?type=usage&limit=2");
  EXPECT_EQ(usageOnly->getValue<int>("total"), 4);
  EXPECT_EQ(usageOnly->getArray("data")->size(), 2u);

  // The organization shows the same balance.
  auto shown = api.expect(200, "GET", "/v1/organizations/" + org);
  EXPECT_EQ(shown->getValue<int64_t>("credit_balance_micros"), 500'000 - spent);

  // Taking the balance to exactly zero refuses again, at once.
  api.expect(201, "POST", "/v1/organizations/" + org + "/credits", change(usd(-(500'000 - spent)), "adjustment"));
  EXPECT_EQ(credits(key)->getValue<int64_t>("balance_micros"), 0);
  EXPECT_EQ(api.chat(key).status, 402);
}

TEST_P(CreditsE2E, SpendingPastZeroRefusesTheRequestsThatFollow) {
  auto& api = this->api();
  const std::string org = api.organization("Almost Empty", R"(,"credit_enforced":true)");
  const auto key = bearer(api.key(org).secret);
  api.expect(201, "POST", "/v1/organizations/" + org + "/credits", change("0.000001"));
  const int64_t first = paidChat(key).second;  // admitted: the balance was positive
  ASSERT_TRUE(eventually([&] { return credits(key)->getValue<int64_t>("balance_micros") < 0; }));
  // Within a second (the gate's cache) requests are refused.
  ASSERT_TRUE(eventually([&] { return api.chat(key).status == 402; }));
  // Whatever was admitted meanwhile is charged too: ledger and balance agree.
  auto ledger = api.expect(200, "GET", "/v1/organizations/" + org + "/credits/transactions?type=usage&limit=100");
  int64_t charged = 0;
  auto rows = ledger->getArray("data");
  for (std::size_t i = 0; i < rows->size(); ++i) charged -= rows->getObject(static_cast<unsigned>(i))->getValue<int64_t>("amount_micros");
  EXPECT_GE(charged, first);
  ASSERT_TRUE(eventually([&] {
    auto now = api.expect(200, "GET", "/v1/organizations/" + org + "/credits/transactions?type=usage&limit=100");
    int64_t sum = 0;
    auto r = now->getArray("data");
    for (std::size_t i = 0; i < r->size(); ++i) sum -= r->getObject(static_cast<unsigned>(i))->getValue<int64_t>("amount_micros");
    return credits(key)->getValue<int64_t>("balance_micros") == 1 - sum;
  }));
}

TEST_P(CreditsE2E, UnenforcedOrganizationsMayGoBelowZero) {
  auto& api = this->api();
  const std::string org = api.organization("Postpaid");
  const auto key = bearer(api.key(org).secret);
  const int64_t cost = paidChat(key).second;
  ASSERT_TRUE(eventually([&] { return credits(key)->getValue<int64_t>("balance_micros") == -cost; }));
  EXPECT_FALSE(credits(key)->getValue<bool>("enforced"));
  EXPECT_EQ(api.chat(key).status, 200);
  // Switching enforcement on (global admins only) refuses at once.
  const auto orgAdmin = bearer(api.key(org, R"(["admin"])").secret);
  auto denied = api.call("PATCH", "/v1/organizations/" + org, R"({"credit_enforced":true})", orgAdmin);
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_EQ(denied.error()->getValue<std::string>("param"), "credit_enforced");
  auto patched = api.expect(200, "PATCH", "/v1/organizations/" + org, R"({"credit_enforced":true})");
  EXPECT_TRUE(patched->getValue<bool>("credit_enforced"));
  EXPECT_EQ(api.chat(key).status, 402);
  auto invalid = api.call("PATCH", "/v1/organizations/" + org, R"({"credit_enforced":"yes"})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(invalid.error()->getValue<std::string>("param"), "credit_enforced");
  // The balance is not a field anyone can set.
  EXPECT_EQ(api.call("PATCH", "/v1/organizations/" + org, R"({"credit_balance":100})").status, 400);
}

TEST_P(CreditsE2E, AmountsAreExactToTheMicroDollarAndChangesAreValidated) {
  auto& api = this->api();
  const std::string org = api.organization("Exact");
  const std::string path = "/v1/organizations/" + org + "/credits";
  auto amountOf = [&](const std::string& body) {
    return api.expect(201, "POST", path, body)->getValue<int64_t>("amount_micros");
  };
  EXPECT_EQ(amountOf(change("0.29")), 290'000) << "0.29 × 10^6 in a double is 289999.99…";
  EXPECT_EQ(amountOf(change("1e-6")), 1);
  EXPECT_EQ(amountOf(change("12.345678")), 12'345'678);
  EXPECT_EQ(amountOf(change("-0.000001", "adjustment")), -1);
  auto refund = api.expect(201, "POST", path, R"({"amount":0.5,"type":"refund","reason":"outage","request_id":"req_x"})");
  EXPECT_EQ(refund->getValue<std::string>("request_id"), "req_x");
  EXPECT_EQ(refund->getValue<int64_t>("balance_after_micros"), 290'000 + 1 + 12'345'678 - 1 + 500'000);

  auto expect400 = [&](const std::string& body, const std::string& param) {
    auto r = api.call("POST", path, body);
    EXPECT_EQ(r.status, 400) << body << ": " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(r.error()->getValue<std::string>("param"), param) << body;
    }
  };
  expect400(change("0.0000001"), "amount");
  expect400(change("1.0000000000000001"), "amount");
  expect400(change("\"10\""), "amount");
  expect400(change("null"), "amount");
  expect400(change("1000000000.000001"), "amount");
  expect400(change("0"), "amount");
  expect400(change("-5"), "amount");
  expect400(change("-5", "refund"), "amount");
  expect400(change("0", "adjustment"), "amount");
  expect400(change("5", "usage"), "type");
  expect400(R"({"type":"topup","reason":"r"})", "amount");
  expect400(R"({"amount":5,"type":"topup"})", "reason");
  expect400(R"({"amount":5,"type":"topup","reason":")" + std::string(501, 'x') + "\"}", "reason");
  expect400(R"({"amount":5,"type":"topup","reason":"r","request_id":"req_1"})", "request_id");
  expect400(R"({"amount":5,"type":"topup","reason":"r","note":"x"})", "note");
  // Nothing of those was applied.
  EXPECT_EQ(api.expect(200, "GET", "/v1/organizations/" + org)->getValue<int64_t>("credit_balance_micros"),
            290'000 + 1 + 12'345'678 - 1 + 500'000);

  auto bad = api.call("GET", "/v1/organizations/" + org + "/credits/transactions?type=gift");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(api.expect(200, "GET", "/v1/organizations/" + org + "/credits/transactions?type=refund")->getValue<int>("total"), 1);

  // Unknown and deleted organizations.
  EXPECT_EQ(api.call("POST", "/v1/organizations/org_missing/credits", change("1")).status, 404);
  api.expect(200, "DELETE", "/v1/organizations/" + org);
  auto deleted = api.call("POST", path, change("1"));
  EXPECT_EQ(deleted.status, 409) << deleted.body;
  EXPECT_EQ(deleted.error()->getValue<std::string>("code"), "organization_deleted");
}

TEST_P(CreditsE2E, OnlyAdministratorsAddCreditsAndOrganizationsSeeOnlyTheirOwn) {
  auto& api = this->api();
  const std::string a = api.organization("A"), b = api.organization("B");
  const auto adminA = bearer(api.key(a, R"(["admin","read"])").secret);
  const auto readA = bearer(api.key(a, R"(["read"])").secret);
  const std::string password = "correct horse battery";
  api.user("root@example.com", password, "admin");
  const auto admin = bearer(api.login("root@example.com", password));
  api.user("member@a.example", password, "member", a);
  const auto member = bearer(api.login("member@a.example", password));

  // An organization cannot top itself up, nor anyone else.
  auto own = api.call("POST", "/v1/organizations/" + a + "/credits", change("100"), adminA);
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(own.error()->getValue<std::string>("code"), "insufficient_permissions");
  EXPECT_EQ(api.call("POST", "/v1/organizations/" + b + "/credits", change("100"), adminA).status, 404);
  EXPECT_EQ(api.call("POST", "/v1/organizations/" + a + "/credits", change("100"), member).status, 403);
  // Nor see another's ledger or credits.
  EXPECT_EQ(api.call("GET", "/v1/organizations/" + b + "/credits/transactions", "", adminA).status, 404);
  EXPECT_EQ(api.call("GET", "/v1/credits?organization_id=" + b, "", readA).status, 404);
  // A global admin may; the row names them.
  auto row = api.expect(201, "POST", "/v1/organizations/" + b + "/credits", change("7"), admin);
  EXPECT_NE(row->getValue<std::string>("created_by"), "master");
  EXPECT_EQ(row->getValue<std::string>("created_by").rfind("usr_", 0), 0u);

  // Their own organization's ledger and credits.
  EXPECT_EQ(api.expect(200, "GET", "/v1/organizations/" + a + "/credits/transactions", "", adminA)->getValue<int>("total"), 0);
  EXPECT_EQ(api.expect(200, "GET", "/v1/credits", "", member)->getObject("data")->getValue<std::string>("organization_id"), a);
  EXPECT_EQ(credits(readA)->getValue<std::string>("organization_id"), a);

  // The master key and global admins name the organization.
  auto unnamed = api.call("GET", "/v1/credits");
  EXPECT_EQ(unnamed.status, 400) << unnamed.body;
  EXPECT_EQ(unnamed.error()->getValue<std::string>("code"), "organization_required");
  EXPECT_EQ(unnamed.error()->getValue<std::string>("param"), "organization_id");
  EXPECT_EQ(api.expect(200, "GET", "/v1/credits?organization_id=" + b, "", admin)->getObject("data")->getValue<int64_t>("balance_micros"),
            7'000'000);
  EXPECT_EQ(api.call("GET", "/v1/credits?organization_id=org_missing").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, CreditsE2E, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter::test
