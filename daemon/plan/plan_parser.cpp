#include "plan/plan_parser.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "common/text.h"
#include "common/text_file.h"
#include "plan/column_wordings.h"
#include "plan/plan_file_reader.h"
#include "plan/text_plan_reader.h"

namespace nhacviec {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_roman(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c != 'I' && c != 'V' && c != 'X' && c != 'L') return false;
    return true;
}

// "1", "9.2", "5.13": one or more dot-separated positive integers.
bool is_task_number(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.back() == '.') return false;
    bool previous_dot = false;
    for (char c : s) {
        if (c == '.') {
            if (previous_dot) return false;
            previous_dot = true;
        } else if (c >= '0' && c <= '9') {
            previous_dot = false;
        } else {
            return false;
        }
    }
    return true;
}

// A stated count "(05 nhiệm vụ)" or "(07 giải pháp, 40 nhiệm vụ)" in a title:
// the number before `noun`, and the title without the parenthesis.
struct StatedCounts {
    std::string title;
    std::optional<int> tasks;
    std::optional<int> groups;
};

std::optional<int> number_before(std::string_view folded, std::string_view noun) {
    const size_t at = folded.find(noun);
    if (at == std::string_view::npos) return std::nullopt;
    size_t end = at;
    while (end > 0 && folded[end - 1] == ' ') --end;
    size_t start = end;
    while (start > 0 && folded[start - 1] >= '0' && folded[start - 1] <= '9') --start;
    if (start == end || end - start > 6) return std::nullopt;
    return std::stoi(std::string(folded.substr(start, end - start)));
}

StatedCounts read_counts(const std::string& title) {
    StatedCounts counts{title, std::nullopt, std::nullopt};
    const size_t open = title.rfind('(');
    const size_t close = title.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) return counts;
    static const std::string tasks = text::fold("nhiệm vụ");
    static const std::string groups = text::fold("giải pháp");
    const std::string inside = text::fold(title.substr(open + 1, close - open - 1));
    counts.tasks = number_before(inside, tasks);
    counts.groups = number_before(inside, groups);
    if (counts.tasks || counts.groups) counts.title = text::collapse_whitespace(title.substr(0, open));
    return counts;
}

std::string join_cell(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + " " + b;
}

std::vector<std::string> words_of(std::string_view collapsed) {
    std::vector<std::string> words;
    std::istringstream in{std::string(collapsed)};
    for (std::string word; in >> word;) words.push_back(word);
    return words;
}

// A line as words, both as written and folded; fold keeps word boundaries, so
// written[i] and folded[i] are the same word.
struct Words {
    std::string folded_line;  // text::fold of the whole line
    std::vector<std::string> written;
    std::vector<std::string> folded;

    explicit Words(std::string_view line)
        : folded_line(text::fold(line)),
          written(words_of(text::collapse_whitespace(line))),
          folded(words_of(folded_line)) {}

    // Index of the first occurrence of `wanted` (folded words, see folded_words), or npos.
    size_t find(const std::vector<std::string>& wanted, size_t from = 0) const {
        for (size_t i = from; i + wanted.size() <= folded.size(); ++i)
            if (std::equal(wanted.begin(), wanted.end(), folded.begin() + static_cast<long>(i))) return i;
        return std::string::npos;
    }
};

std::vector<std::string> folded_words(std::string_view phrase) { return words_of(text::fold(phrase)); }

// The plan code that starts at word `i`: "90", "/KH-UBND" → "90/KH-UBND".
std::optional<std::string> plan_code_at(const Words& words, size_t i) {
    if (i >= words.written.size()) return std::nullopt;
    std::string code = words.written[i++];
    while (i < words.written.size() && (code.back() == '/' || words.written[i].front() == '/')) code += words.written[i++];
    while (!code.empty() && (code.back() == ',' || code.back() == ';' || code.back() == '.')) code.pop_back();
    if (code.empty() || code[0] < '0' || code[0] > '9' || code.find('/') == std::string::npos || code.back() == '/')
        return std::nullopt;
    return code;
}

// "Số: 90 /KH-UBND" (preamble) → "90/KH-UBND".
std::optional<std::string> plan_number_from_line(const Words& words) {
    static const std::string number = text::fold("Số");
    static const std::string number_colon = text::fold("Số:");
    if (words.folded.empty()) return std::nullopt;
    if (words.folded[0] == number_colon) return plan_code_at(words, 1);
    if (words.folded.size() > 1 && words.folded[0] == number && words.folded[1] == ":")
        return plan_code_at(words, 2);
    return std::nullopt;
}

// "… ngày 20 tháng 3 năm 2026" → 2026-03-20.
std::optional<Date> written_date(const Words& words) {
    static const auto day = folded_words("ngày");
    static const std::string month = text::fold("tháng");
    static const std::string year = text::fold("năm");
    for (size_t i = words.find(day); i != std::string::npos; i = words.find(day, i + 1)) {
        if (i + 5 >= words.folded.size()) break;
        if (words.folded[i + 2] != month || words.folded[i + 4] != year) continue;
        const auto number = [&](size_t k) { return std::atoi(words.folded[k].c_str()); };
        if (auto date = make_date(number(i + 5), number(i + 3), number(i + 1))) return date;
    }
    return std::nullopt;
}

// "(Kèm theo Kế hoạch số 90 /KH-UBND ngày 20/3/2026 …)" → number and date.
void number_and_date_from_reference(const Words& words, std::optional<std::string>& number,
                                    std::optional<Date>& date) {
    static const auto plan_number = folded_words("kế hoạch số");
    static const auto day_word = folded_words("ngày");
    const size_t at = words.find(plan_number);
    if (at == std::string::npos) return;
    if (!number) number = plan_code_at(words, at + 3);
    const size_t day = words.find(day_word, at + 3);
    if (date || day == std::string::npos || day + 1 >= words.folded.size()) return;
    int d = 0, m = 0, y = 0;
    char s1 = 0, s2 = 0;
    std::istringstream parts(words.folded[day + 1]);
    if (parts >> d >> s1 >> m >> s2 >> y && s1 == '/' && s2 == '/') date = make_date(y, m, d);
}

// The text of a cell: its paragraphs with markup removed, joined by a space,
// or by "; " after a paragraph that ends with ";" and in an agency column,
// where each paragraph names its own agencies.
std::string cell_text(const TableCell& cell, bool agency_column) {
    std::string out;
    bool item_ended = false;
    for (const auto& paragraph : cell.paragraphs) {
        std::string clean = text::strip_markup(paragraph);
        if (clean.empty()) continue;
        // A paragraph that ends its item with ";" (a list in a Word cell) keeps it: strip_markup drops it.
        if (!out.empty()) out += agency_column || item_ended ? "; " : " ";
        out += clean;
        const size_t last = paragraph.find_last_not_of(" \t\r\n");
        item_ended = last != std::string::npos && paragraph[last] == ';';
    }
    return out;
}

// Whether `cell` (markup removed) is "I. Nhiệm vụ chung": a Roman number, a dot and a title.
bool is_section_text(const std::string& cell) {
    const size_t dot = cell.find('.');
    return dot != std::string::npos && is_roman(cell.substr(0, dot));
}

// The interpreter of a PlanDocument: finds the header's columns, then reads
// the rows in order. Lives for one call of interpret_plan.
class TableReader {
public:
    TableReader(const PlanDocument& document, PlanMessage* refusal) : document_(document), refusal_(refusal) {}

    Result<ParsedPlan> read();

private:
    std::string at(const std::string& location) const { return document_.source + ":" + location; }
    // A refusal with its kind and fields; `text` follows "source:location: ".
    Error refused(PlanMessageKind kind, const std::string& location, std::string task, std::string phrase,
                  const std::string& text) const {
        const std::string where = location.empty() ? document_.source : at(location);
        return refuse({kind, document_.source, location, std::move(task), std::move(phrase), 0, where + ": " + text},
                      refusal_);
    }
    void warn(PlanMessage message) {
        plan_.warnings.push_back(message.text);
        plan_.warning_messages.push_back(std::move(message));
    }
    // A warning of kind kOther.
    void warn(const std::string& location, const std::string& text) {
        warn({PlanMessageKind::kOther, document_.source, location, "", "", 0, at(location) + ": " + text});
    }
    Status read_preamble();
    Status read_header(const TableRow& row);
    Status read_rows();
    Status take_row(size_t index);
    void check_counts();
    // The columns a header row names, cell by cell; nullopt for a cell nhacviec does not read.
    static std::vector<std::optional<PlanColumn>> columns_of(const TableRow& row);
    // Closes the open headings that `number` ("2.1") is not a sub-row of.
    void close_headings_above(const std::string& number) {
        while (!open_headings_.empty() &&
               !starts_with(number, headings_[open_headings_.back()].number + "."))
            open_headings_.pop_back();
    }

    const PlanDocument& document_;
    PlanMessage* refusal_;
    ParsedPlan plan_;
    std::vector<std::optional<PlanColumn>> columns_;  // per cell of a row
    std::optional<int> stated_total_;
    std::string stated_total_location_;

    // Where the reader is in the table.
    struct Section {
        std::string id;
        std::string title;
        std::string location;
        std::optional<int> stated_tasks;
        std::optional<int> stated_groups;
        int tasks = 0;
        int groups = 0;
    };
    struct Heading {
        std::string code;    // "II.1"
        std::string number;  // "1"
        std::string title;
        std::string location;
        size_t row;  // index in document_.rows
        std::optional<int> stated_tasks;
        int tasks = 0;
    };
    std::vector<Section> sections_;
    std::vector<Heading> headings_;      // every heading row, for the count check
    std::vector<size_t> open_headings_;  // indices into headings_: the current heading and its parents
    std::set<std::string> codes_;
    size_t last_task_row_ = 0;  // index in document_.rows of the last task's first row
};

Result<ParsedPlan> TableReader::read() {
    if (auto status = read_preamble(); !status) return status.error();
    if (document_.rows.empty())
        return refused(PlanMessageKind::kNoTable, "", "", "", "no appendix table: expected " + document_.header_expected);
    if (auto status = read_header(document_.rows.front()); !status) return status.error();
    if (auto status = read_rows(); !status) return status.error();
    if (plan_.tasks.empty())
        return refused(PlanMessageKind::kNoTasks, document_.rows.front().location, "", "", "the appendix table has no tasks");
    check_counts();
    return std::move(plan_);
}

std::vector<std::optional<PlanColumn>> TableReader::columns_of(const TableRow& row) {
    std::vector<std::optional<PlanColumn>> columns;
    columns.reserve(row.cells.size());
    for (const auto& cell : row.cells) columns.push_back(column_named_by(cell_text(cell, false)));
    return columns;
}

Status TableReader::read_header(const TableRow& row) {
    columns_ = columns_of(row);
    std::vector<std::string> missing;
    std::string missing_names;  // the first wording of each missing column, tab-separated: the message's phrase
    for (const PlanColumn column : kPlanColumns) {
        std::vector<size_t> found;
        for (size_t k = 0; k < columns_.size(); ++k)
            if (columns_[k] == column) found.push_back(k);
        if (found.size() > 1)
            return Error{at(row.location) + ": two columns of the table header are the " +
                         std::string(column_name(column)) + " column: column " + std::to_string(found[0] + 1) +
                         " \"" + cell_text(row.cells[found[0]], false) + "\" and column " +
                         std::to_string(found[1] + 1) + " \"" + cell_text(row.cells[found[1]], false) +
                         "\"; keep one of them"};
        if (found.empty()) {
            std::string looked_for;
            for (const auto& wording : column_wordings(column))
                looked_for += (looked_for.empty() ? "\"" : ", \"") + wording + "\"";
            missing.push_back("no " + std::string(column_name(column)) + " column (looked for " + looked_for + ")");
            const auto& wordings = column_wordings(column);
            if (!wordings.empty()) missing_names += (missing_names.empty() ? "" : "\t") + wordings.front();
        }
    }
    if (!missing.empty()) {
        std::string message = "the table header has ";
        for (size_t i = 0; i < missing.size(); ++i) message += (i == 0 ? "" : "; ") + missing[i];
        return refused(PlanMessageKind::kMissingColumn, row.location, "", missing_names, message);
    }
    for (size_t k = 0; k < columns_.size(); ++k) {
        if (columns_[k]) continue;
        const std::string heading = cell_text(row.cells[k], false);
        const std::string shown = heading.empty() ? "" : std::string(text::shorten(heading, 60));
        warn({PlanMessageKind::kIgnoredColumn, document_.source, row.location, "", shown, static_cast<int>(k + 1),
              at(row.location) + ": column " + std::to_string(k + 1) + " " +
                  (heading.empty() ? std::string("(without a heading)") : "\"" + shown + "\"") +
                  " is not one nhacviec reads; its cells are ignored"});
    }
    return {};
}

Status TableReader::read_preamble() {
    std::optional<std::string> number;
    std::optional<Date> date;
    bool appendix = false;
    for (const auto& paragraph : document_.preamble) {
        static const std::string appendix_heading = text::fold("PHỤ LỤC");
        static const std::string total_prefix = text::fold("Tổng số");
        static const std::string tasks_noun = text::fold("nhiệm vụ");
        const Words words(paragraph.text);
        const std::string& folded = words.folded_line;
        if (!number) number = plan_number_from_line(words);
        if (!date) date = written_date(words);
        number_and_date_from_reference(words, number, date);
        if (folded == appendix_heading) {
            appendix = true;
        } else if (appendix && plan_.info.title.empty() && !folded.empty()) {
            plan_.info.title = text::collapse_whitespace(paragraph.text);
        }
        if (starts_with(folded, total_prefix)) {
            if (auto total = number_before(folded, tasks_noun)) {
                stated_total_ = total;
                stated_total_location_ = paragraph.location;
            }
        }
    }
    if (!number)
        return refused(PlanMessageKind::kNoPlanNumber, "", "", "", "no plan number: expected a line such as \"Số: 90/KH-UBND\"");
    if (!date)
        return refused(PlanMessageKind::kNoIssueDate, "", "", "", "no date of issue: expected \"…, ngày 20 tháng 3 năm 2026\"");
    plan_.info.number = *number;
    plan_.info.issued_on = date;
    plan_.info.year = static_cast<int>(date->year());
    if (plan_.info.title.empty()) plan_.info.title = "Kế hoạch số " + *number;
    return {};
}

Status TableReader::read_rows() {
    const auto& rows = document_.rows;
    for (size_t i = 1; i < rows.size(); ++i) {
        const TableRow& row = rows[i];
        if (!row.reader_error.empty()) return Error{at(row.location) + ": " + row.reader_error};
        std::vector<std::string> texts;
        texts.reserve(row.cells.size());
        for (const auto& cell : row.cells) texts.push_back(cell.paragraphs.empty() ? "" : cell.paragraphs.front());
        if (is_header_row(texts)) {
            // The header repeated after a page break.
            if (columns_of(row) != columns_)
                return Error{at(row.location) + ": a repeated table header whose columns differ from the first "
                                                "header's (" + rows.front().location + ")"};
            continue;
        }
        if (row.cells.size() != columns_.size())
            return Error{at(row.location) + ": a table row with " + std::to_string(row.cells.size()) +
                         " cells; expected " + std::to_string(columns_.size())};
        if (auto status = take_row(i); !status) return status;
    }
    return {};
}

Status TableReader::take_row(size_t index) {
    const TableRow& row = document_.rows[index];
    std::map<PlanColumn, std::string> cells;
    for (size_t k = 0; k < row.cells.size(); ++k) {
        if (!columns_[k]) continue;  // a column nhacviec does not read: never looked at
        const PlanColumn column = *columns_[k];
        cells[column] = cell_text(row.cells[k], column == PlanColumn::kLead || column == PlanColumn::kCooperating);
    }
    std::string number = cells[PlanColumn::kNumber];
    const bool no_details = cells[PlanColumn::kLead].empty() && cells[PlanColumn::kCooperating].empty() &&
                            cells[PlanColumn::kProduct].empty() && cells[PlanColumn::kDeadline].empty();

    // A section row of a table whose first column is not the number's: "I. Nhiệm vụ chung" alone in the first
    // cell (a cell merged across the row keeps its text there).
    if (number.empty() && columns_[0] != PlanColumn::kNumber && !row.cells.empty()) {
        const std::string first = cell_text(row.cells[0], false);
        bool alone = is_section_text(first);
        for (size_t k = 1; alone && k < row.cells.size(); ++k) alone = cell_text(row.cells[k], false).empty();
        if (alone) {
            number = first;
            cells[PlanColumn::kTask].clear();
        }
    }

    // A section row: "I. Nhiệm vụ chung (11 nhiệm vụ)" in the first cell, or "I" with the title beside it.
    std::string section_id, section_title;
    const size_t dot = number.find('.');
    if (dot != std::string::npos && is_roman(number.substr(0, dot)) && cells[PlanColumn::kTask].empty()) {
        section_id = number.substr(0, dot);
        section_title = text::collapse_whitespace(number.substr(dot + 1));
    } else if (!number.empty() && is_roman(number.back() == '.' ? number.substr(0, number.size() - 1) : number)) {
        section_id = number.back() == '.' ? number.substr(0, number.size() - 1) : number;
        section_title = cells[PlanColumn::kTask];
    }
    if (!section_id.empty()) {
        for (const auto& s : sections_)
            if (s.id == section_id) return Error{at(row.location) + ": section " + section_id + " appears twice"};
        const StatedCounts counts = read_counts(section_title);
        sections_.push_back({section_id, counts.title, row.location, counts.tasks, counts.groups, 0, 0});
        open_headings_.clear();
        return {};
    }

    if (number.empty()) {
        // A continuation row: its cells belong to the previous task.
        const bool heading_since_task =
            !open_headings_.empty() && !plan_.tasks.empty() && last_task_row_ < headings_[open_headings_.back()].row;
        if (plan_.tasks.empty() || heading_since_task)
            return Error{at(row.location) + ": a row with no number and no task before it to continue"};
        ParsedTask& task = plan_.tasks.back();
        task.title = join_cell(task.title, cells[PlanColumn::kTask]);
        task.lead = join_cell(task.lead, cells[PlanColumn::kLead]);
        task.cooperating = join_cell(task.cooperating, cells[PlanColumn::kCooperating]);
        task.product = join_cell(task.product, cells[PlanColumn::kProduct]);
        task.deadline = join_cell(task.deadline, cells[PlanColumn::kDeadline]);
        return {};
    }

    if (!is_task_number(number))
        return refused(PlanMessageKind::kUnrecognisedRowNumber, row.location, "", number,
                       "unrecognised row number \"" + number + "\"");
    if (sections_.empty())
        return Error{at(row.location) + ": task " + number + " comes before any section row (\"I. …\")"};
    Section& section = sections_.back();

    if (no_details) {
        // A heading: a group of section II, or a parent task whose sub-rows are the tasks.
        const StatedCounts counts = read_counts(cells[PlanColumn::kTask]);
        close_headings_above(number);
        open_headings_.push_back(headings_.size());
        headings_.push_back({section.id + "." + number, number, counts.title, row.location, index, counts.tasks, 0});
        if (open_headings_.size() == 1) ++section.groups;
        return {};
    }

    close_headings_above(number);
    const std::string code = section.id + "." + number;
    if (!codes_.insert(code).second)
        return refused(PlanMessageKind::kDuplicateTask, row.location, code, "", "task " + code + " appears twice");
    ParsedTask task;
    task.code = code;
    task.line = row.line;
    task.location = row.location;
    task.section_title = section.title;
    task.group_title = open_headings_.empty() ? "" : headings_[open_headings_.front()].title;
    task.title = std::move(cells[PlanColumn::kTask]);
    task.lead = std::move(cells[PlanColumn::kLead]);
    task.cooperating = std::move(cells[PlanColumn::kCooperating]);
    task.product = std::move(cells[PlanColumn::kProduct]);
    task.deadline = std::move(cells[PlanColumn::kDeadline]);
    plan_.tasks.push_back(std::move(task));
    last_task_row_ = index;
    ++section.tasks;
    for (size_t heading : open_headings_) ++headings_[heading].tasks;
    return {};
}

void TableReader::check_counts() {
    for (auto& task : plan_.tasks) task.precondition = find_precondition(task.title);
    for (const auto& heading : headings_) {
        if (heading.stated_tasks && *heading.stated_tasks != heading.tasks)
            warn(heading.location, "group " + heading.code + " (" + heading.title + ") states " +
                                       std::to_string(*heading.stated_tasks) + " tasks, the table has " +
                                       std::to_string(heading.tasks));
    }
    int total = 0;
    for (const auto& section : sections_) {
        total += section.tasks;
        if (section.stated_tasks && *section.stated_tasks != section.tasks)
            warn(section.location, "section " + section.id + " states " + std::to_string(*section.stated_tasks) +
                                       " tasks, the table has " + std::to_string(section.tasks));
        if (section.stated_groups && *section.stated_groups != section.groups)
            warn(section.location, "section " + section.id + " states " + std::to_string(*section.stated_groups) +
                                       " groups, the table has " + std::to_string(section.groups));
    }
    if (stated_total_ && *stated_total_ != total)
        warn(stated_total_location_, "the plan states " + std::to_string(*stated_total_) +
                                         " tasks in total, the table has " + std::to_string(total));
}

}  // namespace

std::optional<std::string> find_precondition(std::string_view title) {
    // Most titles have no "khi" at all; only those are worth folding.
    if (title.find("khi") == std::string_view::npos && title.find("KHI") == std::string_view::npos &&
        title.find("Khi") == std::string_view::npos)
        return std::nullopt;
    static const std::string marker = text::fold("sau khi");
    const std::string folded = text::fold(title);
    size_t at = 0;
    while ((at = folded.find(marker, at)) != std::string::npos) {
        const bool word_start = at == 0 || folded[at - 1] == ' ' || folded[at - 1] == ',' || folded[at - 1] == '(';
        if (word_start) break;
        at += marker.size();
    }
    if (at == std::string::npos) return std::nullopt;
    // The folded text has the same words as the title; find the clause's start
    // in the title by counting words.
    const size_t words_before = static_cast<size_t>(std::count(folded.begin(), folded.begin() + at, ' '));
    const std::string clean = text::collapse_whitespace(title);
    size_t start = 0;
    for (size_t w = 0; w < words_before; ++w) start = clean.find(' ', start) + 1;
    // The marker may follow a ',' or '(' inside its word ("hiện đại,sau khi …"): start after the last of them.
    const size_t word_begin = at == 0 ? 0 : folded.find_last_of(' ', at - 1) + 1;  // npos + 1 == 0
    const auto separators = std::count_if(folded.begin() + static_cast<long>(word_begin),
                                          folded.begin() + static_cast<long>(at),
                                          [](char c) { return c == ',' || c == '('; });
    for (long s = 0; s < separators; ++s) start = clean.find_first_of(",(", start) + 1;
    std::string clause = clean.substr(start);
    // The clause runs to the end of its sentence.
    for (size_t i = 0; i + 1 < clause.size(); ++i) {
        if (clause[i] == '.' && clause[i + 1] == ' ') {
            clause.resize(i);
            break;
        }
    }
    while (!clause.empty() && (clause.back() == '.' || clause.back() == ';' || clause.back() == ' ')) clause.pop_back();
    return clause;
}

Result<ParsedPlan> interpret_plan(const PlanDocument& document, PlanMessage* refusal) {
    PlanMessage classified;
    TableReader reader(document, &classified);
    auto plan = reader.read();
    if (!plan && refusal)
        *refusal = classified.text.empty() ? other_message(plan.error(), document.source) : std::move(classified);
    return plan;
}

Result<ParsedPlan> parse_plan(std::string_view bytes, std::string_view source) {
    auto document = read_text_plan(bytes, source);
    if (!document) return document.error();
    return interpret_plan(*document);
}

Result<ParsedPlan> read_plan_file(const std::string& path) {
    auto bytes = read_text_file(path, kMaxPlanFileBytes);
    if (!bytes) return bytes.error();
    auto document = read_plan_document(std::move(*bytes), path);
    if (!document) return document.error();
    return interpret_plan(*document);
}

}  // namespace nhacviec
