// /v1/organizations/{id}/credits: an administrator adds, corrects or refunds
// an organization's credits (POST), and managers who can see the
// organization read its ledger (GET …/credits/transactions).
#pragma once

#include "management/ManagementHandler.h"

namespace gaiarouter {

class CreditsHandler final : public ManagementHandler {
 public:
  enum class Op { Change, Transactions };
  CreditsHandler(const Gateway& gateway, Op op, std::vector<std::string> params)
      : ManagementHandler(gateway, std::move(params)), op_(op) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  void change(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
              const Organization& org);
  void transactions(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Organization& org);

  Op op_;
};

}  // namespace gaiarouter
