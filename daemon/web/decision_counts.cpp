#include "web/decision_counts.h"

#include <string>
#include <type_traits>
#include <variant>

namespace nhacviec::web {

std::string_view to_string(DecisionKind kind) {
    switch (kind) {
        case DecisionKind::confirmed: return "confirmed";
        case DecisionKind::returned: return "returned";
        case DecisionKind::extension_approved: return "extension_approved";
        case DecisionKind::extension_refused: return "extension_refused";
        case DecisionKind::deadline_set: return "deadline_set";
        case DecisionKind::status_set: return "status_set";
        case DecisionKind::reminders_paused: return "reminders_paused";
        case DecisionKind::reminders_resumed: return "reminders_resumed";
    }
    return "";
}

std::string DecisionCounts::metrics() const {
    std::string out =
        "# HELP nhacviec_decisions_total Decisions recorded in the console since the daemon started, by decision.\n"
        "# TYPE nhacviec_decisions_total counter\n";
    for (const DecisionKind kind : kDecisionKinds)
        out += "nhacviec_decisions_total{decision=\"" + std::string(to_string(kind)) + "\"} " +
               std::to_string(of(kind)) + "\n";
    return out;
}

DecisionKind kind_of(const app::Decision& decision) {
    return std::visit(
        [](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, app::ConfirmCompletion>) return DecisionKind::confirmed;
            else if constexpr (std::is_same_v<T, app::ReturnCompletion>) return DecisionKind::returned;
            else if constexpr (std::is_same_v<T, app::ApproveExtension>) return DecisionKind::extension_approved;
            else if constexpr (std::is_same_v<T, app::RefuseExtension>) return DecisionKind::extension_refused;
            else if constexpr (std::is_same_v<T, app::SetDeadline>) return DecisionKind::deadline_set;
            else if constexpr (std::is_same_v<T, app::SetStatus>) return DecisionKind::status_set;
            else return d.paused ? DecisionKind::reminders_paused : DecisionKind::reminders_resumed;
        },
        decision);
}

}  // namespace nhacviec::web
