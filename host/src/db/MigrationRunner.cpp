#include "db/MigrationRunner.h"

#include "db/Transaction.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/Exception.h>
#include <fmt/format.h>

#include <chrono>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

void replaceAll(std::string& sql, const std::string& marker, const std::string& with) {
  for (auto pos = sql.find(marker); pos != std::string::npos; pos = sql.find(marker, pos + with.size())) {
    sql.replace(pos, marker.size(), with);
  }
}

// A migration's statement with the backend's dialect filled in (Migration.h).
std::string forBackend(std::string sql, const Database& database) {
  replaceAll(sql, "{TABLE_OPTIONS}", database.tableOptions());
  replaceAll(sql, "{AUTO_ID}", database.autoIdColumn());
  return sql;
}

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int maxVersion(Poco::Data::Session& session) {
  Poco::Nullable<int> version;
  session << "SELECT MAX(version) FROM schema_migrations", into(version), now;
  return version.isNull() ? 0 : version.value();
}

void ensureTable(Poco::Data::Session& session, const Database& database) {
  session << forBackend(R"(CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  applied_at BIGINT NOT NULL
){TABLE_OPTIONS})", database), now;
}

std::string reason(const std::exception& e) {
  if (auto* p = dynamic_cast<const Poco::Exception*>(&e)) return p->displayText();
  return e.what();
}

}  // namespace

int MigrationRunner::currentVersion(Database& database) {
  auto session = database.session();
  ensureTable(session, database);
  return maxVersion(session);
}

int MigrationRunner::run(Database& database, const std::vector<Migration>& migrations) {
  auto session = database.session();
  const bool mysql = database.backend() == DatabaseUrl::Backend::MySQL;
  try {
    ensureTable(session, database);
    // Two instances starting together: on MySQL one waits for the other.
    if (mysql) {
      int locked = 0;
      session << "SELECT GET_LOCK('gaiarouter_migrations', 120)", into(locked), now;
      if (locked != 1) throw MigrationError("could not take the migration lock within 120 s");
    }
  } catch (const MigrationError&) {
    throw;
  } catch (const std::exception& e) {
    throw MigrationError(fmt::format("cannot prepare schema_migrations: {}", reason(e)));
  }

  struct Unlock {
    Poco::Data::Session& session;
    bool mysql;
    ~Unlock() {
      try {
        if (mysql) session << "SELECT RELEASE_LOCK('gaiarouter_migrations')", now;
      } catch (...) {
      }
    }
  } unlock{session, mysql};

  const int known = migrations.empty() ? 0 : migrations.back().version;
  const int current = maxVersion(session);
  if (current > known) {
    throw MigrationError(fmt::format(
        "the database schema is at version {}, newer than this gaiarouter build knows (up to {}): "
        "run a gaiarouter at least as new as the one that upgraded it",
        current, known));
  }

  int applied = 0;
  for (const auto& migration : migrations) {
    if (migration.version <= current) continue;
    try {
      // MySQL commits DDL implicitly, so there a failed migration can leave
      // part of its tables behind; on SQLite the whole migration rolls back.
      Transaction transaction(session, database.backend());
      if (maxVersion(session) >= migration.version) {  // another instance was first
        transaction.commit();
        continue;
      }
      for (const auto& sql : migration.statements) session << forBackend(sql, database), now;
      int version = migration.version;
      std::string name = migration.name;
      int64_t appliedAt = nowMs();
      session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", use(version), use(name),
          use(appliedAt), now;
      transaction.commit();
      ++applied;
    } catch (const std::exception& e) {
      throw MigrationError(fmt::format("migration {} ({}) failed: {}", migration.version, migration.name, reason(e)));
    }
  }
  return applied;
}

}  // namespace gaiarouter
