// Why a deadline phrase stayed undetermined, as a kind: what a reader that
// words the reason itself (the console, in Vietnamese) needs, where
// Deadline::warning is the English sentence. Pure; defined beside
// resolve_deadline, which writes the warnings it classifies.
#pragma once

#include "deadline/deadline.h"

namespace nhacviec {

enum class DeadlineProblem {
    none,           // understood
    empty,          // no deadline text
    names_no_date,  // a phrase that names no date ("Trong từng giai đoạn")
    impossible,     // no such quarter, month, date or year, or a period that ends before it starts
    unrecognised,   // anything else not understood
};

// The problem of a Deadline that resolve_deadline made.
DeadlineProblem deadline_problem(const Deadline& deadline);

}  // namespace nhacviec
