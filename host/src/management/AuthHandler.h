// /v1/auth/register, /v1/auth/login and /v1/auth/profile: user sign-up
// (switchable), sign-in with a session token in return (failures rate
// limited per account and address), and the signed-in user's profile.
#pragma once

#include "management/ManagementHandler.h"

namespace gaiarouter {

class AuthHandler final : public ManagementHandler {
 public:
  enum class Op { Register, Login, Profile };
  AuthHandler(const Gateway& gateway, Op op) : ManagementHandler(gateway, {}), op_(op) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  void registerUser(Poco::Net::HTTPServerRequest& request, ClientChannel& client);
  void login(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx);
  void profile(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx);
  // {"token", "token_type", "expires_at", "user"}
  Poco::JSON::Object::Ptr session(const User& user);

  Op op_;
};

}  // namespace gaiarouter
