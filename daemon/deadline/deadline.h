// Deadline phrases → dates (domain.md §2).
//
// A Deadline is what a plan's "Thời gian hoàn thành" cell means: a fixed day
// ("Quý I/2026" → 2026-03-31), a multi-year period with a yearly progress review
// ("Giai đoạn 2026 – 2030"), a recurring review ("Hàng năm", "Thường xuyên"), or
// undetermined, with a warning saying why, until someone sets a date. Phrases
// are never guessed: anything not fully understood is undetermined.
//
// resolve_deadline() is pure: no clock, no configuration, no state. The due
// date is the one the text names, before any holiday or weekend shift (that is
// the calendar's job), and a recurring deadline's actual review dates depend on
// the plan's issue date and the configuration (the schedule's job).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/date.h"

namespace nhacviec {

// What sort of date a deadline phrase names.
enum class DeadlineKind { fixed, period, recurring, undetermined };

// How often a deadline comes back for review; none for a one-off deadline.
enum class Recurrence { none, monthly, quarterly, half_yearly, yearly };

// One resolved deadline phrase. A plain value, owned by whoever holds it.
struct Deadline {
    std::string text;                          // the phrase as written: markup stripped, white space collapsed, NFC
    DeadlineKind kind = DeadlineKind::undetermined;
    std::optional<Date> due;                   // the date the text names, before any holiday shift;
                                               // nullopt for recurring/undetermined
    Recurrence recurrence = Recurrence::none;  // review cadence: the recurring families; yearly for a period
    std::optional<int> first_year;             // for a period: its first year (2026 in "Giai đoạn 2026 – 2030")
    std::string warning;                       // empty when understood; otherwise why it is undetermined, in
                                               // English, quoting the text

    bool operator==(const Deadline&) const = default;
};

// Resolves one deadline cell (markup allowed). Never fails: a phrase it does
// not understand gives an undetermined Deadline with a warning.
Deadline resolve_deadline(std::string_view text);

// "fixed", "period", "recurring", "undetermined".
std::string_view to_string(DeadlineKind kind);
// "monthly", "quarterly", "half_yearly", "yearly"; "" for none.
std::string_view to_string(Recurrence recurrence);

// The inverses of to_string: exact spellings only; nullopt for anything else.
std::optional<DeadlineKind> deadline_kind_from_string(std::string_view text);
std::optional<Recurrence> recurrence_from_string(std::string_view text);  // "" → Recurrence::none

// {"text": …, "kind": …, "due": "YYYY-MM-DD" or null, "recurrence": string or null}.
nlohmann::json to_json(const Deadline& deadline);

}  // namespace nhacviec
