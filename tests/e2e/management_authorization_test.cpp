// The authorization matrix of the management API: every endpoint × every
// kind of caller (no key; keys of organization A with read, write or admin;
// a member of A; an admin user; the master key), against objects of A and
// of another organization B. Objects of other organizations are invisible
// (404), missing permissions are 403, missing credentials 401.
#include "ManagementFixture.h"

#include <array>
#include <functional>

namespace gaiarouter::test {
namespace {

enum Caller { kNone, kReadA, kWriteA, kAdminA, kMemberA, kAdminUser, kMaster, kCallers };
const char* const kCallerNames[] = {"no key", "read key of A", "write key of A", "admin key of A",
                                    "member of A", "admin user", "master key"};
constexpr int kSkip = -1;

struct Row {
  std::string name;
  std::string method;
  std::function<std::string()> path;  // may create fresh objects
  std::function<std::string()> body;
  std::array<int, kCallers> expected;
};

class ManagementAuthorization : public ManagementTest {};

TEST_P(ManagementAuthorization, EveryEndpointForEveryCaller) {
  auto& api = this->api();
  const std::string orgA = api.organization("A"), orgB = api.organization("B");
  const auto readA = api.key(orgA, "[\"read\"]"), writeA = api.key(orgA, "[\"write\"]"),
             adminA = api.key(orgA, "[\"admin\"]"), keyA = api.key(orgA), keyB = api.key(orgB);
  const std::string password = "correct horse battery";
  const std::string memberId = api.user("member@a.example", password, "member", orgA);
  api.user("root@example.com", password, "admin");
  const std::string memberToken = api.login("member@a.example", password);
  const std::string adminToken = api.login("root@example.com", password);

  const std::array<Headers, kCallers> headers = {
      Headers{},          bearer(readA.secret), bearer(writeA.secret), bearer(adminA.secret),
      bearer(memberToken), bearer(adminToken),  master()};

  int fresh = 0;
  auto freshKey = [&](const std::string& org) { return api.key(org).id; };
  auto freshOrg = [&] { return api.organization("fresh " + std::to_string(++fresh)); };
  auto freshUser = [&] {
    return api.user("fresh" + std::to_string(++fresh) + "@example.com", password, "member", orgA);
  };
  auto fixed = [](std::string s) { return [s] { return s; }; };
  const auto none = fixed("");
  const std::string chatBody = R"({"model":"mock/echo","messages":[{"role":"user","content":"hi"}]})";

  //                                                          none read write admA memA admU master
  const std::vector<Row> rows = {
      {"models", "GET", fixed("/v1/models"), none, {401, 200, 403, 403, 200, 200, 200}},
      {"chat", "POST", fixed("/v1/chat/completions"), fixed(chatBody), {401, 403, 200, 403, 200, 200, 200}},
      {"own key info", "GET", fixed("/v1/key"), none, {401, 200, 403, 403, 403, 403, 200}},
      {"profile", "GET", fixed("/v1/auth/profile"), none, {401, 403, 403, 403, 200, 200, 403}},

      {"list keys", "GET", fixed("/v1/api-keys"), none, {401, 403, 403, 200, 200, 200, 200}},
      {"create key in A", "POST", fixed("/v1/api-keys"),
       fixed(R"({"name":"n","organization_id":")" + orgA + "\"}"), {401, 403, 403, 201, 201, 201, 201}},
      {"create key in B", "POST", fixed("/v1/api-keys"),
       fixed(R"({"name":"n","organization_id":")" + orgB + "\"}"), {401, 403, 403, 404, 404, 201, 201}},
      {"get key of A", "GET", fixed("/v1/api-keys/" + keyA.id), none, {401, 403, 403, 200, 200, 200, 200}},
      {"get key of B", "GET", fixed("/v1/api-keys/" + keyB.id), none, {401, 403, 403, 404, 404, 200, 200}},
      {"update key of A", "PATCH", fixed("/v1/api-keys/" + keyA.id), fixed(R"({"description":"x"})"),
       {401, 403, 403, 200, 200, 200, 200}},
      {"update key of B", "PATCH", fixed("/v1/api-keys/" + keyB.id), fixed(R"({"description":"x"})"),
       {401, 403, 403, 404, 404, 200, 200}},
      {"revoke key of A", "DELETE", [&] { return "/v1/api-keys/" + freshKey(orgA); }, none,
       {401, 403, 403, 200, 200, 200, 200}},
      {"revoke key of B", "DELETE", [&] { return "/v1/api-keys/" + freshKey(orgB); }, none,
       {401, 403, 403, 404, 404, 200, 200}},

      {"create organization", "POST", fixed("/v1/organizations"), fixed(R"({"name":"new"})"),
       {401, 403, 403, 403, 403, 201, 201}},
      {"list organizations", "GET", fixed("/v1/organizations"), none, {401, 403, 403, 200, 200, 200, 200}},
      {"get A", "GET", fixed("/v1/organizations/" + orgA), none, {401, 403, 403, 200, 200, 200, 200}},
      {"get B", "GET", fixed("/v1/organizations/" + orgB), none, {401, 403, 403, 404, 404, 200, 200}},
      {"update A", "PATCH", fixed("/v1/organizations/" + orgA), fixed(R"({"description":"d"})"),
       {401, 403, 403, 200, 403, 200, 200}},
      {"update A's limits", "PATCH", fixed("/v1/organizations/" + orgA), fixed(R"({"limits":{"monthly_requests":null}})"),
       {401, 403, 403, 403, 403, 200, 200}},
      {"update B", "PATCH", fixed("/v1/organizations/" + orgB), fixed(R"({"description":"d"})"),
       {401, 403, 403, 404, 404, 200, 200}},
      {"delete A", "DELETE", fixed("/v1/organizations/" + orgA), none, {401, 403, 403, 403, 403, kSkip, kSkip}},
      {"delete another organization", "DELETE", [&] { return "/v1/organizations/" + freshOrg(); }, none,
       {401, 403, 403, 404, 404, 200, 200}},
      {"create key via A", "POST", fixed("/v1/organizations/" + orgA + "/api-keys"), fixed(R"({"name":"n"})"),
       {401, 403, 403, 201, 201, 201, 201}},
      {"create key via B", "POST", fixed("/v1/organizations/" + orgB + "/api-keys"), fixed(R"({"name":"n"})"),
       {401, 403, 403, 404, 404, 201, 201}},
      {"list keys of A", "GET", fixed("/v1/organizations/" + orgA + "/api-keys"), none,
       {401, 403, 403, 200, 200, 200, 200}},
      {"list keys of B", "GET", fixed("/v1/organizations/" + orgB + "/api-keys"), none,
       {401, 403, 403, 404, 404, 200, 200}},
      {"remove key from A", "DELETE", [&] { return "/v1/organizations/" + orgA + "/api-keys/" + freshKey(orgA); }, none,
       {401, 403, 403, 200, 200, 200, 200}},
      {"remove key from B", "DELETE", [&] { return "/v1/organizations/" + orgB + "/api-keys/" + freshKey(orgB); }, none,
       {401, 403, 403, 404, 404, 200, 200}},
      {"top up A", "POST", fixed("/v1/organizations/" + orgA + "/credits"),
       fixed(R"({"amount":1.5,"type":"topup","reason":"matrix"})"), {401, 403, 403, 403, 403, 201, 201}},
      {"top up B", "POST", fixed("/v1/organizations/" + orgB + "/credits"),
       fixed(R"({"amount":1.5,"type":"topup","reason":"matrix"})"), {401, 403, 403, 404, 404, 201, 201}},
      {"ledger of A", "GET", fixed("/v1/organizations/" + orgA + "/credits/transactions"), none,
       {401, 403, 403, 200, 200, 200, 200}},
      {"ledger of B", "GET", fixed("/v1/organizations/" + orgB + "/credits/transactions"), none,
       {401, 403, 403, 404, 404, 200, 200}},
      // The master key and admin users belong to no organization: they name one.
      {"own credits", "GET", fixed("/v1/credits"), none, {401, 200, 403, 403, 200, 400, 400}},
      {"credits of B", "GET", fixed("/v1/credits?organization_id=" + orgB), none, {401, 404, 403, 403, 404, 200, 200}},

      {"global stats", "GET", fixed("/v1/stats"), none, {401, 403, 403, 403, 403, 200, 200}},
      {"server information", "GET", fixed("/v1/server"), none, {401, 403, 403, 403, 403, 200, 200}},
      {"stats of A", "GET", fixed("/v1/organizations/" + orgA + "/stats"), none, {401, 403, 403, 200, 200, 200, 200}},
      {"stats of B", "GET", fixed("/v1/organizations/" + orgB + "/stats"), none, {401, 403, 403, 404, 404, 200, 200}},
      {"stats of a key of A", "GET", fixed("/v1/api-keys/" + keyA.id + "/stats"), none,
       {401, 403, 403, 200, 200, 200, 200}},
      {"stats of a key of B", "GET", fixed("/v1/api-keys/" + keyB.id + "/stats"), none,
       {401, 403, 403, 404, 404, 200, 200}},
      // A key reads its own statistics with 'read' alone; 'write' alone is not enough.
      {"own stats of the read key", "GET", fixed("/v1/api-keys/" + readA.id + "/stats"), none,
       {401, 200, 403, 200, 200, 200, 200}},
      {"own stats of the write key", "GET", fixed("/v1/api-keys/" + writeA.id + "/stats"), none,
       {401, 403, 403, 200, 200, 200, 200}},
      {"stats export of A", "GET", fixed("/v1/organizations/" + orgA + "/stats?format=csv"), none,
       {401, 403, 403, 200, 200, 200, 200}},
      // Usage records need 'read' (which the admin key of A lacks); callers in
      // an organization see only its records.
      {"activity", "GET", fixed("/v1/activity"), none, {401, 200, 403, 403, 200, 200, 200}},
      {"activity of B", "GET", fixed("/v1/activity?organization_id=" + orgB), none,
       {401, 404, 403, 403, 404, 200, 200}},
      {"unknown generation", "GET", fixed("/v1/generation?id=req_unknown"), none, {401, 404, 403, 403, 404, 404, 404}},
      {"rankings", "GET", fixed("/v1/rankings?period=month"), none, {401, 200, 403, 403, 200, 200, 200}},

      {"create user", "POST", fixed("/v1/users"),
       [&] { return R"({"email":"new)" + std::to_string(++fresh) + R"(@example.com","name":"N","password":"long enough pw","role":"member","organization_id":")" + orgA + "\"}"; },
       {401, 403, 403, 403, 403, 201, 201}},
      {"list users", "GET", fixed("/v1/users"), none, {401, 403, 403, 403, 403, 200, 200}},
      {"get user", "GET", fixed("/v1/users/" + memberId), none, {401, 403, 403, 403, 403, 200, 200}},
      {"update user", "PATCH", fixed("/v1/users/" + memberId), fixed(R"({"name":"Renamed"})"),
       {401, 403, 403, 403, 403, 200, 200}},
      {"delete user", "DELETE", [&] { return "/v1/users/" + freshUser(); }, none, {401, 403, 403, 403, 403, 200, 200}},
  };

  for (const Row& row : rows) {
    for (int caller = 0; caller < kCallers; ++caller) {
      if (row.expected[caller] == kSkip) continue;
      const std::string path = row.path();
      auto r = api.call(row.method, path, row.body(), headers[caller]);
      EXPECT_EQ(r.status, row.expected[caller])
          << row.name << " (" << row.method << " " << path << ") as " << kCallerNames[caller] << ": " << r.body;
      if (r.status >= 400) {
        // Every refusal is in the one error format.
        EXPECT_NO_THROW(r.error()) << row.name << " as " << kCallerNames[caller] << ": " << r.body;
      }
    }
  }
}

TEST_P(ManagementAuthorization, ListingsShowOnlyTheCallersOrganization) {
  auto& api = this->api();
  const std::string orgA = api.organization("A"), orgB = api.organization("B");
  const auto adminA = api.key(orgA, "[\"admin\"]");
  api.key(orgB);
  auto keys = api.expect(200, "GET", "/v1/api-keys", "", bearer(adminA.secret));
  EXPECT_EQ(keys->getValue<int>("total"), 1);
  EXPECT_EQ(keys->getArray("data")->getObject(0)->getValue<std::string>("organization_id"), orgA);
  auto orgs = api.expect(200, "GET", "/v1/organizations", "", bearer(adminA.secret));
  ASSERT_EQ(orgs->getValue<int>("total"), 1);
  EXPECT_EQ(orgs->getArray("data")->getObject(0)->getValue<std::string>("id"), orgA);
  // Filtering by the other organization is a 404, not an empty page.
  auto r = api.call("GET", "/v1/api-keys?organization_id=" + orgB, "", bearer(adminA.secret));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.error()->getValue<std::string>("param"), "organization_id");
  // The master key sees both.
  EXPECT_EQ(api.expect(200, "GET", "/v1/api-keys")->getValue<int>("total"), 2);
}

TEST_P(ManagementAuthorization, OnlyOrganizationAdminsHandOutTheAdminPermission) {
  auto& api = this->api();
  const std::string orgA = api.organization("A");
  const std::string password = "correct horse battery";
  api.user("member@a.example", password, "member", orgA);
  const auto member = bearer(api.login("member@a.example", password));
  auto r = api.call("POST", "/v1/api-keys", R"({"name":"n","permissions":["admin"]})", member);
  EXPECT_EQ(r.status, 403) << r.body;
  // A member creates ordinary keys in their own organization by default.
  auto created = api.expect(201, "POST", "/v1/api-keys", R"({"name":"n"})", member);
  EXPECT_EQ(created->getValue<std::string>("organization_id"), orgA);
  // An admin key of A may.
  const auto adminA = api.key(orgA, "[\"admin\"]");
  api.expect(201, "POST", "/v1/api-keys", R"({"name":"n","permissions":["admin","read"]})", bearer(adminA.secret));
}

INSTANTIATE_TEST_SUITE_P(Backends, ManagementAuthorization, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter::test
