// Filling in the facts of a task that both the agency's answer page and the
// console's task page show (plan, code, title, agencies, product, deadline,
// next review, precondition, status in words), from the stored task and its
// report entry. Pure; runs on the request's thread.
#pragma once

#include <optional>
#include <string>

#include "agency/agency_splitter.h"
#include "common/date.h"
#include "content/status_words.h"
#include "plan/task.h"
#include "report/status_report.h"

namespace nhacviec::web {

// Sets the task's facts of `view` (an AnswerPageView or a ConsoleTaskView):
// `entry` is the task's report entry, `next_review` its next review date.
template <typename View>
void fill_task_facts(View& view, const Task& task, const ReportEntry& entry, std::optional<Date> next_review) {
    view.plan = "Kế hoạch số " + task.plan_number + " năm " + std::to_string(task.plan_year);
    view.code = task.code;
    view.title = task.title;
    view.lead = joined_names(task.lead);
    view.cooperating = joined_names(task.cooperating);
    view.product = task.product;
    view.deadline_text = task.deadline.text;
    view.due = task.deadline.due;
    view.legal_due = entry.legal_due;
    view.next_review = next_review;
    view.precondition = task.precondition.value_or("");
    view.status = status_in_words(entry);
}

}  // namespace nhacviec::web
