#include "credits/CreditGate.h"

#include <Poco/Logger.h>
#include <fmt/format.h>

namespace gaiarouter {
namespace {

// "-0.000123": USD with six decimals, from the micros without a double.
std::string decimalUsd(int64_t micros) {
  const uint64_t magnitude = micros < 0 ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  return fmt::format("{}{}.{:06}", micros < 0 ? "-" : "", magnitude / 1'000'000, magnitude % 1'000'000);
}

ApiError insufficientCredits(const LimitSubject& subject, int64_t balanceMicros) {
  ApiError error;
  error.status = 402;
  error.type = "insufficient_credits";
  error.code = "insufficient_credits";
  error.message = fmt::format(
      "Organization '{}' has no credits left (balance ${}); requests are refused until an administrator adds credits.",
      subject.organizationName.empty() ? subject.organizationId : subject.organizationName, decimalUsd(balanceMicros));
  error.metadataJson = fmt::format(R"({{"organization_id":"{}","balance":{}}})", subject.organizationId,
                                   decimalUsd(balanceMicros));
  return error;
}

}  // namespace

std::optional<ApiError> CreditGate::admit(const LimitSubject& subject, int64_t nowMs) {
  if (subject.organizationId.empty()) return std::nullopt;
  std::optional<Entry> known;
  try {
    known = entry(subject.organizationId, nowMs);
  } catch (const std::exception& e) {
    Poco::Logger::get("gaiarouter.credits").error(fmt::format("cannot read the credit balance: {}", e.what()));
    return ApiError{503, "server_error", "The credit balance cannot be read right now; try again shortly.",
                    "credits_unavailable", {}, {}, {}};
  }
  if (!known || !known->enforced || known->balanceMicros > 0) return std::nullopt;
  return insufficientCredits(subject, known->balanceMicros);
}

std::optional<CreditGate::Entry> CreditGate::entry(const std::string& organizationId, int64_t nowMs) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(organizationId);
    if (it != entries_.end() && nowMs >= it->second.readAtMs && nowMs - it->second.readAtMs < ttl_.count()) {
      return it->second;
    }
  }
  // Read outside the lock: one organization's read never holds up another's
  // requests. Concurrent misses may read twice; the last one stays.
  std::optional<CreditBalance> read;
  const uint64_t generation = generation_.load();
  try {
    read = credits_.balanceOnly(organizationId);
  } catch (const std::exception&) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(organizationId);
    if (it == entries_.end()) throw;
    return it->second;  // stale, but better than refusing everything during a blip
  }
  std::lock_guard lock(mutex_);
  if (!read) {
    entries_.erase(organizationId);
    return std::nullopt;
  }
  Entry fresh{read->balanceMicros, read->enforced, nowMs};
  // A read that began before an invalidation may predate a top-up: use it
  // for this request, but do not keep it.
  if (generation_.load() == generation) entries_[organizationId] = fresh;
  return fresh;
}

void CreditGate::invalidate(const std::string& organizationId) {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.erase(organizationId);
}

}  // namespace gaiarouter
