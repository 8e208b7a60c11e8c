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
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    throw DatabaseUrlError("database URL: not a valid mysql:// URL");
  }
  std::string user = uri.getUserInfo(), password;
  if (auto colon = user.find(':'); colon != std::string::npos) {
    password = user.substr(colon + 1);
    user.resize(colon);
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
