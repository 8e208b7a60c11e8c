#include "plugins/ProviderError.h"

namespace gaiarouter {

ProviderError copyProviderError(const gr_error& e) {
  using sdk::hasField;
  using sdk::view;
  ProviderError out;
  out.kind = e.kind;
  out.upstreamStatus = e.upstream_status;
  out.message.assign(view(e.message));
  out.code.assign(view(e.code));
  out.param.assign(view(e.param));
  if (hasField(&e, &gr_error::upstream_type)) out.upstreamType.assign(view(e.upstream_type));
  if (hasField(&e, &gr_error::retry_after_ms)) out.retryAfterMs = e.retry_after_ms;
  return out;
}

ProviderError makeProviderError(gr_error_kind kind, std::string message, int upstreamStatus) {
  ProviderError e;
  e.kind = kind;
  e.message = std::move(message);
  e.upstreamStatus = upstreamStatus;
  return e;
}

}  // namespace gaiarouter
