// Migrations on every backend: SQLite and the real MariaDB of scripts/test.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"

#include <gtest/gtest.h>

#include <Poco/Data/Statement.h>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

class Migrations : public test::DatabaseTest {};

TEST_P(Migrations, ApplyOnceAndRecordEachVersion) {
  const auto& all = schemaMigrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(MigrationRunner::currentVersion(*database_) , 0) << "before the first run there is nothing";
  EXPECT_EQ(MigrationRunner::run(*database_), static_cast<int>(all.size()));
  EXPECT_EQ(MigrationRunner::currentVersion(*database_), all.back().version);
  EXPECT_EQ(MigrationRunner::run(*database_), 0) << "a second run is a no-op";

  auto session = database_->session();
  int rows = 0;
  session << "SELECT COUNT(*) FROM schema_migrations", into(rows), now;
  EXPECT_EQ(rows, static_cast<int>(all.size()));
  int64_t appliedAt = 0;
  session << "SELECT applied_at FROM schema_migrations WHERE version = 1", into(appliedAt), now;
  EXPECT_GT(appliedAt, 1'700'000'000'000) << "UTC milliseconds";
}

TEST_P(Migrations, TheSchemaTakesBoundValuesVerbatim) {
  MigrationRunner::run(*database_);
  auto session = database_->session();
  std::string id = "org_1", name = "Robert'); DROP TABLE organizations; --", status = "active";
  int64_t at = 1'790'000'000'000;
  session << "INSERT INTO organizations (id, name, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", use(id),
      use(name), use(status), use(at), use(at), now;
  std::string back;
  session << "SELECT name FROM organizations WHERE id = ?", use(id), into(back), now;
  EXPECT_EQ(back, name);

  std::string key = "key_1", org = "org_1", keyName = "ci", hash(64, 'a'), prefix = "gr-abc", perms = "read,write";
  auto insertKey = [&] {
    session << "INSERT INTO api_keys (id, organization_id, name, key_hash, key_prefix, permissions, status, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        use(key), use(org), use(keyName), use(hash), use(prefix), use(perms), use(status), use(at), use(at), now;
  };
  insertKey();
  key = "key_2";
  EXPECT_ANY_THROW(insertKey()) << "key hashes are unique";
}

TEST_P(Migrations, ADatabaseNewerThanTheBinaryIsRefused) {
  MigrationRunner::run(*database_);
  auto session = database_->session();
  int version = 9999;
  std::string name = "from the future";
  int64_t at = 0;
  session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", use(version), use(name), use(at), now;
  try {
    MigrationRunner::run(*database_);
    FAIL() << "a newer schema must be refused";
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("version 9999, newer than this gaiarouter build"), std::string::npos) << e.what();
  }
}

TEST_P(Migrations, AFailingMigrationIsNotRecordedAndItsDataRollsBack) {
  const std::vector<Migration> migrations = {
      {1, "a table", {"CREATE TABLE probe (x INTEGER NOT NULL){TABLE_OPTIONS}"}},
      {2, "broken", {"INSERT INTO probe (x) VALUES (1)", "THIS IS NOT SQL"}},
  };
  try {
    MigrationRunner::run(*database_, migrations);
    FAIL() << "migration 2 must fail";
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("migration 2 (broken) failed"), std::string::npos) << e.what();
  }
  EXPECT_EQ(MigrationRunner::currentVersion(*database_), 1);
  auto session = database_->session();
  int rows = -1;
  session << "SELECT COUNT(*) FROM probe", into(rows), now;
  EXPECT_EQ(rows, 0) << "the half-applied migration's data must roll back";
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrations, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
