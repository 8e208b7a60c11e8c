// PATCH semantics for nullable columns: absent (leave it), null (clear it)
// or a value.
#pragma once

#include <optional>

namespace gaiarouter {

template <typename T>
using Patch = std::optional<std::optional<T>>;

}  // namespace gaiarouter
