// The list of a task's history lines as HTML, shared by the agency's answer
// page and the console's task page. Pure.
#pragma once

#include <string>
#include <vector>

#include "web/answer_page.h"

namespace nhacviec::web {

// Appends `<ol class="history">…</ol>\n` to `h`: one item per line of
// `lines`, in their order, every text escaped.
void append_history_list(std::string& h, const std::vector<AnswerHistoryLine>& lines);

}  // namespace nhacviec::web
