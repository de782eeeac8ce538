// Task: one task of a plan as nhacviec understands it: the parsed row with
// its deadline resolved and its agencies matched against the directory.
// Built by the importer, stored by TaskStore, read by every report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agency/agency_splitter.h"
#include "deadline/deadline.h"

namespace nhacviec {

struct Task {
    std::string plan_number;  // "90/KH-UBND"
    int plan_year = 0;        // 2026
    std::string code;         // "II.5.13"
    int position = 0;         // order in the document, from 1
    std::string section_title;
    std::string group_title;  // "" when the task is not under a heading
    std::string title;
    std::vector<AgencyMention> lead;
    std::vector<AgencyMention> cooperating;
    std::string product;
    Deadline deadline;
    std::optional<std::string> precondition;  // "sau khi …"

    bool operator==(const Task&) const = default;
};

}  // namespace nhacviec
