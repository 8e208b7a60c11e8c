#include "db/Database.h"

#include <Poco/Data/MySQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>
#include <fmt/format.h>

#include <Poco/Data/DataException.h>
#include <Poco/Data/SessionPool.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

namespace gaiarouter {

Database::Database(const DatabaseUrl& url, int poolSize) : url_(url) {
  static std::once_flag registered;
  std::call_once(registered, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::MySQL::Connector::registerConnector();
  });
  try {
    if (url_.backend == DatabaseUrl::Backend::SQLite) {
      auto folder = std::filesystem::path(url_.sqlitePath).parent_path();
      if (!folder.empty()) std::filesystem::create_directories(folder);
    }
    pool_ = std::make_unique<Poco::Data::SessionPool>(url_.connector, url_.connectionString, 1, poolSize, 60);
    auto first = session();  // fail now, at start-up, rather than on the first request
    if (url_.backend == DatabaseUrl::Backend::SQLite) {
      // Readers (key lookups) need not wait for the batched writers. The mode
      // is stored in the file.
      first << "PRAGMA journal_mode=WAL", Poco::Data::Keywords::now;
    }
  } catch (const std::exception& e) {
    // The reason ("Access denied…", "Unknown database…") is what an operator
    // needs; callers pass it through SecretRedactor, which knows the password.
    const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
    throw std::runtime_error(fmt::format("cannot open the database {}: {}", url_.display, poco ? poco->displayText() : e.what()));
  }
}

Database::~Database() {
  if (pool_) pool_->shutdown();
}

Poco::Data::Session Database::session() {
  // Poco's pool throws when every session is in use. Requests wait for one
  // instead (briefly: sessions are held for one statement or transaction),
  // up to a deadline after which the error stands.
  const auto deadline = std::chrono::steady_clock::now() + kSessionWait;
  auto pause = std::chrono::microseconds(200);
  while (true) {
    try {
      return pool_->get();
    } catch (const Poco::Data::SessionPoolExhaustedException&) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(pause * 2, std::chrono::milliseconds(10));
  }
}

std::string Database::tableOptions() const {
  return url_.backend == DatabaseUrl::Backend::MySQL ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
}

std::string Database::autoIdColumn() const {
  // SQLite: an alias of the rowid; AUTOINCREMENT so ids of deleted rows are
  // never reused.
  return url_.backend == DatabaseUrl::Backend::MySQL ? "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"
                                                     : "INTEGER PRIMARY KEY AUTOINCREMENT";
}

}  // namespace gaiarouter
