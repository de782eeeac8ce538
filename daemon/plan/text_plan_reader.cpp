#include "plan/text_plan_reader.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "common/text.h"
#include "plan/column_wordings.h"

namespace nhacviec {
namespace {

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

TableRow row_of(const Line& line, std::vector<std::string> cells) {
    TableRow row;
    row.cells.reserve(cells.size());
    for (auto& cell : cells) row.cells.push_back(TableCell{{std::move(cell)}});
    row.location = std::to_string(line.number);
    row.line = line.number;
    return row;
}

// The table's rows from its header at lines[header]: blank lines (page
// breaks) skipped, text after the last row ignored.
std::vector<TableRow> table_rows(const std::vector<Line>& lines, size_t header) {
    std::vector<TableRow> rows;
    const std::vector<std::string> header_cells = split_tabs(lines[header].text);
    const size_t width = header_cells.size();
    rows.push_back(row_of(lines[header], header_cells));
    std::optional<size_t> pending_text_line;  // a line without cells inside the table
    for (size_t i = header + 1; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (text::collapse_whitespace(line.text).empty()) continue;
        auto cells = split_tabs(line.text);
        if (cells.size() == 1) {
            // Text after the table ends it; text between rows is an error.
            if (!pending_text_line) pending_text_line = i;
            continue;
        }
        if (pending_text_line) {
            const Line& bad = lines[*pending_text_line];
            TableRow row = row_of(bad, {});
            row.reader_error = "a line without tabs inside the appendix table (\"" +
                               text::shorten(text::collapse_whitespace(bad.text), 40) + "\"); each row has " +
                               std::to_string(width) + " cells separated by tabs";
            rows.push_back(std::move(row));
            break;
        }
        const bool header_row = is_header_row(cells);
        TableRow row = row_of(line, std::move(cells));
        if (!header_row && row.cells.size() != width)
            row.reader_error = "a table row with " + std::to_string(row.cells.size()) + " cells; expected " +
                               std::to_string(width) + (i + 1 == lines.size() ? " (is the file cut off?)" : "");
        const bool stop = !row.reader_error.empty();
        rows.push_back(std::move(row));
        if (stop) break;
    }
    return rows;
}

}  // namespace

Result<PlanDocument> read_text_plan(std::string_view bytes, std::string_view source, PlanMessage* refusal) {
    const std::string file(source);
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
        return refuse({PlanMessageKind::kEmptyFile, file, "", "", "", 0, file + ": the file is empty"}, refusal);
    // UTF-16 (what some editors call "Unicode"), by its byte-order mark.
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")
        return refuse({PlanMessageKind::kUtf16, file, "1", "", "", 0, file + ":1: UTF-16 text; save the document as UTF-8 first"},
                      refusal);
    // A binary file first: its bytes are rarely valid UTF-8 either.
    if (const size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        const size_t line_start = bytes.rfind('\n', nul);
        const size_t column = nul - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
        const auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<long>(nul), '\n');
        return refuse({PlanMessageKind::kNotText, file, std::to_string(line), "", "", 0,
                       file + ":" + std::to_string(line) + ": not a text file (a NUL byte at column " +
                           std::to_string(column) + ")"},
                      refusal);
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
        if (auto bad = text::first_invalid_utf8(raw)) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(raw[*bad]));
            const std::string location = std::to_string(number) + ":" + std::to_string(*bad + 1);
            return refuse({PlanMessageKind::kNotUtf8, file, location, "", hex, 0,
                           file + ":" + location + ": not UTF-8 (byte " + hex +
                               "); convert legacy encodings (TCVN3, VNI, Windows-1258) to UTF-8 first"},
                          refusal);
        }
        lines.push_back({number, text::to_nfc(raw)});
        if (end == bytes.size()) break;
        start = end + 1;
    }

    PlanDocument document;
    document.source = std::string(source);
    document.header_expected = "a tab-separated header row starting with \"TT\"";
    for (const Line& line : lines) {
        if (line.text.find('\t') != std::string::npos) break;
        document.preamble.push_back({line.text, std::to_string(line.number)});
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].text.find('\t') == std::string::npos || !is_header_row(split_tabs(lines[i].text))) continue;
        document.rows = table_rows(lines, i);
        break;
    }
    return document;
}

}  // namespace nhacviec
