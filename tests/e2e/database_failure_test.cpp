// A database that cannot be opened stops start-up with the reason, and the
// password of the URL appears nowhere.
#include "GatewayProcess.h"

#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>

namespace gaiarouter::test {
namespace {

TEST(DatabaseFailure, AnUnreachableMysqlStopsStartUpWithoutShowingThePassword) {
  uint16_t closedPort;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    closedPort = probe.address().port();
  }
  const std::string password = "db-planted-password-5e1f";
  GatewayProcess::Options o{GatewayProcess::config("providers:\n  mock: {plugin: mock}\n"),
                            {{"GAIAROUTER_DATABASE_URL",
                              "mysql://gr:" + password + "@127.0.0.1:" + std::to_string(closedPort) + "/gaiarouter"}},
                            "",
                            false};
  GatewayProcess gateway(o);
  EXPECT_NE(gateway.waitExit(), 0);
  const std::string output = gateway.output() + gateway.logText();
  EXPECT_NE(output.find("cannot open the database mysql://gr:***@127.0.0.1:"), std::string::npos) << output;
  EXPECT_EQ(output.find(password), std::string::npos) << output;
}

}  // namespace
}  // namespace gaiarouter::test
