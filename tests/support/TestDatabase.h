// A fresh, empty database per test on the backend under test: a temporary
// SQLite file, or a new database on the MariaDB that scripts/test starts
// (GAIAROUTER_TEST_MYSQL_URL), dropped afterwards. No mock database.
#pragma once

#include "db/Database.h"

#include <gtest/gtest.h>

#include <Poco/Data/Session.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

namespace gaiarouter::test {

class TestDatabase {
 public:
  // Empty optional-like: url() empty when the backend is unavailable here.
  explicit TestDatabase(const std::string& backend) {
    static std::atomic<int> counter{0};
    const std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (backend == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / ("gaiarouter-db-" + unique + ".db");
      url_ = "sqlite://" + path_.string();
      return;
    }
    const char* base = std::getenv("GAIAROUTER_TEST_MYSQL_URL");
    if (base == nullptr || *base == '\0') return;
    baseUrl_ = base;
    name_ = "gaiarouter_test_" + unique;
    admin().operator<<("CREATE DATABASE " + name_ + " CHARACTER SET utf8mb4"), Poco::Data::Keywords::now;
    url_ = baseUrl_.substr(0, baseUrl_.rfind('/') + 1) + name_;
  }

  ~TestDatabase() {
    try {
      if (!path_.empty()) std::filesystem::remove(path_);
      if (!name_.empty()) admin().operator<<("DROP DATABASE IF EXISTS " + name_), Poco::Data::Keywords::now;
    } catch (...) {
    }
  }

  const std::string& url() const { return url_; }

  // Skips (or, under CI, fails) when MariaDB is not available.
  static bool available(const TestDatabase& db) {
    if (!db.url().empty()) return true;
    if (const char* ci = std::getenv("CI"); ci != nullptr && std::string(ci) == "true") {
      ADD_FAILURE() << "GAIAROUTER_TEST_MYSQL_URL is not set: scripts/test must start MariaDB in CI";
    }
    return false;
  }

 private:
  // One pool for the test binary; destroyed (and its timer thread stopped)
  // at exit.
  Poco::Data::Session admin() {
    static Database database(DatabaseUrl::parse(baseUrl_), 2);
    return database.session();
  }

  std::filesystem::path path_;
  std::string baseUrl_;
  std::string name_;
  std::string url_;
};

// Base of the tests that run once per backend ("sqlite", "mysql"): a fresh
// database and an open Database on it, or the test is skipped (failed in CI).
class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (!TestDatabase::available(*db_)) GTEST_SKIP() << "no MariaDB here (scripts/test starts one)";
    database_ = std::make_unique<Database>(DatabaseUrl::parse(db_->url()), 4);
  }
  void TearDown() override {
    database_.reset();  // sessions closed before the database is dropped
    db_.reset();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Database> database_;
};

}  // namespace gaiarouter::test
