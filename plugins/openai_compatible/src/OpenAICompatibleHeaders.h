// An ordered list of HTTP request headers in which a name occurs once:
// setting a name again (compared case-insensitively) replaces its value in
// place. A header set to "" stays in the list but is not sent: that is how an
// operator's option turns a built-in header off.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleHeaders {
 public:
  using Header = std::pair<std::string, std::string>;

  // Adds or replaces `name`.
  void set(std::string_view name, std::string_view value);
  // Applies every header of `other` in its order.
  void merge(const OpenAICompatibleHeaders& other);
  // The value of `name`; empty when absent or turned off.
  std::string get(std::string_view name) const;

  const std::vector<Header>& entries() const noexcept { return entries_; }

 private:
  std::vector<Header> entries_;
};

}  // namespace gaiarouter::plugins::openai_compatible
