#include "db/DatabaseUrl.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

TEST(DatabaseUrl, SqlitePaths) {
  auto absolute = DatabaseUrl::parse("sqlite:///var/lib/gaiarouter/gr.db");
  EXPECT_EQ(absolute.backend, DatabaseUrl::Backend::SQLite);
  EXPECT_EQ(absolute.sqlitePath, "/var/lib/gaiarouter/gr.db");
  EXPECT_EQ(DatabaseUrl::parse("sqlite://data/gaiarouter.db").sqlitePath, "data/gaiarouter.db");
  EXPECT_THROW(DatabaseUrl::parse("sqlite://"), DatabaseUrlError);
}

TEST(DatabaseUrl, MysqlUrlsHideThePassword) {
  auto url = DatabaseUrl::parse("mysql://gr:s3cret-pw@db.internal:3307/gaiarouter");
  EXPECT_EQ(url.backend, DatabaseUrl::Backend::MySQL);
  EXPECT_EQ(url.connector, "mysql");
  EXPECT_EQ(url.display, "mysql://gr:***@db.internal:3307/gaiarouter");
  EXPECT_EQ(url.password, "s3cret-pw");
  EXPECT_NE(url.connectionString.find("host=db.internal;port=3307;user=gr;password=s3cret-pw;db=gaiarouter"),
            std::string::npos);
  EXPECT_NE(DatabaseUrl::parse("mysql://gr:pw@db/gaiarouter").connectionString.find("port=3306"), std::string::npos);
}

TEST(DatabaseUrl, PasswordsMayHoldReservedCharactersRawOrPercentEncoded) {
  for (const char* text : {"mysql://gr:p@ss/w:rd#1@db.internal:3307/gaiarouter",
                           "mysql://gr:p%40ss%2Fw%3Ard%231@db.internal:3307/gaiarouter"}) {
    auto url = DatabaseUrl::parse(text);
    EXPECT_EQ(url.password, "p@ss/w:rd#1") << text;
    EXPECT_NE(url.connectionString.find("host=db.internal;port=3307;user=gr;"), std::string::npos) << text;
    EXPECT_NE(url.connectionString.find(";db=gaiarouter;"), std::string::npos) << text;
    EXPECT_EQ(url.display, "mysql://gr:***@db.internal:3307/gaiarouter");
  }
  EXPECT_NE(DatabaseUrl::parse("mysql://us%65r:pw@h/db").connectionString.find(";user=user;"), std::string::npos);
}

TEST(DatabaseUrl, MistakesAreExplainedWithoutThePassword) {
  auto message = [](const std::string& url) {
    try {
      DatabaseUrl::parse(url);
    } catch (const DatabaseUrlError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("postgres://u:p@h/db").find("sqlite:// or mysql://"), std::string::npos);
  EXPECT_NE(message("mysql://u:p@h/").find("expected mysql://"), std::string::npos);
  const std::string withSemicolon = message("mysql://u:bad;secret@h/db");
  EXPECT_NE(withSemicolon.find("must not contain ';'"), std::string::npos);
  EXPECT_EQ(withSemicolon.find("bad;secret"), std::string::npos);
}

}  // namespace
}  // namespace gaiarouter
