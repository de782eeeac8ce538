#include "channels/channel_kind.h"

#include <array>
#include <utility>

namespace nhacviec {

namespace {

constexpr std::array<std::pair<ChannelKind, std::string_view>, 3> kNames = {{
    {ChannelKind::email, "email"},
    {ChannelKind::webhook, "webhook"},
    {ChannelKind::none, "none"},
}};

}  // namespace

std::string_view to_string(ChannelKind kind) {
    for (const auto& [k, name] : kNames)
        if (k == kind) return name;
    return "none";
}

std::optional<ChannelKind> channel_kind_from_string(std::string_view text) {
    for (const auto& [k, name] : kNames)
        if (name == text) return k;
    return std::nullopt;
}

}  // namespace nhacviec
