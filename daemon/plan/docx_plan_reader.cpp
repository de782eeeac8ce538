#include "plan/docx_plan_reader.h"

#include <pugixml.hpp>

#include <array>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>

#include "common/text.h"
#include "plan/column_wordings.h"

namespace nhacviec {
namespace {

// Deeper nesting than this (tables in tables in …) is not a plan's; what is
// below it is ignored rather than walked, so that a hostile file cannot
// exhaust the stack.
constexpr int kMaxDepth = 48;
// The most grid columns a row may have.
constexpr size_t kMaxColumns = 64;

bool is(const pugi::xml_node& node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// The list levels of word/numbering.xml: per numId and level, the format
// ("bullet", "decimal", …) and the level's text ("%1.").
class Numbering {
public:
    void load(const pugi::xml_document& xml) {
        const pugi::xml_node root = xml.child("w:numbering");
        std::map<std::string, pugi::xml_node> abstracts;
        for (const auto& abstract : root.children("w:abstractNum"))
            abstracts[abstract.attribute("w:abstractNumId").value()] = abstract;
        for (const auto& num : root.children("w:num")) {
            const auto found = abstracts.find(num.child("w:abstractNumId").attribute("w:val").value());
            if (found == abstracts.end()) continue;
            auto& levels = levels_[num.attribute("w:numId").value()];
            for (const auto& lvl : found->second.children("w:lvl")) {
                const int ilvl = lvl.attribute("w:ilvl").as_int(-1);
                if (ilvl < 0 || ilvl >= 9) continue;
                levels[static_cast<size_t>(ilvl)] = {lvl.child("w:numFmt").attribute("w:val").value(),
                                                     lvl.child("w:lvlText").attribute("w:val").value()};
            }
        }
    }

    // The label Word shows before a list paragraph: "- " for a bullet, "2. "
    // for the second item of a decimal list; "" for "none" or an unknown list.
    std::string label(const std::string& num_id, int ilvl) {
        const auto found = levels_.find(num_id);
        if (found == levels_.end() || num_id == "0" || ilvl < 0 || ilvl >= 9) return "";
        const Level& level = found->second[static_cast<size_t>(ilvl)];
        auto& counters = counters_[num_id];
        ++counters[static_cast<size_t>(ilvl)];
        for (size_t k = static_cast<size_t>(ilvl) + 1; k < counters.size(); ++k) counters[k] = 0;
        if (level.format == "none" || (level.format.empty() && level.text.empty())) return "";
        if (level.format == "bullet") return "- ";
        std::string out;
        for (size_t i = 0; i < level.text.size(); ++i) {
            if (level.text[i] == '%' && i + 1 < level.text.size() && level.text[i + 1] >= '1' &&
                level.text[i + 1] <= '9') {
                out += std::to_string(counters[static_cast<size_t>(level.text[i + 1] - '1')]);
                ++i;
            } else {
                out.push_back(level.text[i]);
            }
        }
        return out.empty() ? "" : out + " ";
    }

private:
    struct Level {
        std::string format;
        std::string text;
    };
    std::map<std::string, std::array<Level, 9>> levels_;
    std::map<std::string, std::array<int, 9>> counters_;
};

// A paragraph's text as the document shows it with its changes accepted.
void collect_text(const pugi::xml_node& node, std::string& out, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (is(child, "w:t")) {
            out += child.text().get();
        } else if (is(child, "w:tab") || is(child, "w:br") || is(child, "w:cr") || is(child, "w:ptab")) {
            out.push_back(' ');
        } else if (is(child, "w:noBreakHyphen")) {
            out.push_back('-');
        } else if (is(child, "w:del") || is(child, "w:moveFrom") || is(child, "w:delText") ||
                   is(child, "w:instrText") || is(child, "w:pPr") || is(child, "w:rPr") ||
                   is(child, "w:drawing") || is(child, "w:pict") || is(child, "mc:AlternateContent") ||
                   is(child, "w:footnoteReference") || is(child, "w:endnoteReference")) {
            // Deleted text, field codes, properties, drawings and text boxes: not the paragraph's text.
        } else {
            // Runs, insertions, hyperlinks, simple fields, content controls, smart tags.
            collect_text(child, out, depth + 1);
        }
    }
}

class DocxReader {
public:
    DocxReader(const pugi::xml_document& document, Numbering numbering, std::string source)
        : xml_(document), numbering_(std::move(numbering)) {
        result_.source = std::move(source);
        result_.header_expected =
            "a Word table whose header row names the plan's columns (\"TT\", \"Tên nhiệm vụ\", …)";
    }

    PlanDocument read() {
        const pugi::xml_node body = xml_.child("w:document").child("w:body");
        walk_body(body, 0);
        return std::move(result_);
    }

private:
    // The paragraph's text with its list label, NFC; nullopt for a paragraph deleted as a tracked change.
    std::string paragraph_text(const pugi::xml_node& paragraph) {
        std::string text;
        collect_text(paragraph, text, 0);
        const pugi::xml_node num = paragraph.child("w:pPr").child("w:numPr");
        if (num) {
            const std::string label = numbering_.label(num.child("w:numId").attribute("w:val").value(),
                                                       num.child("w:ilvl").attribute("w:val").as_int(0));
            if (!label.empty() && !text::collapse_whitespace(text).empty()) text = label + text;
        }
        return text::to_nfc(text);
    }

    // The document's top-level blocks: paragraphs, tables, and the blocks in content controls.
    void walk_body(const pugi::xml_node& node, int depth) {
        if (depth > kMaxDepth) return;
        for (const auto& child : node.children()) {
            if (is(child, "w:p")) {
                ++paragraphs_;
                if (!table_found_) result_.preamble.push_back({paragraph_text(child), "đoạn " + std::to_string(paragraphs_)});
            } else if (is(child, "w:tbl")) {
                ++tables_;
                if (table_found_) continue;
                read_table(child);
            } else if (is(child, "w:sdt")) {
                walk_body(child.child("w:sdtContent"), depth + 1);
            } else if (is(child, "w:customXml") || is(child, "w:ins") || is(child, "w:moveTo")) {
                walk_body(child, depth + 1);
            }
        }
    }

    // The paragraphs of a cell, those of tables inside it too, in order.
    void cell_paragraphs(const pugi::xml_node& node, std::vector<std::string>& out, int depth) {
        if (depth > kMaxDepth) return;
        for (const auto& child : node.children()) {
            if (is(child, "w:p")) {
                std::string text = paragraph_text(child);
                if (!text::collapse_whitespace(text).empty()) out.push_back(std::move(text));
            } else if (is(child, "w:tbl") || is(child, "w:tr") || is(child, "w:tc") || is(child, "w:sdt") ||
                       is(child, "w:sdtContent") || is(child, "w:customXml") || is(child, "w:ins") ||
                       is(child, "w:moveTo")) {
                cell_paragraphs(child, out, depth + 1);
            }
        }
    }

    // The table's rows, each with its cells laid out on the grid.
    struct GridCell {
        TableCell cell;
        bool merged_down = false;  // a w:vMerge continuation
    };
    void rows_of(const pugi::xml_node& table, std::vector<std::vector<GridCell>>& rows, std::vector<std::string>& errors,
                 int depth) {
        if (depth > kMaxDepth) return;
        for (const auto& child : table.children()) {
            if (is(child, "w:sdt")) {
                rows_of(child.child("w:sdtContent"), rows, errors, depth + 1);
                continue;
            }
            if (!is(child, "w:tr")) continue;
            // A row deleted as a tracked change is not in the accepted document.
            if (child.child("w:trPr").child("w:del")) continue;
            std::vector<GridCell> cells;
            std::string error;
            std::vector<pugi::xml_node> tcs;
            for (const auto& tc : child.children()) {
                if (is(tc, "w:tc")) tcs.push_back(tc);
                else if (is(tc, "w:sdt")) for (const auto& inner : tc.child("w:sdtContent").children("w:tc")) tcs.push_back(inner);
            }
            for (const auto& tc : tcs) {
                const pugi::xml_node properties = tc.child("w:tcPr");
                const long span = std::max(1, properties.child("w:gridSpan").attribute("w:val").as_int(1));
                if (cells.size() + static_cast<size_t>(span) > kMaxColumns) {
                    error = "a table row with more than " + std::to_string(kMaxColumns) + " columns";
                    break;
                }
                GridCell cell;
                const pugi::xml_node vmerge = properties.child("w:vMerge");
                const std::string vmerge_value = vmerge.attribute("w:val").value();
                cell.merged_down = vmerge && vmerge_value != "restart";
                cell_paragraphs(tc, cell.cell.paragraphs, depth + 1);
                cells.push_back(std::move(cell));
                for (long k = 1; k < span; ++k) cells.push_back(GridCell{});
            }
            rows.push_back(std::move(cells));
            errors.push_back(error);
        }
    }

    void read_table(const pugi::xml_node& table) {
        std::vector<std::vector<GridCell>> grid;
        std::vector<std::string> errors;
        rows_of(table, grid, errors, 0);
        // The header: the first row whose cells name the number column.
        std::optional<size_t> header;
        for (size_t r = 0; r < grid.size() && !header; ++r) {
            std::vector<std::string> texts;
            for (const auto& cell : grid[r]) {
                std::string joined;
                for (const auto& paragraph : cell.cell.paragraphs) joined += (joined.empty() ? "" : " ") + paragraph;
                texts.push_back(joined);
            }
            if (is_header_row(texts)) header = r;
        }
        if (!header) {
            // A layout table (the heading's number and date side by side): part of the preamble.
            for (const auto& row : grid)
                for (const auto& cell : row)
                    for (const auto& paragraph : cell.cell.paragraphs)
                        result_.preamble.push_back({paragraph, "bảng " + std::to_string(tables_)});
            return;
        }
        table_found_ = true;
        std::vector<TableCell> above;  // per grid column, the text a cell merged down repeats
        for (size_t r = *header; r < grid.size(); ++r) {
            auto& cells = grid[r];
            const bool continues = !cells.empty() && cells.front().merged_down;
            TableRow row;
            row.line = static_cast<int>(r + 1);
            row.location = "bảng " + std::to_string(tables_) + ", hàng " + std::to_string(r + 1);
            row.reader_error = errors[r];
            if (above.size() < cells.size()) above.resize(cells.size());
            for (size_t k = 0; k < cells.size(); ++k) {
                if (cells[k].merged_down) {
                    if (!continues) cells[k].cell = above[k];
                } else {
                    above[k] = cells[k].cell;
                }
                row.cells.push_back(std::move(cells[k].cell));
            }
            const bool stop = !row.reader_error.empty();
            result_.rows.push_back(std::move(row));
            if (stop) break;
        }
    }

    const pugi::xml_document& xml_;
    Numbering numbering_;
    PlanDocument result_;
    int paragraphs_ = 0;
    int tables_ = 0;
    bool table_found_ = false;
};

// Parses `part` into `xml`, in place in `storage`, which must outlive `xml`:
// the part's text is not copied while it is parsed, and a run's text is kept
// in its w:t element rather than in a node of its own (parse_embed_pcdata),
// which makes the tree of a 10,000-task table an eighth smaller (41 → 36 MB).
Result<pugi::xml_document*> parse_part(const OfficePackage& package, const std::string& part,
                                       pugi::xml_document& xml, std::string& storage) {
    auto bytes = package.read(part);
    if (!bytes) return bytes.error();
    storage = std::move(*bytes);
    // Word and LibreOffice write UTF-8; the text is checked once here, as the text reader checks its lines.
    if (auto bad = text::first_invalid_utf8(storage)) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(storage[*bad]));
        return Error{package.source() + ": the part \"" + part + "\" is not UTF-8 (byte " + hex + " at offset " +
                     std::to_string(*bad) + "); open the file in Word and save it again"};
    }
    const pugi::xml_parse_result parsed =
        xml.load_buffer_inplace(storage.data(), storage.size(),
                                pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_embed_pcdata,
                                pugi::encoding_utf8);
    if (!parsed)
        return Error{package.source() + ": the part \"" + part + "\" is not well-formed XML (" + parsed.description() +
                     " at byte " + std::to_string(parsed.offset) + "); open the file in Word and save it again"};
    return &xml;
}

}  // namespace

Result<PlanDocument> read_docx_plan(const OfficePackage& package) {
    std::string document_text;
    pugi::xml_document document;
    if (auto parsed = parse_part(package, "word/document.xml", document, document_text); !parsed) return parsed.error();
    Numbering numbering;
    if (package.has("word/numbering.xml")) {
        std::string numbering_text;
        pugi::xml_document xml;
        if (auto parsed = parse_part(package, "word/numbering.xml", xml, numbering_text); !parsed) return parsed.error();
        numbering.load(xml);
    }
    return DocxReader(document, std::move(numbering), package.source()).read();
}

}  // namespace nhacviec
