// Users on every backend: SQLite and the real MariaDB of scripts/test.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "db/Transaction.h"
#include "users/PasswordHasher.h"
#include "users/UserRepository.h"

#include <gtest/gtest.h>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <chrono>
#include <thread>
#include <vector>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

// create() and a password patch pay the real KDF (a good fraction of a
// second each); rows that only need to exist are inserted directly, with a
// cheap hash that verifyPassword still checks.
class Users : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    users_ = std::make_unique<UserRepository>(*database_);
  }
  void TearDown() override {
    users_.reset();
    DatabaseTest::TearDown();
  }

  void insert(std::string id, std::string email, std::string name, std::string role,
              std::optional<std::string> organization, std::string status, int64_t createdAt,
              const std::string& password = "password") {
    std::string hash = PasswordHasher::hash(password, 1000);
    Poco::Nullable<std::string> org =
        organization ? Poco::Nullable<std::string>(*organization) : Poco::Nullable<std::string>();
    Poco::Nullable<Poco::Int64> deletedAt =
        status == "deleted" ? Poco::Nullable<Poco::Int64>(createdAt) : Poco::Nullable<Poco::Int64>();
    auto session = database_->session();
    session
        << "INSERT INTO users (id, email, name, password_hash, role, organization_id, status, created_at, updated_at, "
           "deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        use(id), use(email), use(name), use(hash), use(role), use(org), use(status), use(createdAt), use(createdAt),
        use(deletedAt), now;
  }

  std::string storedHash(const std::string& id) {
    auto session = database_->session();
    std::string bound = id, hash;
    session << "SELECT password_hash FROM users WHERE id = ?", use(bound), into(hash), now;
    return hash;
  }

  static std::vector<std::string> ids(const Page<User>& page) {
    std::vector<std::string> out;
    for (const auto& user : page.items) out.push_back(user.id);
    return out;
  }

  std::unique_ptr<UserRepository> users_;
};

TEST_P(Users, CreateStoresALowerCasedEmailAndOnlyAHashOfThePassword) {
  NewUser request;
  request.email = "Alice.Smith@Example.COM";
  request.name = "Alice O'Smith";
  request.password = "s3cret-Password";
  request.organizationId = "org_a";
  auto created = users_->create(request, 1'790'000'000'000);
  EXPECT_EQ(created.id.rfind("usr_", 0), 0u);
  EXPECT_EQ(created.id.size(), 20u);
  EXPECT_EQ(created.email, "alice.smith@example.com");
  EXPECT_EQ(created.role, "member");
  EXPECT_EQ(created.status, "active");

  std::string hash = storedHash(created.id);
  EXPECT_EQ(hash.rfind("pbkdf2-sha256$600000$", 0), 0u) << hash;
  EXPECT_EQ(hash.find(request.password), std::string::npos);

  auto found = users_->get(created.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->email, "alice.smith@example.com");
  EXPECT_EQ(found->name, "Alice O'Smith");
  EXPECT_EQ(found->role, "member");
  EXPECT_EQ(found->organizationId, "org_a");
  EXPECT_EQ(found->status, "active");
  EXPECT_EQ(found->createdAt, 1'790'000'000'000);
  EXPECT_EQ(found->updatedAt, 1'790'000'000'000);
  EXPECT_FALSE(found->deletedAt.has_value());

  auto byEmail = users_->findByEmail("ALICE.smith@example.Com");
  ASSERT_TRUE(byEmail.has_value());
  EXPECT_EQ(byEmail->id, created.id);
  EXPECT_FALSE(users_->findByEmail("alice@example.com").has_value());
  EXPECT_FALSE(users_->get("usr_missing").has_value());

  // An admin without an organization: NULL round-trips.
  insert("usr_admin", "root@example.com", "Root", "admin", std::nullopt, "active", 1'790'000'000'000);
  auto admin = users_->get("usr_admin");
  ASSERT_TRUE(admin.has_value());
  EXPECT_EQ(admin->role, "admin");
  EXPECT_FALSE(admin->organizationId.has_value());
}

TEST_P(Users, AnEmailBelongsToOneUserWhateverItsCaseAndEvenAfterDeletion) {
  insert("usr_bob", "bob@example.com", "Bob", "member", "org_a", "active", 1000);
  insert("usr_carl", "carl@example.com", "Carl", "member", "org_a", "active", 2000);
  NewUser request;
  request.name = "Another Bob";
  request.password = "whatever";
  request.email = "bob@example.com";
  EXPECT_THROW(users_->create(request, 3000), DuplicateEmail);
  request.email = "BOB@Example.com";
  EXPECT_THROW(users_->create(request, 3000), DuplicateEmail);

  UserPatch patch;
  patch.email = "Bob@EXAMPLE.com";
  EXPECT_THROW(users_->update("usr_carl", patch, 3000), DuplicateEmail);
  EXPECT_EQ(users_->get("usr_carl")->email, "carl@example.com");
  patch.email = "CARL@example.com";  // its own email, in another case
  auto same = users_->update("usr_carl", patch, 3000);
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->email, "carl@example.com");

  ASSERT_TRUE(users_->softDelete("usr_bob", 4000));
  request.email = "bob@example.com";
  EXPECT_THROW(users_->create(request, 5000), DuplicateEmail) << "deleted users keep their email";
  EXPECT_EQ(users_->count(), 1);
}

TEST_P(Users, VerifyPasswordChecksTheHashAndRunsTheKdfForUnknownEmails) {
  insert("usr_dee", "dee@example.com", "Dee", "member", "org_a", "inactive", 1000, "right password");
  auto ok = users_->verifyPassword("Dee@Example.com", "right password");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->id, "usr_dee");
  EXPECT_EQ(ok->status, "inactive") << "the caller decides what an inactive user may do";
  EXPECT_FALSE(users_->verifyPassword("dee@example.com", "wrong password").has_value());
  EXPECT_FALSE(users_->verifyPassword("dee@example.com", "").has_value());

  // An unknown email costs a full KDF run too, so its answer comes no faster
  // than a real user's (a real user's costs at least this much).
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(users_->verifyPassword("nobody@example.com", "right password").has_value());
  auto unknown = std::chrono::steady_clock::now() - start;
  start = std::chrono::steady_clock::now();
  PasswordHasher::verify("x", PasswordHasher::hash("x", PasswordHasher::kIterations / 4));
  auto quarterKdf = std::chrono::steady_clock::now() - start;
  EXPECT_GT(unknown, quarterKdf / 2) << "the unknown email skipped the KDF";
}

TEST_P(Users, ListFiltersSearchesAndPagesNewestFirst) {
  insert("usr_1", "ada@corp.com", "Ada Admin", "admin", std::nullopt, "active", 1000);
  insert("usr_2", "bob@a.com", "Bob 100% Real", "member", "org_a", "active", 2000);
  insert("usr_7", "bobby@a.com", "Bobby 1000", "member", "org_a", "active", 2000);  // same time as usr_2: id decides
  insert("usr_3", "carol@a.com", "Carol_Smith", "member", "org_a", "active", 3000);
  insert("usr_4", "dan@b.com", "Dan \\ Backslash", "member", "org_b", "inactive", 4000);
  insert("usr_5", "eve@b.com", "Eve", "member", "org_b", "deleted", 5000);
  insert("usr_6", "c!x@a.com", "carolXsmith", "member", "org_a", "active", 6000);

  UserFilter all;
  all.page.limit = 100;
  auto page = users_->list(all);
  EXPECT_EQ(page.total, 6) << "deleted users are left out by default";
  EXPECT_EQ(ids(page), (std::vector<std::string>{"usr_6", "usr_4", "usr_3", "usr_7", "usr_2", "usr_1"}));
  ASSERT_EQ(page.items.size(), 6u);
  EXPECT_EQ(page.items[5].email, "ada@corp.com");
  EXPECT_FALSE(page.items[5].organizationId.has_value());
  EXPECT_EQ(page.items[1].name, "Dan \\ Backslash");

  auto with = [&](auto change) {
    UserFilter filter;
    change(filter);
    return users_->list(filter);
  };
  EXPECT_EQ(ids(with([](UserFilter& f) { f.role = "admin"; })), (std::vector<std::string>{"usr_1"}));
  EXPECT_EQ(ids(with([](UserFilter& f) { f.status = "inactive"; })), (std::vector<std::string>{"usr_4"}));
  EXPECT_EQ(ids(with([](UserFilter& f) { f.status = "deleted"; })), (std::vector<std::string>{"usr_5"}));
  EXPECT_EQ(ids(with([](UserFilter& f) { f.organizationId = "org_a"; })),
            (std::vector<std::string>{"usr_6", "usr_3", "usr_7", "usr_2"}));
  EXPECT_EQ(ids(with([](UserFilter& f) { f.organizationId = "org_b"; })), (std::vector<std::string>{"usr_4"}));

  // Search: a case-insensitive substring of the email or the name, in which
  // %, _, ! and \ are plain characters.
  auto search = [&](const std::string& text) { return ids(with([&](UserFilter& f) { f.search = text; })); };
  EXPECT_EQ(search("ADA"), (std::vector<std::string>{"usr_1"}));
  EXPECT_EQ(search("Corp.COM"), (std::vector<std::string>{"usr_1"}));
  EXPECT_EQ(search("bob"), (std::vector<std::string>{"usr_7", "usr_2"}));
  EXPECT_EQ(search("100%"), (std::vector<std::string>{"usr_2"}));
  EXPECT_EQ(search("%"), (std::vector<std::string>{"usr_2"}));
  EXPECT_EQ(search("l_s"), (std::vector<std::string>{"usr_3"}));
  EXPECT_EQ(search("_"), (std::vector<std::string>{"usr_3"}));
  EXPECT_EQ(search("C!X"), (std::vector<std::string>{"usr_6"}));
  EXPECT_EQ(search("!"), (std::vector<std::string>{"usr_6"}));
  EXPECT_EQ(search("\\"), (std::vector<std::string>{"usr_4"}));
  EXPECT_EQ(search("eve"), (std::vector<std::string>{})) << "deleted";
  EXPECT_EQ(search("zzz"), (std::vector<std::string>{}));
  EXPECT_EQ(ids(with([](UserFilter& f) {
              f.search = "CAROL";
              f.organizationId = "org_a";
              f.status = "active";
              f.role = "member";
            })),
            (std::vector<std::string>{"usr_6", "usr_3"}));

  // Pages of two, newest first; the total counts every page.
  std::vector<std::string> seen;
  for (int number = 1; number <= 4; ++number) {
    auto one = with([&](UserFilter& f) {
      f.page.page = number;
      f.page.limit = 2;
    });
    EXPECT_EQ(one.total, 6);
    EXPECT_EQ(one.items.size(), number <= 3 ? 2u : 0u) << "page " << number;
    for (const auto& id : ids(one)) seen.push_back(id);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"usr_6", "usr_4", "usr_3", "usr_7", "usr_2", "usr_1"}));
  auto filteredPage = with([](UserFilter& f) {
    f.organizationId = "org_a";
    f.page.page = 2;
    f.page.limit = 3;
  });
  EXPECT_EQ(filteredPage.total, 4);
  EXPECT_EQ(ids(filteredPage), (std::vector<std::string>{"usr_2"}));

  // Out-of-range paging is clamped: page 1 and 1..100 rows.
  auto clamped = with([](UserFilter& f) {
    f.page.page = 0;
    f.page.limit = 0;
  });
  EXPECT_EQ(ids(clamped), (std::vector<std::string>{"usr_6"}));
  EXPECT_EQ(clamped.total, 6);
  EXPECT_EQ(with([](UserFilter& f) { f.page.limit = 1'000'000; }).items.size(), 6u);
}

TEST_P(Users, UpdateAppliesOnlyThePresentFields) {
  insert("usr_f", "fay@example.com", "Fay", "member", "org_a", "active", 1000);

  UserPatch rename;
  rename.name = "Fay Jones";
  auto renamed = users_->update("usr_f", rename, 2000);
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(renamed->name, "Fay Jones");
  EXPECT_EQ(renamed->email, "fay@example.com");
  EXPECT_EQ(renamed->role, "member");
  EXPECT_EQ(renamed->organizationId, "org_a");
  EXPECT_EQ(renamed->status, "active");
  EXPECT_EQ(renamed->createdAt, 1000);
  EXPECT_EQ(renamed->updatedAt, 2000);

  UserPatch many;
  many.email = "Fay.Jones@Example.com";
  many.role = "admin";
  many.status = "inactive";
  many.organizationId = std::optional<std::string>("org_b");
  auto changed = users_->update("usr_f", many, 3000);
  ASSERT_TRUE(changed.has_value());
  EXPECT_EQ(changed->email, "fay.jones@example.com");
  EXPECT_EQ(changed->role, "admin");
  EXPECT_EQ(changed->status, "inactive");
  EXPECT_EQ(changed->organizationId, "org_b");
  EXPECT_EQ(changed->name, "Fay Jones");
  EXPECT_EQ(changed->updatedAt, 3000);
  EXPECT_TRUE(users_->findByEmail("fay.jones@example.com").has_value());
  EXPECT_FALSE(users_->findByEmail("fay@example.com").has_value());

  UserPatch clear;
  clear.organizationId = std::optional<std::string>();  // present and null: cleared
  auto cleared = users_->update("usr_f", clear, 4000);
  ASSERT_TRUE(cleared.has_value());
  EXPECT_FALSE(cleared->organizationId.has_value());
  EXPECT_EQ(cleared->role, "admin");

  auto untouched = users_->update("usr_f", UserPatch{}, 5000);
  ASSERT_TRUE(untouched.has_value());
  EXPECT_FALSE(untouched->organizationId.has_value()) << "absent: left as it is";
  EXPECT_EQ(untouched->updatedAt, 5000);
  auto again = users_->update("usr_f", UserPatch{}, 5000);  // nothing changes at all: still found
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->name, "Fay Jones");
  EXPECT_EQ(again->updatedAt, 5000);

  UserPatch deleteByPatch;
  deleteByPatch.status = "deleted";
  EXPECT_THROW(users_->update("usr_f", deleteByPatch, 6000), std::invalid_argument) << "softDelete is the way";
  EXPECT_EQ(users_->get("usr_f")->status, "inactive");
}

TEST_P(Users, APasswordPatchIsHashedAgain) {
  insert("usr_g", "gil@example.com", "Gil", "member", "org_a", "active", 1000, "old password");
  UserPatch patch;
  patch.password = "new password";
  ASSERT_TRUE(users_->update("usr_g", patch, 2000).has_value());
  std::string hash = storedHash("usr_g");
  EXPECT_EQ(hash.rfind("pbkdf2-sha256$600000$", 0), 0u) << hash;
  EXPECT_TRUE(PasswordHasher::verify("new password", hash));
  EXPECT_FALSE(PasswordHasher::verify("old password", hash));
}

TEST_P(Users, DeletedAndUnknownUsersAreNotUpdated) {
  insert("usr_h", "hal@example.com", "Hal", "member", "org_a", "active", 1000);
  ASSERT_TRUE(users_->softDelete("usr_h", 2000));
  UserPatch patch;
  patch.name = "Hal Again";
  patch.status = "active";
  patch.organizationId = std::optional<std::string>();
  EXPECT_FALSE(users_->update("usr_h", patch, 3000).has_value());
  EXPECT_FALSE(users_->update("usr_missing", patch, 3000).has_value());
  auto stored = users_->get("usr_h");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->name, "Hal");
  EXPECT_EQ(stored->status, "deleted");
  EXPECT_EQ(stored->organizationId, "org_a");
  EXPECT_EQ(stored->updatedAt, 2000);
}

TEST_P(Users, SoftDeleteKeepsTheRowAndCountLeavesItOut) {
  insert("usr_i", "ivy@example.com", "Ivy", "member", "org_a", "active", 1000);
  insert("usr_j", "joe@example.com", "Joe", "member", "org_a", "inactive", 1000);
  EXPECT_EQ(users_->count(), 2);
  EXPECT_TRUE(users_->softDelete("usr_i", 2000));
  EXPECT_FALSE(users_->softDelete("usr_i", 3000)) << "deleting twice changes nothing";
  EXPECT_FALSE(users_->softDelete("usr_missing", 3000));
  EXPECT_EQ(users_->count(), 1);
  auto stored = users_->get("usr_i");
  ASSERT_TRUE(stored.has_value()) << "history is kept";
  EXPECT_EQ(stored->status, "deleted");
  EXPECT_EQ(stored->deletedAt, 2000);
  EXPECT_EQ(stored->updatedAt, 2000);
  EXPECT_TRUE(users_->findByEmail("ivy@example.com").has_value());
  EXPECT_EQ(ids(users_->list(UserFilter{})), (std::vector<std::string>{"usr_j"}));
}

// Two creates of one email can both pass the repository's check; the unique
// index then refuses the second, which must still be DuplicateEmail. Here
// the first is an open transaction that commits while create() waits on the
// index (MariaDB blocks the second insert until then; SQLite, with one
// writer at a time, cannot interleave them like this).
TEST_P(Users, AConcurrentInsertOfTheSameEmailIsStillADuplicate) {
  if (GetParam() != "mysql") GTEST_SKIP() << "needs row locks: SQLite serializes writers";
  auto session = database_->session();
  Transaction transaction(session, database_->backend());
  std::string id = "usr_first", email = "race@example.com", name = "First", hash = "x", role = "member",
              status = "active";
  Poco::Int64 at = 1000;
  session << "INSERT INTO users (id, email, name, password_hash, role, status, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      use(id), use(email), use(name), use(hash), use(role), use(status), use(at), use(at), now;

  bool duplicate = false;
  std::string otherError;
  std::thread second([&] {
    NewUser request;
    request.email = "Race@Example.com";
    request.name = "Second";
    request.password = "password";
    try {
      users_->create(request, 2000);
    } catch (const DuplicateEmail&) {
      duplicate = true;
    } catch (const std::exception& e) {
      otherError = e.what();
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past its KDF, waiting on the index
  transaction.commit();
  second.join();
  EXPECT_TRUE(duplicate) << otherError;
  EXPECT_EQ(users_->count(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Users, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
