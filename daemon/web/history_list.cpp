#include "web/history_list.h"

#include "common/text.h"

namespace nhacviec::web {

void append_history_list(std::string& h, const std::vector<AnswerHistoryLine>& lines) {
    const auto e = [](std::string_view s) { return text::html_escape(s); };
    h += "<ol class=\"history\">\n";
    for (const AnswerHistoryLine& line : lines) {
        h += "<li><div class=\"meta\">" + e(line.when) + " – " + e(line.who) + "</div><div>" + e(line.what);
        if (!line.state.empty()) h += " <span class=\"state\">(" + e(line.state) + ")</span>";
        h += "</div>";
        if (!line.detail.empty()) h += "<p class=\"detail\">" + e(line.detail) + "</p>";
        h += "</li>\n";
    }
    h += "</ol>\n";
}

}  // namespace nhacviec::web
