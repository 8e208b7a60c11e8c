// /v1/users: user accounts, for administrators (the master key, admin
// users) only.
#pragma once

#include "management/ManagementHandler.h"

namespace gaiarouter {

class UsersHandler final : public ManagementHandler {
 public:
  enum class Op { Create, List, Get, Update, Delete };
  UsersHandler(const Gateway& gateway, Op op, std::vector<std::string> params)
      : ManagementHandler(gateway, std::move(params)), op_(op) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  void create(Poco::Net::HTTPServerRequest& request, ClientChannel& client);
  void list(Poco::Net::HTTPServerRequest& request, ClientChannel& client);
  void update(Poco::Net::HTTPServerRequest& request, ClientChannel& client);
  // A member needs an existing, not deleted organization; an admin has none.
  bool checkMembership(ClientChannel& client, const std::string& role, const std::optional<std::string>& organizationId);

  Op op_;
};

}  // namespace gaiarouter
