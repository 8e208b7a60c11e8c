#include "db/DatabaseUrl.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <fmt/format.h>

namespace gaiarouter {
namespace {

// Poco's MySQL connection string is "key=value;…": a ';' cannot be quoted.
void checkField(const std::string& value, const char* what) {
  if (value.find(';') != std::string::npos) {
    throw DatabaseUrlError(fmt::format("database URL: the {} must not contain ';'", what));
  }
}

}  // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
  DatabaseUrl out;
  if (url.rfind("sqlite://", 0) == 0) {
    out.backend = Backend::SQLite;
    out.connector = "sqlite";
    out.sqlitePath = url.substr(9);  // "sqlite:///abs" keeps its leading '/'
    if (out.sqlitePath.empty() || out.sqlitePath == "/") throw DatabaseUrlError("database URL: sqlite:// needs a file path");
    out.connectionString = out.sqlitePath;
    out.display = url;
    return out;
  }
  if (url.rfind("mysql://", 0) != 0 && url.rfind("mariadb://", 0) != 0) {
    throw DatabaseUrlError("database URL must start with sqlite:// or mysql://");
  }
  // user:password is split off by hand at the last '@' before the path and
  // percent-decoded, so a password may hold '@', ':', '/' (raw or encoded).
  const std::size_t start = url.find("://") + 3;
  const std::size_t slash = url.find('/', url.rfind('@') == std::string::npos ? start : url.rfind('@'));
  const std::size_t at = url.rfind('@', slash == std::string::npos ? std::string::npos : slash);
  if (at == std::string::npos || at < start) {
    throw DatabaseUrlError("database URL: expected mysql://user:password@host[:port]/database");
  }
  const std::string userInfo = url.substr(start, at - start);
  std::string user, password;
  try {
    const auto colon = userInfo.find(':');
    Poco::URI::decode(userInfo.substr(0, colon), user);
    if (colon != std::string::npos) Poco::URI::decode(userInfo.substr(colon + 1), password);
  } catch (const Poco::Exception&) {
    throw DatabaseUrlError("database URL: the user or password is not validly percent-encoded");
  }
  Poco::URI uri;
  try {
    uri = Poco::URI("mysql://" + url.substr(at + 1));
  } catch (const Poco::Exception&) {
    throw DatabaseUrlError("database URL: not a valid mysql:// URL");
  }
  std::string database = uri.getPath();
  if (!database.empty() && database.front() == '/') database.erase(0, 1);
  if (uri.getHost().empty() || user.empty() || database.empty() || database.find('/') != std::string::npos) {
    throw DatabaseUrlError("database URL: expected mysql://user:password@host[:port]/database");
  }
  checkField(user, "user");
  checkField(password, "password");
  checkField(database, "database name");
  checkField(uri.getHost(), "host");
  const unsigned port = uri.getPort() == 0 ? 3306 : uri.getPort();
  out.backend = Backend::MySQL;
  out.connector = "mysql";
  out.password = password;
  out.connectionString = fmt::format("host={};port={};user={};password={};db={};compress=true;auto-reconnect=true;protocol=tcp",
                                     uri.getHost(), port, user, password, database);
  out.display = fmt::format("mysql://{}:***@{}:{}/{}", user, uri.getHost(), port, database);
  return out;
}

}  // namespace gaiarouter
