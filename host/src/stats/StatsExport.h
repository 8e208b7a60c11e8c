// Statistics as a download (format=csv or format=json): the body, its
// content type and a file name that says what it holds, e.g.
// gaiarouter-stats-org_TgV2w9BWr92hsL3T-20261101T000000Z-20261108T000000Z.csv
#pragma once

#include "stats/StatsRepository.h"

#include <string>

namespace gaiarouter {

enum class StatsFormat { Json, Csv };

struct StatsDownload {
  std::string contentType;
  std::string fileName;
  std::string body;

  // attachment; filename="…"
  std::string contentDisposition() const;
};

StatsDownload statsDownload(const StatsResult& result, StatsFormat format);
std::string statsFileName(const StatsQuery& query, const char* extension);

}  // namespace gaiarouter
