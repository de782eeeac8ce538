#include "plan/xlsx_plan_reader.h"

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>

#include "common/date.h"
#include "common/text.h"
#include "plan/column_wordings.h"
#include "plan/office_package.h"

namespace nhacviec {
namespace {

// The largest sheet the reader takes: Excel's own limits.
constexpr int kMaxRow = 1'048'576;
constexpr int kMaxColumn = 16'384;

// An element's name without its namespace prefix ("x:row" → "row").
std::string_view local_name(const pugi::xml_node& node) {
    std::string_view name = node.name();
    const size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The children of `node` with that local name.
std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element && local_name(child) == name) out.push_back(child);
    return out;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == name) return c;
    return {};
}

// An attribute by local name ("r:id" as "id" when `prefixed`).
std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        std::string_view n = a.name();
        const size_t colon = n.find(':');
        if (colon != std::string_view::npos) n = n.substr(colon + 1);
        if (n == name) return a.value();
    }
    return {};
}

// An attribute's whole value as a number; `fallback` when it is not one (empty, "abc", "99999999999").
int integer(std::string_view text, int fallback = 0) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() ? value : fallback;
}

// How deep the reader follows elements inside a string item (<si><r><t>):
// Excel nests three; the rest of a hostile nesting is not read.
constexpr int kMaxTextDepth = 16;

// The text of the <t> elements under `node`, in order, without phonetic runs (<rPh>).
void append_text(const pugi::xml_node& node, std::string& out, int depth = 0) {
    if (depth > kMaxTextDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string_view name = local_name(c);
        if (name == "t") out += c.text().get();
        else if (name != "rPh") append_text(c, out, depth + 1);
    }
}

struct Workbook {
    const OfficePackage& package;
    std::string source;
    std::vector<std::string> shared_strings;
    std::set<int> date_styles;  // indices of cellXfs that show a date
    bool date1904 = false;
};

Result<pugi::xml_document> load_xml(const OfficePackage& package, const std::string& source, std::string_view part,
                                    std::string& storage) {
    auto bytes = package.read(part);
    if (!bytes) return bytes.error();
    storage = std::move(*bytes);
    pugi::xml_document document;
    // A value's or a string's text is kept in its <v> or <t> element rather
    // than in a node of its own: a third fewer nodes in a worksheet's tree.
    const auto parsed = document.load_buffer_inplace(storage.data(), storage.size(),
                                                     pugi::parse_default | pugi::parse_embed_pcdata,
                                                     pugi::encoding_utf8);
    if (!parsed)
        return Error{source + ": part \"" + std::string(part) + "\" is not well-formed XML (" + parsed.description() +
                     " at byte " + std::to_string(parsed.offset) + ")"};
    return document;
}

// Whether a number format shows a date: the built-in date formats, or a
// custom code with a day or year outside quoted text and [colour] sections.
bool is_date_format(int id, std::string_view code) {
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
    bool quoted = false;
    int bracket = 0;
    for (const char c : code) {
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == '[') ++bracket;
        else if (c == ']') bracket = bracket > 0 ? bracket - 1 : 0;
        else if (bracket == 0 && (c == 'd' || c == 'D' || c == 'y' || c == 'Y')) return true;
    }
    return false;
}

Status read_styles(Workbook& book) {
    if (!book.package.has("xl/styles.xml")) return {};
    std::string storage;
    auto xml = load_xml(book.package, book.source, "xl/styles.xml", storage);
    if (!xml) return xml.error();
    const pugi::xml_node root = xml->document_element();
    std::map<int, std::string> custom;
    for (const auto& format : children(child(root, "numFmts"), "numFmt"))
        custom[integer(attribute(format, "numFmtId"), -1)] = attribute(format, "formatCode");
    int index = 0;
    for (const auto& xf : children(child(root, "cellXfs"), "xf")) {
        const int id = integer(attribute(xf, "numFmtId"));
        const auto found = custom.find(id);
        if (is_date_format(id, found == custom.end() ? std::string_view{} : std::string_view(found->second)))
            book.date_styles.insert(index);
        ++index;
    }
    return {};
}

Status read_shared_strings(Workbook& book) {
    if (!book.package.has("xl/sharedStrings.xml")) return {};
    std::string storage;
    auto xml = load_xml(book.package, book.source, "xl/sharedStrings.xml", storage);
    if (!xml) return xml.error();
    for (const auto& item : children(xml->document_element(), "si")) {
        std::string text;
        append_text(item, text);
        book.shared_strings.push_back(std::move(text));
    }
    return {};
}

// "C12" → column 3, row 12; nullopt when it is not a cell reference in Excel's range.
std::optional<std::pair<int, int>> cell_reference(std::string_view ref) {
    int column = 0;
    size_t i = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) column = column * 26 + (ref[i++] - 'A' + 1);
    int row = 0;
    const auto [end, error] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
    if (column == 0 || column > kMaxColumn || error != std::errc{} || end != ref.data() + ref.size() || row < 1 ||
        row > kMaxRow)
        return std::nullopt;
    return std::make_pair(column, row);
}

std::string column_letters(int column) {
    std::string letters;
    for (; column > 0; column = (column - 1) / 26) letters.insert(letters.begin(), char('A' + (column - 1) % 26));
    return letters;
}

// A number as written: 1 as "1", 1.1 as "1.1" (the shortest form that reads back the same).
std::string number_text(double value) {
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc{}) return {};
    return std::string(buffer, end);
}

// A date typed as a date: the serial day number of the workbook's epoch → "30/06/2027".
std::optional<std::string> serial_date_text(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 1 || serial > 2'958'465) return std::nullopt;  // up to 31/12/9999
    const int days = static_cast<int>(std::floor(serial));
    // Excel counts 29/2/1900, which did not exist: day 60; serials after it are one day ahead.
    const Date epoch = date1904 ? *make_date(1904, 1, 1) : *make_date(1899, 12, days >= 61 ? 30 : 31);
    if (!date1904 && days == 60) return std::nullopt;
    return format_vietnamese_date(add_days(epoch, days));
}

// The text a cell shows.
std::string cell_text(const pugi::xml_node& cell, const Workbook& book) {
    const std::string_view type = attribute(cell, "t");
    const std::string value = child(cell, "v").text().get();
    if (type == "s") {
        size_t index = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (error != std::errc{} || index >= book.shared_strings.size()) return {};
        return book.shared_strings[index];
    }
    if (type == "inlineStr") {
        std::string text;
        append_text(child(cell, "is"), text);
        return text;
    }
    if (type == "str" || type == "e") return value;
    if (type == "b") return value == "1" ? "TRUE" : "FALSE";
    if (type == "d") {
        if (auto date = parse_iso_date(std::string_view(value).substr(0, 10))) return format_vietnamese_date(*date);
        return value;
    }
    // A number; a date when its style says so.
    double number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc{} || end != value.data() + value.size()) return value;
    const int style = integer(attribute(cell, "s"));
    if (book.date_styles.count(style))
        if (auto date = serial_date_text(number, book.date1904)) return *date;
    return number_text(number);
}

// A cell's text as paragraphs: NFC, one per line, blank lines dropped.
TableCell paragraphs_of(const std::string& text) {
    TableCell cell;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text::collapse_whitespace(text.substr(start, end - start));
        if (!line.empty()) cell.paragraphs.push_back(text::to_nfc(line));
        start = end + 1;
    }
    return cell;
}

// A worksheet's non-empty cells: row → column → text.
using Grid = std::map<int, std::map<int, std::string>>;

// A merged range of cells: columns and rows, from 1, inclusive.
struct Merge {
    int first_column, first_row, last_column, last_row;
};

std::vector<Merge> read_merges(const pugi::xml_node& worksheet) {
    std::vector<Merge> merges;
    for (const auto& merge : children(child(worksheet, "mergeCells"), "mergeCell")) {
        const std::string_view ref = attribute(merge, "ref");
        const size_t colon = ref.find(':');
        if (colon == std::string_view::npos) continue;
        const auto first = cell_reference(ref.substr(0, colon));
        const auto last = cell_reference(ref.substr(colon + 1));
        if (!first || !last || last->second < first->second || last->first < first->first) continue;
        merges.push_back({first->first, first->second, last->first, last->second});
    }
    return merges;
}

// A cell merged down one column (a lead agency shared by several tasks):
// its text repeated in each row, except in the number column, where the
// rows below continue the task. Ranges across columns keep their text in
// their first cell only.
// Only ranges within the table's columns [first_column, last_column]. Ranges
// that do not overlap cover each cell once at most: more cells filled than
// the sheet's rows times the table's width is refused as a damaged sheet
// rather than worked through (many ranges down a whole column).
Status spread_merges(Grid& grid, const std::vector<Merge>& merges, const std::set<int>& number_columns,
                     int first_column, int last_column, size_t max_cells, const std::string& where) {
    size_t filled = 0;
    for (const Merge& merge : merges) {
        if (merge.first_column != merge.last_column || number_columns.count(merge.first_column) ||
            merge.first_column < first_column || merge.first_column > last_column)
            continue;
        const auto row = grid.find(merge.first_row);
        if (row == grid.end()) continue;
        const auto cell = row->second.find(merge.first_column);
        if (cell == row->second.end()) continue;
        const std::string text = cell->second;
        // Only rows that have cells of their own: a range down to row 1,048,576 adds nothing.
        for (auto r = grid.upper_bound(merge.first_row); r != grid.end() && r->first <= merge.last_row; ++r) {
            if (++filled > max_cells)
                return Error{where + ": merged ranges that overlap (more than " + std::to_string(max_cells) +
                             " cells filled); the sheet is damaged"};
            r->second[merge.first_column] = text;
        }
    }
    return {};
}

Result<Grid> read_grid(const pugi::xml_node& worksheet, const Workbook& book, const std::string& where) {
    Grid grid;
    int row_number = 0;
    for (const auto& row : children(child(worksheet, "sheetData"), "row")) {
        const std::string_view r = attribute(row, "r");
        row_number = r.empty() ? row_number + 1 : integer(r);
        if (row_number < 1 || row_number > kMaxRow)
            return Error{where + ": a row numbered \"" + std::string(r) + "\"; the sheet is damaged"};
        int column = 0;
        for (const auto& cell : children(row, "c")) {
            const std::string_view ref = attribute(cell, "r");
            if (ref.empty()) {
                ++column;
            } else if (auto position = cell_reference(ref)) {
                column = position->first;
            } else {
                return Error{where + ": a cell named \"" + std::string(text::shorten(ref, 20)) +
                             "\"; the sheet is damaged"};
            }
            if (column > kMaxColumn) return Error{where + ": a cell beyond column XFD; the sheet is damaged"};
            std::string text = cell_text(cell, book);
            if (!text::collapse_whitespace(text).empty()) grid[row_number][column] = std::move(text);
        }
    }
    return grid;
}

struct Sheet {
    std::string name;
    std::string part;  // "xl/worksheets/sheet1.xml"
};

Result<std::vector<Sheet>> read_sheets(Workbook& book) {
    std::string workbook_storage, rels_storage;
    auto workbook = load_xml(book.package, book.source, "xl/workbook.xml", workbook_storage);
    if (!workbook) return workbook.error();
    auto rels = load_xml(book.package, book.source, "xl/_rels/workbook.xml.rels", rels_storage);
    if (!rels) return rels.error();
    const pugi::xml_node root = workbook->document_element();
    const std::string_view date1904 = attribute(child(root, "workbookPr"), "date1904");
    book.date1904 = date1904 == "1" || date1904 == "true";
    std::map<std::string, std::string> targets;
    for (const auto& relation : children(rels->document_element(), "Relationship")) {
        std::string target(attribute(relation, "Target"));
        target = target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
        targets[std::string(attribute(relation, "Id"))] = target;
    }
    std::vector<Sheet> sheets;
    for (const auto& sheet : children(child(root, "sheets"), "sheet")) {
        const auto target = targets.find(std::string(attribute(sheet, "id")));
        if (target == targets.end()) continue;
        sheets.push_back({std::string(attribute(sheet, "name")), target->second});
    }
    return sheets;
}

}  // namespace

Result<PlanDocument> read_xlsx_plan(const OfficePackage& package) {
    const std::string file = package.source();
    Workbook book{package, file, {}, {}, false};
    if (auto status = read_styles(book); !status) return status.error();
    if (auto status = read_shared_strings(book); !status) return status.error();
    auto sheets = read_sheets(book);
    if (!sheets) return sheets.error();

    PlanDocument document;
    document.source = file;
    document.header_expected = "a worksheet with a header row naming \"TT\" or \"STT\"";
    for (const Sheet& sheet : *sheets) {
        if (!package.has(sheet.part)) continue;
        std::string storage;
        auto xml = load_xml(package, file, sheet.part, storage);
        if (!xml) return xml.error();
        auto grid = read_grid(xml->document_element(), book, file + ":" + sheet.name);
        if (!grid) return grid.error();
        // The header: the first row naming the number column.
        auto header = grid->end();
        for (auto row = grid->begin(); row != grid->end(); ++row) {
            std::vector<std::string> cells;
            for (const auto& [column, text] : row->second) cells.push_back(text);
            if (is_header_row(cells)) {
                header = row;
                break;
            }
        }
        const auto location = [&](int row, int column) {
            return sheet.name + "!" + column_letters(column) + std::to_string(row);
        };
        if (header == grid->end()) {
            // No table here: the first sheet's text is the preamble, so that messages say what is missing.
            if (document.preamble.empty())
                for (const auto& [row, cells] : *grid)
                    for (const auto& [column, text] : cells)
                        for (auto& paragraph : paragraphs_of(text).paragraphs)
                            document.preamble.push_back({std::move(paragraph), location(row, column)});
            continue;
        }
        document.preamble.clear();
        std::set<int> number_columns;
        for (const auto& [column, text] : header->second)
            if (column_named_by(text) == PlanColumn::kNumber) number_columns.insert(column);
        const int first_column = header->second.begin()->first;
        const int last_column = header->second.rbegin()->first;
        const size_t max_spread = grid->size() * static_cast<size_t>(last_column - first_column + 1);
        if (auto spread = spread_merges(*grid, read_merges(xml->document_element()), number_columns, first_column,
                                        last_column, max_spread,
                                        file + ":" + sheet.name);
            !spread)
            return spread.error();
        for (auto row = grid->begin(); row != header; ++row)
            for (const auto& [column, text] : row->second)
                for (auto& paragraph : paragraphs_of(text).paragraphs)
                    document.preamble.push_back({std::move(paragraph), location(row->first, column)});
        for (auto row = header; row != grid->end(); ++row) {
            TableRow table_row;
            table_row.location = location(row->first, first_column);
            table_row.line = row->first;
            bool empty = true;
            for (int column = first_column; column <= last_column; ++column) {
                const auto cell = row->second.find(column);
                table_row.cells.push_back(cell == row->second.end() ? TableCell{} : paragraphs_of(cell->second));
                if (!table_row.cells.back().paragraphs.empty()) empty = false;
            }
            if (!empty) document.rows.push_back(std::move(table_row));
        }
        return document;
    }
    return document;  // no task table: interpret_plan says what it looked for
}

}  // namespace nhacviec
