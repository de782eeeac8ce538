// The periodic report as an Excel workbook, written with libxlsxwriter: a
// summary sheet, one sheet per category, one per lead agency summary; Times
// New Roman, A4, the header row frozen and repeated on each printed page,
// counts and days as numbers, dates as dates.
#include <xlsxwriter.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "report/report_file.h"

namespace nhacviec {
namespace {

constexpr const char* kFont = "Times New Roman";
constexpr double kFontSize = 13;
constexpr uint8_t kPaperA4 = 9;

// Text for a cell: characters XML 1.0 cannot carry (C0 controls but tab and
// line feed) are left out.
std::string cell_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    return out;
}

std::vector<std::string_view> split_on(std::string_view text, char separator) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        const size_t end = text.find(separator, start);
        out.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

lxw_datetime excel_date(Date d) {
    return lxw_datetime{static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
                        static_cast<int>(static_cast<unsigned>(d.day())), 0, 0, 0};
}

struct Formats {
    lxw_format* title;
    lxw_format* subtitle;
    lxw_format* header;
    lxw_format* text;
    lxw_format* centered;
    lxw_format* number;
    lxw_format* percent;
    lxw_format* date;
};

lxw_format* base_format(lxw_workbook* book) {
    lxw_format* f = workbook_add_format(book);
    format_set_font_name(f, kFont);
    format_set_font_size(f, kFontSize);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

lxw_format* cell_format(lxw_workbook* book) {
    lxw_format* f = base_format(book);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    return f;
}

Formats make_formats(lxw_workbook* book) {
    Formats f{};
    f.title = base_format(book);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    format_set_text_wrap(f.title);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    f.subtitle = base_format(book);
    format_set_italic(f.subtitle);
    format_set_text_wrap(f.subtitle);
    format_set_align(f.subtitle, LXW_ALIGN_CENTER);
    f.header = cell_format(book);
    format_set_bold(f.header);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    f.text = cell_format(book);
    f.centered = cell_format(book);
    format_set_align(f.centered, LXW_ALIGN_CENTER);
    f.number = cell_format(book);
    format_set_align(f.number, LXW_ALIGN_CENTER);
    format_set_num_format(f.number, "0");
    f.percent = cell_format(book);
    format_set_align(f.percent, LXW_ALIGN_CENTER);
    format_set_num_format(f.percent, "0.0");
    f.date = cell_format(book);
    format_set_align(f.date, LXW_ALIGN_CENTER);
    format_set_num_format(f.date, "dd/mm/yyyy");
    return f;
}

// A4, the given orientation, fitted to the page width, the sheet's name in
// the header (a category's sheet starts with its table's header row, so a
// printed page says which category it lists), page numbers in the footer.
void page_setup(lxw_worksheet* sheet, bool landscape, lxw_row_t header_row) {
    worksheet_set_paper(sheet, kPaperA4);
    if (landscape) worksheet_set_landscape(sheet);
    worksheet_set_margins(sheet, 0.6, 0.4, 0.8, 0.8);
    worksheet_fit_to_pages(sheet, 1, 0);
    worksheet_center_horizontally(sheet);
    worksheet_set_header(sheet, "&C&A");
    worksheet_set_footer(sheet, "&CTrang &P/&N");
    worksheet_repeat_rows(sheet, header_row, header_row);
    worksheet_freeze_panes(sheet, header_row + 1, 0);
}

// A row's height for its wrapped cells, since not every spreadsheet program
// fits rows to their text when it opens a file: the lines the longest cell
// needs in its column (about 1.25 characters of Times New Roman 13 pt per
// unit of width, which counts the default font's digits; the text wraps at
// spaces), 17 points each.
double row_height(const std::vector<std::pair<std::string_view, double>>& cells) {
    size_t lines = 1;
    for (const auto& [text, width] : cells) {
        const auto per_line = static_cast<size_t>(std::max(1.0, width * 1.25));
        size_t cell_lines = 0;
        for (const std::string_view paragraph : split_on(text, '\n')) {
            // Words filled into lines of per_line characters.
            size_t used = 0;
            ++cell_lines;
            for (const std::string_view word : split_on(paragraph, ' ')) {
                const size_t length = text::decode_utf8(word).size();
                if (used > 0 && used + 1 + length > per_line) ++cell_lines, used = 0;
                used += (used > 0 ? 1 : 0) + length;
                while (used > per_line) ++cell_lines, used -= per_line;
            }
        }
        lines = std::max(lines, cell_lines);
    }
    return 17.0 * static_cast<double>(lines);
}

// The header row: the columns' widths, their names in bold, wrapped, the row
// as high as its longest name needs.
void header_row(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::pair<const char*, double>>& columns,
                const Formats& f) {
    std::vector<std::pair<std::string_view, double>> names;
    for (size_t i = 0; i < columns.size(); ++i) {
        const auto col = static_cast<lxw_col_t>(i);
        worksheet_set_column(sheet, col, col, columns[i].second, nullptr);
        worksheet_write_string(sheet, row, col, columns[i].first, f.header);
        // Bold letters and the cell's padding take more room: 0.7 of the width for the names.
        names.emplace_back(columns[i].first, columns[i].second * 0.7);
    }
    worksheet_set_row(sheet, row, row_height(names), nullptr);
}

void optional_date(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::optional<Date>& d,
                   const Formats& f) {
    if (!d) {
        worksheet_write_blank(sheet, row, col, f.date);
        return;
    }
    lxw_datetime value = excel_date(*d);
    worksheet_write_datetime(sheet, row, col, &value, f.date);
}

void summary_sheet(lxw_workbook* book, const PeriodReport& r, const Formats& f) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Tổng hợp");
    const lxw_row_t header = 4;
    header_row(sheet, header, {{"Tình trạng", 34}, {"Số nhiệm vụ", 14}, {"Tỷ lệ (%)", 12}}, f);
    // The lines above the table span its three columns and wrap within them, so that they print on the page.
    const std::string as_of = "Kỳ báo cáo: " + r.period.label + "; số liệu tính đến ngày " +
                              format_vietnamese_date(r.as_of) +
                              (r.period_ended ? ", ngày cuối kỳ báo cáo" : ", kỳ báo cáo chưa kết thúc");
    const std::pair<std::string, lxw_format*> lines[] = {
        {r.authority + " - " + r.monitoring, f.subtitle},
        {"BÁO CÁO tình hình thực hiện " + plans_in_words(r), f.title},
        {as_of, f.subtitle}};
    for (lxw_row_t i = 0; i < 3; ++i) {
        const std::string text = cell_text(lines[i].first);
        worksheet_merge_range(sheet, i, 0, i, 2, text.c_str(), lines[i].second);
        worksheet_set_row(sheet, i, row_height({{text, 60 * (i == 1 ? 0.8 : 0.9)}}), nullptr);
    }
    lxw_row_t row = header + 1;
    for (const auto& c : r.categories) {
        worksheet_write_string(sheet, row, 0, std::string(label(c.category)).c_str(), f.text);
        worksheet_write_number(sheet, row, 1, static_cast<double>(c.count), f.number);
        if (c.percent) worksheet_write_number(sheet, row, 2, *c.percent, f.percent);
        else worksheet_write_blank(sheet, row, 2, f.percent);
        ++row;
    }
    worksheet_write_string(sheet, row, 0, "Tổng số nhiệm vụ", f.header);
    worksheet_write_number(sheet, row, 1, static_cast<double>(r.total), f.number);
    worksheet_write_blank(sheet, row, 2, f.percent);
    ++row;
    worksheet_write_string(sheet, row, 0, "Nhiệm vụ có thời hạn", f.header);
    worksheet_write_number(sheet, row, 1, static_cast<double>(r.with_deadline), f.number);
    worksheet_write_blank(sheet, row, 2, f.percent);
    page_setup(sheet, false, header);
}

void category_sheet(lxw_workbook* book, const PeriodReportCategory& c, const Formats& f) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, std::string(label(c.category)).c_str());
    header_row(sheet, 0,
               {{"Mã nhiệm vụ", 9}, {"Kế hoạch", 12}, {"Tên nhiệm vụ", 42}, {"Cơ quan chủ trì", 22},
                {"Thời hạn", 14}, {"Hạn xử lý", 12}, {"Tình trạng", 22}, {"Số, ký hiệu văn bản báo cáo", 14},
                {"Ngày văn bản", 12}, {"Số ngày quá hạn", 9}},
               f);
    lxw_row_t row = 1;
    for (const auto& t : c.rows) {
        worksheet_set_row(sheet, row, row_height({{t.title, 42}, {t.lead, 22}, {t.deadline, 14}, {t.status_label, 22}}),
                          nullptr);
        worksheet_write_string(sheet, row, 0, cell_text(t.id).c_str(), f.centered);
        worksheet_write_string(sheet, row, 1, cell_text(t.plan).c_str(), f.centered);
        worksheet_write_string(sheet, row, 2, cell_text(t.title).c_str(), f.text);
        worksheet_write_string(sheet, row, 3, cell_text(t.lead).c_str(), f.text);
        worksheet_write_string(sheet, row, 4, cell_text(t.deadline).c_str(), f.text);
        optional_date(sheet, row, 5, t.due, f);
        worksheet_write_string(sheet, row, 6, cell_text(t.status_label).c_str(), f.text);
        if (t.report_number.empty()) worksheet_write_blank(sheet, row, 7, f.centered);
        else worksheet_write_string(sheet, row, 7, cell_text(t.report_number).c_str(), f.centered);
        optional_date(sheet, row, 8, t.report_date, f);
        if (t.days_late) worksheet_write_number(sheet, row, 9, *t.days_late, f.number);
        else worksheet_write_blank(sheet, row, 9, f.number);
        ++row;
    }
    page_setup(sheet, true, 0);
}

void agency_sheet(lxw_workbook* book, const PeriodReport& r, const Formats& f) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Theo cơ quan chủ trì");
    header_row(sheet, 0,
               {{"STT", 6}, {"Cơ quan chủ trì", 48}, {"Số nhiệm vụ", 12}, {"Hoàn thành đúng hạn", 14},
                {"Hoàn thành quá hạn", 14}, {"Quá hạn", 10}},
               f);
    lxw_row_t row = 1;
    for (const auto& a : r.agencies) {
        worksheet_set_row(sheet, row, row_height({{a.name, 48}}), nullptr);
        worksheet_write_number(sheet, row, 0, row, f.number);
        worksheet_write_string(sheet, row, 1, cell_text(a.name).c_str(), f.text);
        worksheet_write_number(sheet, row, 2, static_cast<double>(a.tasks), f.number);
        worksheet_write_number(sheet, row, 3, static_cast<double>(a.on_time), f.number);
        worksheet_write_number(sheet, row, 4, static_cast<double>(a.late), f.number);
        worksheet_write_number(sheet, row, 5, static_cast<double>(a.overdue), f.number);
        ++row;
    }
    page_setup(sheet, false, 0);
}

}  // namespace

Status write_report_xlsx(const PeriodReport& report, const std::filesystem::path& path) {
    lxw_workbook* book = workbook_new(path.c_str());
    if (!book) return Error{"cannot create the workbook"};
    const Formats formats = make_formats(book);
    summary_sheet(book, report, formats);
    for (const auto& c : report.categories) category_sheet(book, c, formats);
    agency_sheet(book, report, formats);
    const lxw_error closed = workbook_close(book);
    if (closed != LXW_NO_ERROR) return Error{lxw_strerror(closed)};
    return {};
}

}  // namespace nhacviec
