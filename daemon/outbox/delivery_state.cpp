#include "outbox/delivery_state.h"

#include <array>
#include <utility>

namespace nhacviec {

namespace {

constexpr std::array<std::pair<DeliveryState, std::string_view>, 7> kNames = {{
    {DeliveryState::pending, "pending"},
    {DeliveryState::sending, "sending"},
    {DeliveryState::sent, "sent"},
    {DeliveryState::retrying, "retrying"},
    {DeliveryState::dead, "dead"},
    {DeliveryState::cancelled, "cancelled"},
    {DeliveryState::skipped, "skipped"},
}};

}  // namespace

std::string_view to_string(DeliveryState state) {
    for (const auto& [s, name] : kNames)
        if (s == state) return name;
    return "dead";
}

std::optional<DeliveryState> delivery_state_from_string(std::string_view text) {
    for (const auto& [s, name] : kNames)
        if (name == text) return s;
    return std::nullopt;
}

}  // namespace nhacviec
