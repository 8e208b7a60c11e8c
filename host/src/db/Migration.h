// One versioned schema change. Statements are plain SQL valid on SQLite and
// MySQL/MariaDB; "{TABLE_OPTIONS}" is replaced by Database::tableOptions() and
// "{AUTO_ID}" by Database::autoIdColumn().
#pragma once

#include <string>
#include <vector>

namespace gaiarouter {

struct Migration {
  int version = 0;
  std::string name;
  std::vector<std::string> statements;
};

// The project's migrations, in version order (db/Migrations.cpp). Append
// only: a released migration is never edited.
const std::vector<Migration>& schemaMigrations();

}  // namespace gaiarouter
