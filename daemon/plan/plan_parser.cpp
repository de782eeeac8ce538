#include "plan/plan_parser.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "common/text.h"
#include "common/text_file.h"

namespace nhacviec {
namespace {

// The six columns of the appendix, in the order the table is read into.
enum Column { kNumber, kTitle, kLead, kCooperating, kProduct, kDeadline, kColumnCount };

struct Line {
    int number;
    std::string text;  // NFC, without the line break
};

std::vector<std::string> split_tabs(std::string_view line) {
    std::vector<std::string> cells;
    size_t start = 0;
    while (true) {
        const size_t tab = line.find('\t', start);
        cells.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return cells;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Whether a folded cell heads the number column: "TT", "STT", "Số TT", "Số thứ tự".
bool is_number_heading(const std::string& folded_cell) {
    static const std::string written_out = text::fold("Số thứ tự");
    return folded_cell == "tt" || folded_cell == "stt" || folded_cell == "số tt" || folded_cell == written_out;
}

// Maps each header cell to a column by its wording; nullopt when the header
// does not name all six columns exactly once.
std::optional<std::vector<Column>> map_header(const std::vector<std::string>& cells) {
    // The wordings of each column's heading, folded once.
    const auto folded = [](std::initializer_list<std::string_view> phrases) {
        std::vector<std::string> out;
        for (const auto phrase : phrases) out.push_back(text::fold(phrase));
        return out;
    };
    static const std::vector<std::pair<Column, std::vector<std::string>>> wordings = {
        {kLead, folded({"chủ trì"})},
        {kCooperating, folded({"phối hợp"})},
        {kProduct, folded({"sản phẩm", "kết quả"})},
        {kDeadline, folded({"thời gian", "thời hạn", "tiến độ"})},
        {kTitle, folded({"nhiệm vụ", "nội dung", "công việc"})},
    };
    std::vector<Column> columns;
    std::set<Column> seen;
    for (const auto& cell : cells) {
        const std::string key = text::fold(text::strip_markup(cell));
        std::optional<Column> column;
        if (is_number_heading(key)) column = kNumber;
        for (const auto& [candidate, phrases] : wordings) {
            if (column) break;
            for (const auto& phrase : phrases)
                if (contains(key, phrase)) column = candidate;
        }
        if (!column) return std::nullopt;
        if (!seen.insert(*column).second) return std::nullopt;
        columns.push_back(*column);
    }
    if (seen.size() != kColumnCount) return std::nullopt;
    return columns;
}

bool is_header_candidate(const std::vector<std::string>& cells) {
    if (cells.size() < 2) return false;
    return is_number_heading(text::fold(text::strip_markup(cells[0])));
}

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

std::string clean_cell(const std::string& raw) { return text::strip_markup(raw); }

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

class TableReader {
public:
    TableReader(std::string_view source, std::vector<Line> lines) : source_(source), lines_(std::move(lines)) {}

    Result<ParsedPlan> read();

private:
    std::string at(int line) const { return std::string(source_) + ":" + std::to_string(line); }
    Status read_preamble();
    Status read_rows(size_t first_header);
    Status take_row(const Line& line, const std::vector<std::string>& cells);
    void check_counts();
    // Closes the open headings that `number` ("2.1") is not a sub-row of.
    void close_headings_above(const std::string& number) {
        while (!open_headings_.empty() &&
               !starts_with(number, headings_[open_headings_.back()].number + "."))
            open_headings_.pop_back();
    }

    std::string_view source_;
    std::vector<Line> lines_;
    ParsedPlan plan_;
    std::vector<Column> columns_;
    std::optional<int> stated_total_;
    int stated_total_line_ = 0;

    // Where the reader is in the table.
    struct Section {
        std::string id;
        std::string title;
        int line;
        std::optional<int> stated_tasks;
        std::optional<int> stated_groups;
        int tasks = 0;
        int groups = 0;
    };
    struct Heading {
        std::string code;    // "II.1"
        std::string number;  // "1"
        std::string title;
        int line;
        std::optional<int> stated_tasks;
        int tasks = 0;
    };
    std::vector<Section> sections_;
    std::vector<Heading> headings_;      // every heading row, for the count check
    std::vector<size_t> open_headings_;  // indices into headings_: the current heading and its parents
    std::set<std::string> codes_;
    bool after_page_break_ = false;
};

Result<ParsedPlan> TableReader::read() {
    if (auto status = read_preamble(); !status) return status.error();
    size_t header = lines_.size();
    for (size_t i = 0; i < lines_.size(); ++i) {
        const auto cells = split_tabs(lines_[i].text);
        if (!is_header_candidate(cells)) continue;
        auto columns = map_header(cells);
        if (!columns)
            return Error{at(lines_[i].number) +
                         ": the table header does not name the six columns (number, task, lead agency, "
                         "cooperating agencies, product, deadline)"};
        columns_ = *columns;
        header = i;
        break;
    }
    if (header == lines_.size())
        return Error{std::string(source_) +
                     ": no appendix table: expected a tab-separated header row starting with \"TT\""};
    if (auto status = read_rows(header); !status) return status.error();
    if (plan_.tasks.empty())
        return Error{at(lines_[header].number) + ": the appendix table has no tasks"};
    check_counts();
    return std::move(plan_);
}

Status TableReader::read_preamble() {
    std::optional<std::string> number;
    std::optional<Date> date;
    bool appendix = false;
    for (const auto& line : lines_) {
        if (line.text.find('\t') != std::string::npos) break;
        static const std::string appendix_heading = text::fold("PHỤ LỤC");
        static const std::string total_prefix = text::fold("Tổng số");
        static const std::string tasks_noun = text::fold("nhiệm vụ");
        const Words words(line.text);
        const std::string& folded = words.folded_line;
        if (!number) number = plan_number_from_line(words);
        if (!date) date = written_date(words);
        number_and_date_from_reference(words, number, date);
        if (folded == appendix_heading) {
            appendix = true;
        } else if (appendix && plan_.info.title.empty() && !folded.empty()) {
            plan_.info.title = text::collapse_whitespace(line.text);
        }
        if (starts_with(folded, total_prefix)) {
            if (auto total = number_before(folded, tasks_noun)) {
                stated_total_ = total;
                stated_total_line_ = line.number;
            }
        }
    }
    if (!number)
        return Error{std::string(source_) + ": no plan number: expected a line such as \"Số: 90/KH-UBND\""};
    if (!date)
        return Error{std::string(source_) + ": no date of issue: expected \"…, ngày 20 tháng 3 năm 2026\""};
    plan_.info.number = *number;
    plan_.info.issued_on = date;
    plan_.info.year = static_cast<int>(date->year());
    if (plan_.info.title.empty()) plan_.info.title = "Kế hoạch số " + *number;
    return {};
}

Status TableReader::read_rows(size_t first_header) {
    std::optional<size_t> pending_text_line;  // a line without cells inside the table
    for (size_t i = first_header + 1; i < lines_.size(); ++i) {
        const Line& line = lines_[i];
        if (text::collapse_whitespace(line.text).empty()) {
            after_page_break_ = true;
            continue;
        }
        const auto cells = split_tabs(line.text);
        if (cells.size() == 1) {
            // Text after the table ends it; text between rows is an error below.
            if (!pending_text_line) pending_text_line = i;
            continue;
        }
        if (pending_text_line) {
            const Line& bad = lines_[*pending_text_line];
            return Error{at(bad.number) + ": a line without tabs inside the appendix table (" +
                         "\"" + text::shorten(text::collapse_whitespace(bad.text), 40) + "\"); each row has " +
                         std::to_string(kColumnCount) + " cells separated by tabs"};
        }
        if (is_header_candidate(cells)) {
            if (!map_header(cells))
                return Error{at(line.number) + ": a repeated table header that does not name the six columns"};
            after_page_break_ = true;
            continue;
        }
        if (cells.size() != static_cast<size_t>(kColumnCount))
            return Error{at(line.number) + ": a table row with " + std::to_string(cells.size()) + " cells; expected " +
                         std::to_string(kColumnCount) +
                         (i + 1 == lines_.size() ? " (is the file cut off?)" : "")};
        if (auto status = take_row(line, cells); !status) return status;
        after_page_break_ = false;
    }
    return {};
}

Status TableReader::take_row(const Line& line, const std::vector<std::string>& raw) {
    std::vector<std::string> cells(kColumnCount);
    for (size_t k = 0; k < raw.size(); ++k) cells[columns_[k]] = clean_cell(raw[k]);
    const std::string& number = cells[kNumber];
    const bool no_details = cells[kLead].empty() && cells[kCooperating].empty() && cells[kProduct].empty() &&
                            cells[kDeadline].empty();

    // A section row: "I. Nhiệm vụ chung (11 nhiệm vụ)" in the first cell, or "I" with the title beside it.
    std::string section_id, section_title;
    const size_t dot = number.find('.');
    if (dot != std::string::npos && is_roman(number.substr(0, dot)) && cells[kTitle].empty()) {
        section_id = number.substr(0, dot);
        section_title = text::collapse_whitespace(number.substr(dot + 1));
    } else if (!number.empty() && is_roman(number.back() == '.' ? number.substr(0, number.size() - 1) : number)) {
        section_id = number.back() == '.' ? number.substr(0, number.size() - 1) : number;
        section_title = cells[kTitle];
    }
    if (!section_id.empty()) {
        for (const auto& s : sections_)
            if (s.id == section_id) return Error{at(line.number) + ": section " + section_id + " appears twice"};
        const StatedCounts counts = read_counts(section_title);
        sections_.push_back({section_id, counts.title, line.number, counts.tasks, counts.groups, 0, 0});
        open_headings_.clear();
        return {};
    }

    if (number.empty()) {
        // A continuation row: its cells belong to the previous task.
        const bool heading_since_task =
            !open_headings_.empty() && !plan_.tasks.empty() && plan_.tasks.back().line < headings_[open_headings_.back()].line;
        if (plan_.tasks.empty() || heading_since_task)
            return Error{at(line.number) + ": a row with no number and no task before it to continue"};
        ParsedTask& task = plan_.tasks.back();
        task.title = join_cell(task.title, cells[kTitle]);
        task.lead = join_cell(task.lead, cells[kLead]);
        task.cooperating = join_cell(task.cooperating, cells[kCooperating]);
        task.product = join_cell(task.product, cells[kProduct]);
        task.deadline = join_cell(task.deadline, cells[kDeadline]);
        return {};
    }

    if (!is_task_number(number))
        return Error{at(line.number) + ": unrecognised row number \"" + number + "\""};
    if (sections_.empty())
        return Error{at(line.number) + ": task " + number + " comes before any section row (\"I. …\")"};
    Section& section = sections_.back();

    if (no_details) {
        // A heading: a group of section II, or a parent task whose sub-rows are the tasks.
        const StatedCounts counts = read_counts(cells[kTitle]);
        close_headings_above(number);
        open_headings_.push_back(headings_.size());
        headings_.push_back({section.id + "." + number, number, counts.title, line.number, counts.tasks, 0});
        if (open_headings_.size() == 1) ++section.groups;
        return {};
    }

    close_headings_above(number);
    const std::string code = section.id + "." + number;
    if (!codes_.insert(code).second) return Error{at(line.number) + ": task " + code + " appears twice"};
    ParsedTask task;
    task.code = code;
    task.line = line.number;
    task.section_title = section.title;
    task.group_title = open_headings_.empty() ? "" : headings_[open_headings_.front()].title;
    task.title = cells[kTitle];
    task.lead = cells[kLead];
    task.cooperating = cells[kCooperating];
    task.product = cells[kProduct];
    task.deadline = cells[kDeadline];
    plan_.tasks.push_back(std::move(task));
    ++section.tasks;
    for (size_t index : open_headings_) ++headings_[index].tasks;
    return {};
}

void TableReader::check_counts() {
    for (auto& task : plan_.tasks) task.precondition = find_precondition(task.title);
    for (const auto& heading : headings_) {
        if (heading.stated_tasks && *heading.stated_tasks != heading.tasks)
            plan_.warnings.push_back(at(heading.line) + ": group " + heading.code + " (" + heading.title + ") states " +
                                     std::to_string(*heading.stated_tasks) + " tasks, the table has " +
                                     std::to_string(heading.tasks));
    }
    int total = 0;
    for (const auto& section : sections_) {
        total += section.tasks;
        if (section.stated_tasks && *section.stated_tasks != section.tasks)
            plan_.warnings.push_back(at(section.line) + ": section " + section.id + " states " +
                                     std::to_string(*section.stated_tasks) + " tasks, the table has " +
                                     std::to_string(section.tasks));
        if (section.stated_groups && *section.stated_groups != section.groups)
            plan_.warnings.push_back(at(section.line) + ": section " + section.id + " states " +
                                     std::to_string(*section.stated_groups) + " groups, the table has " +
                                     std::to_string(section.groups));
    }
    if (stated_total_ && *stated_total_ != total)
        plan_.warnings.push_back(at(stated_total_line_) + ": the plan states " + std::to_string(*stated_total_) +
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

Result<ParsedPlan> parse_plan(std::string_view bytes, std::string_view source) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
        return Error{std::string(source) + ": the file is empty"};
    // UTF-16 (what some editors call "Unicode"), by its byte-order mark.
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")
        return Error{std::string(source) + ":1: UTF-16 text; save the document as UTF-8 first"};
    // A binary file first: its bytes are rarely valid UTF-8 either.
    if (const size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        const size_t line_start = bytes.rfind('\n', nul);
        const size_t column = nul - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
        const auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<long>(nul), '\n');
        return Error{std::string(source) + ":" + std::to_string(line) + ": not a text file (a NUL byte at column " +
                     std::to_string(column) + ")"};
    }
    // Locate problems by line before anything else.
    std::vector<Line> lines;
    int number = 0;
    size_t start = 0;
    while (start <= bytes.size()) {
        size_t end = bytes.find('\n', start);
        if (end == std::string_view::npos) end = bytes.size();
        std::string_view raw = bytes.substr(start, end - start);
        ++number;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        const std::string where = std::string(source) + ":" + std::to_string(number);
        if (auto bad = text::first_invalid_utf8(raw)) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(raw[*bad]));
            return Error{where + ":" + std::to_string(*bad + 1) + ": not UTF-8 (byte " + hex +
                         "); convert legacy encodings (TCVN3, VNI, Windows-1258) to UTF-8 first"};
        }
        lines.push_back({number, text::to_nfc(raw)});
        if (end == bytes.size()) break;
        start = end + 1;
    }
    TableReader reader(source, std::move(lines));
    return reader.read();
}

Result<ParsedPlan> read_plan_file(const std::string& path) {
    const auto bytes = read_text_file(path, kMaxPlanFileBytes);
    if (!bytes) return bytes.error();
    return parse_plan(*bytes, path);
}

}  // namespace nhacviec
