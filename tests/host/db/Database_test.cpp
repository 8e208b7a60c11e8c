// The session pool on every backend: a request that finds every session in
// use waits for one instead of failing.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "db/Transaction.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

namespace gaiarouter {
namespace {

class SessionPoolTest : public test::DatabaseTest {};

TEST_P(SessionPoolTest, AnExhaustedPoolWaitsForASessionToComeBack) {
  Database one(DatabaseUrl::parse(db_->url()), 1);
  std::optional<Poco::Data::Session> held(one.session());
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto session = one.session();
    got = true;
  });
  // Still waiting while the only session is held...
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(got.load());
  held.reset();  // ...and served once it is back.
  waiter.join();
  EXPECT_TRUE(got.load());
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionPoolTest, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter

namespace gaiarouter {
namespace {

// Two writers on one row (on SQLite: one database file): the second waits
// for the first's transaction to end instead of failing with "database is
// locked".
TEST_P(SessionPoolTest, ASecondWriterWaitsForTheFirstsTransaction) {
  MigrationRunner::run(*database_);
  using namespace Poco::Data::Keywords;
  {
    auto s = database_->session();
    s << "INSERT INTO organizations (id, name, status, created_at, updated_at) VALUES ('org_w', 'w', 'active', 0, 0)", now;
  }
  Database other(DatabaseUrl::parse(db_->url()), 1);  // another instance
  auto first = database_->session();
  Transaction transaction(first, database_->backend());
  first << "UPDATE organizations SET name = 'first' WHERE id = 'org_w'", now;
  std::atomic<bool> done{false};
  std::string failure;
  std::thread second([&] {
    try {
      auto s = other.session();
      s << "UPDATE organizations SET name = 'second' WHERE id = 'org_w'", now;
    } catch (const std::exception& e) {
      failure = e.what();
    }
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_FALSE(done.load()) << failure;
  transaction.commit();
  second.join();
  EXPECT_EQ(failure, "");
  std::string name;
  auto check = database_->session();
  check << "SELECT name FROM organizations WHERE id = 'org_w'", into(name), now;
  EXPECT_EQ(name, "second");
}

}  // namespace
}  // namespace gaiarouter

namespace gaiarouter {
namespace {

// SQLite: a transaction that reads and then writes (read-modify-write, as
// the user and credit repositories do) while another connection commits a
// write in between. A deferred BEGIN would fail the first with "database is
// locked" at its write; the transaction holds the write lock from BEGIN, so
// the other waits and neither update is lost.
TEST_P(SessionPoolTest, ReadThenWriteTransactionsTakeTurnsOnSqlite) {
  if (GetParam() != std::string("sqlite")) GTEST_SKIP() << "MySQL reads without locking; the repositories lock rows";
  MigrationRunner::run(*database_);
  using namespace Poco::Data::Keywords;
  {
    auto s = database_->session();
    s << "INSERT INTO organizations (id, name, status, created_at, updated_at) VALUES ('org_c', '0', 'active', 0, 0)", now;
  }
  auto increment = [](Poco::Data::Session& s) {
    std::string name;
    s << "SELECT name FROM organizations WHERE id = 'org_c'", into(name), now;
    std::string next = std::to_string(std::stoi(name) + 1);
    s << "UPDATE organizations SET name = ? WHERE id = 'org_c'", use(next), now;
  };
  Database other(DatabaseUrl::parse(db_->url()), 1);  // another instance
  auto first = database_->session();
  std::string failure;
  {
    Transaction transaction(first, database_->backend());
    std::string before;
    first << "SELECT name FROM organizations WHERE id = 'org_c'", into(before), now;
    std::atomic<bool> done{false};
    std::thread second([&] {
      try {
        auto s = other.session();
        Transaction t(s, other.backend());
        increment(s);
        t.commit();
      } catch (const std::exception& e) {
        failure = e.what();
      }
      done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_FALSE(done.load()) << "the second transaction did not wait: " << failure;
    std::string firstFailure;
    try {
      increment(first);
      transaction.commit();
    } catch (const std::exception& e) {
      firstFailure = e.what();
    }
    second.join();
    EXPECT_EQ(firstFailure, "");
  }
  EXPECT_EQ(failure, "");
  std::string name;
  first << "SELECT name FROM organizations WHERE id = 'org_c'", into(name), now;
  EXPECT_EQ(name, "2");
}

}  // namespace
}  // namespace gaiarouter
