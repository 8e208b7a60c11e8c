// Brings a database to the schema this binary knows: applies the pending
// migrations in order, each in a transaction, and records each in
// schema_migrations. Running it again is a no-op; a database whose schema is
// newer than the binary is refused.
#pragma once

#include "db/Database.h"
#include "db/Migration.h"

#include <stdexcept>
#include <vector>

namespace gaiarouter {

class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class MigrationRunner {
 public:
  // Returns how many migrations were applied. Throws MigrationError.
  static int run(Database& database, const std::vector<Migration>& migrations = schemaMigrations());

  // The highest version recorded in the database (0 for a new database).
  static int currentVersion(Database& database);
};

}  // namespace gaiarouter
