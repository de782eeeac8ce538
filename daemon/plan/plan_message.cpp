#include "plan/plan_message.h"

#include <utility>

namespace nhacviec {

std::string PlanMessage::detail() const {
    std::string_view rest = text;
    const auto drop = [&rest](std::string_view prefix) {
        if (rest.substr(0, prefix.size()) != prefix) return false;
        rest.remove_prefix(prefix.size());
        return true;
    };
    if (!file.empty() && drop(file)) {
        if (drop(":") && !location.empty()) {
            if (drop(location)) drop(":");
        }
        drop(" ");
    }
    return std::string(rest);
}

Error refuse(PlanMessage message, PlanMessage* where) {
    Error error = to_error(message);
    if (where) *where = std::move(message);
    return error;
}

PlanMessage other_message(const Error& error, const std::string& file) {
    PlanMessage message;
    message.file = file;
    message.text = error.message;
    return message;
}

}  // namespace nhacviec
