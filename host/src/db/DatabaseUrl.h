// A database location as operators write it, and what Poco Data needs:
//   sqlite:///var/lib/gaiarouter/gaiarouter.db   (absolute path)
//   sqlite://data/gaiarouter.db                  (relative to the working folder)
//   mysql://user:password@host:3306/gaiarouter   (MySQL or MariaDB)
#pragma once

#include <stdexcept>
#include <string>

namespace gaiarouter {

class DatabaseUrlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DatabaseUrl {
  enum class Backend { SQLite, MySQL };

  Backend backend = Backend::SQLite;
  std::string connector;         // Poco Data connector name: "sqlite" or "mysql"
  std::string connectionString;  // what Poco's connector takes (holds the password)
  std::string display;           // for logs and errors: the password masked
  std::string password;          // for the log redactor
  std::string sqlitePath;        // SQLite only: the database file

  // Throws DatabaseUrlError, whose message never contains the password.
  static DatabaseUrl parse(const std::string& url);
};

}  // namespace gaiarouter
