// The binary migrates its database at start-up and refuses a database whose
// schema is newer than it knows.
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

namespace gaiarouter::test {
namespace {

using namespace Poco::Data::Keywords;

TEST(Database, StartUpMigratesThenRefusesASchemaFromTheFuture) {
  const std::string yaml = GatewayProcess::config("providers:\n  mock: {plugin: mock}\n");
  std::filesystem::path dbFile;
  {
    GatewayProcess first({yaml, {}, "", true});
    dbFile = first.workDir() / "data" / "gaiarouter.db";
    EXPECT_EQ(httpRequest(first.port(), "GET", "/health").status, 200);
    first.stop();
    EXPECT_NE(first.logText().find("database sqlite://data/gaiarouter.db: schema version"), std::string::npos)
        << first.logText();
    ASSERT_TRUE(std::filesystem::exists(dbFile));
    // Copy the migrated database out before the work dir goes away.
    std::filesystem::copy_file(dbFile, std::filesystem::temp_directory_path() / "gaiarouter-e2e-future.db",
                               std::filesystem::copy_options::overwrite_existing);
  }
  const auto future = std::filesystem::temp_directory_path() / "gaiarouter-e2e-future.db";
  Poco::Data::SQLite::Connector::registerConnector();
  {
    Poco::Data::Session session("sqlite", future.string());
    session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', 0)", now;
  }
  GatewayProcess::Options refused{yaml, {{"GAIAROUTER_DATABASE_URL", "sqlite://" + future.string()}}, "", false};
  GatewayProcess second(refused);
  EXPECT_NE(second.waitExit(), 0);
  EXPECT_NE(second.output().find("schema is at version 9999, newer than this gaiarouter build"), std::string::npos)
      << second.output();
  std::filesystem::remove(future);
}

}  // namespace
}  // namespace gaiarouter::test
