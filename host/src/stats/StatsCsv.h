// The statistics answer as CSV (RFC 4180) that spreadsheets open as it is:
// a UTF-8 byte order mark (Excel otherwise guesses a legacy code page),
// CRLF line ends, fields with , " CR or LF quoted, and text starting with
// = + - @ (or a tab or CR) prefixed with ' so it is never run as a formula.
//
// Columns: row ("series" or "total"), start, end, then for groupings by
// model, provider or key that value (model, provider, api_key_id), then the
// figures named as in the JSON answer. One row per series entry (start/end
// are the bucket's for time groupings, the range's otherwise) and a last
// "total" row over the whole range. USD amounts are exact decimals.
#pragma once

#include "stats/StatsRepository.h"

#include <string>

namespace gaiarouter {

std::string statsCsv(const StatsResult& result);

// One text field, neutralised and quoted as needed.
std::string csvTextField(const std::string& text);

}  // namespace gaiarouter
