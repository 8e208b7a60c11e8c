// The gateway's database: a pool of Poco Data sessions to SQLite (the
// embedded default) or MySQL/MariaDB (production). The same code runs on both;
// only the URL differs.
#pragma once

#include "db/DatabaseUrl.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <chrono>
#include <memory>
#include <string>

namespace gaiarouter {

class Database {
 public:
  // Opens the pool (and, for SQLite, creates the file's folder). Throws
  // std::runtime_error naming the URL without its password.
  Database(const DatabaseUrl& url, int poolSize);
  ~Database();

  // A session from the pool; it goes back when the Session is destroyed.
  // When all are in use, waits up to kSessionWait for one.
  Poco::Data::Session session();
  static constexpr std::chrono::seconds kSessionWait{10};

  DatabaseUrl::Backend backend() const { return url_.backend; }
  const std::string& display() const { return url_.display; }
  // Text appended to CREATE TABLE: the MySQL engine and character set.
  std::string tableOptions() const;
  // The definition of a 64-bit auto-increment primary key column.
  std::string autoIdColumn() const;

 private:
  DatabaseUrl url_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
};

}  // namespace gaiarouter
