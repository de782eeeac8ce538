// The periodic report as a Word document (Office Open XML): the XML built
// with pugixml, the container with libzip. The layout follows Decree
// 30/2020/NĐ-CP for administrative documents: A4, Times New Roman, the
// heading block (issuing body and the number left, national motto and the
// date right), the title, the summary, the closing block (recipients left,
// signer right), then the appendix's tables on landscape pages with a header
// row repeated on each page; page numbers centred in the header from the
// second page on.
#include <zip.h>

#include <pugixml.hpp>
#include <utf8proc.h>

#include <cstdio>
#include <sstream>

#include "common/text.h"
#include "report/report_file.h"

namespace nhacviec {
namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Sizes in half-points and widths in twentieths of a point, as WordprocessingML counts them.
constexpr int kBodySize = 28;   // 14 pt
constexpr int kTableSize = 26;  // 13 pt
constexpr int kA4Short = 11906, kA4Long = 16838;
constexpr int kCellPadding = 57;
constexpr int kMarginTop = 1134, kMarginBottom = 1134, kMarginLeft = 1701, kMarginRight = 850;

// Text for XML 1.0: characters it cannot carry (C0 controls but tab and
// line feed) are left out.
std::string xml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    return out;
}

std::string upper(std::string_view utf8) {
    std::u32string points = text::decode_utf8(utf8);
    for (char32_t& c : points) c = static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
    return text::encode_utf8(points);
}

std::string percent_words(const std::optional<double>& percent) {
    if (!percent) return "";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", *percent);
    std::string out = buffer;
    for (char& c : out)
        if (c == '.') c = ',';  // Vietnamese decimal comma
    return out + "%";
}

std::string two_digits(unsigned n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// "Hải Phòng, ngày 06 tháng 12 năm 2026"
std::string place_and_date(const PeriodReport& r) {
    return r.place + ", ngày " + two_digits(static_cast<unsigned>(r.made_on.day())) + " tháng " +
           two_digits(static_cast<unsigned>(r.made_on.month())) + " năm " +
           std::to_string(static_cast<int>(r.made_on.year()));
}

struct RunStyle {
    bool bold = false;
    bool italic = false;
    int size = kBodySize;
};

class DocumentBuilder {
public:
    DocumentBuilder() {
        pugi::xml_node decl = doc_.append_child(pugi::node_declaration);
        decl.append_attribute("version") = "1.0";
        decl.append_attribute("encoding") = "UTF-8";
        decl.append_attribute("standalone") = "yes";
        pugi::xml_node root = doc_.append_child("w:document");
        root.append_attribute("xmlns:w") = kW;
        root.append_attribute("xmlns:r") = kR;
        body_ = root.append_child("w:body");
    }

    pugi::xml_node body() { return body_; }
    pugi::xml_document& document() { return doc_; }

    // A paragraph: its alignment ("left", "center", "both"), spacing after, first-line indent.
    static pugi::xml_node paragraph(pugi::xml_node parent, const char* align = "both", int after = 120,
                                    int indent = 0, bool keep_next = false) {
        pugi::xml_node p = parent.append_child("w:p");
        pugi::xml_node ppr = p.append_child("w:pPr");
        if (keep_next) ppr.append_child("w:keepNext");
        pugi::xml_node spacing = ppr.append_child("w:spacing");
        spacing.append_attribute("w:before") = 0;
        spacing.append_attribute("w:after") = after;
        if (indent > 0) ppr.append_child("w:ind").append_attribute("w:firstLine") = indent;
        ppr.append_child("w:jc").append_attribute("w:val") = align;
        return p;
    }

    static void run(pugi::xml_node p, std::string_view text, RunStyle style = {}) {
        pugi::xml_node r = p.append_child("w:r");
        pugi::xml_node rpr = r.append_child("w:rPr");
        if (style.bold) rpr.append_child("w:b");
        if (style.italic) rpr.append_child("w:i");
        rpr.append_child("w:sz").append_attribute("w:val") = style.size;
        rpr.append_child("w:szCs").append_attribute("w:val") = style.size;
        pugi::xml_node t = r.append_child("w:t");
        t.append_attribute("xml:space") = "preserve";
        t.text().set(xml_text(text).c_str());
    }

    void line(std::string_view text, RunStyle style = {}, const char* align = "both", int after = 120,
              int indent = 0, bool keep_next = false) {
        run(paragraph(body_, align, after, indent, keep_next), text, style);
    }

private:
    pugi::xml_document doc_;
    pugi::xml_node body_;
};

// A section's page: A4 portrait or landscape, the page number centred in the
// header (Decree 30/2020: in the top margin, not on the first page).
void section_properties(pugi::xml_node parent, bool landscape, bool first_section) {
    pugi::xml_node sect = parent.append_child("w:sectPr");
    pugi::xml_node header = sect.append_child("w:headerReference");
    header.append_attribute("w:type") = "default";
    header.append_attribute("r:id") = "rIdHeader";
    if (first_section) {
        pugi::xml_node first = sect.append_child("w:headerReference");
        first.append_attribute("w:type") = "first";
        first.append_attribute("r:id") = "rIdFirstHeader";
    }
    pugi::xml_node size = sect.append_child("w:pgSz");
    size.append_attribute("w:w") = landscape ? kA4Long : kA4Short;
    size.append_attribute("w:h") = landscape ? kA4Short : kA4Long;
    if (landscape) size.append_attribute("w:orient") = "landscape";
    pugi::xml_node margins = sect.append_child("w:pgMar");
    margins.append_attribute("w:top") = kMarginTop;
    margins.append_attribute("w:right") = kMarginRight;
    margins.append_attribute("w:bottom") = kMarginBottom;
    margins.append_attribute("w:left") = kMarginLeft;
    margins.append_attribute("w:header") = 567;
    margins.append_attribute("w:footer") = 567;
    margins.append_attribute("w:gutter") = 0;
    if (first_section) sect.append_child("w:titlePg");
}

// A table with the given column widths; bordered or not.
pugi::xml_node table(pugi::xml_node body, const std::vector<int>& widths, bool borders) {
    pugi::xml_node tbl = body.append_child("w:tbl");
    pugi::xml_node tpr = tbl.append_child("w:tblPr");
    int total = 0;
    for (int w : widths) total += w;
    pugi::xml_node tw = tpr.append_child("w:tblW");
    tw.append_attribute("w:w") = total;
    tw.append_attribute("w:type") = "dxa";
    pugi::xml_node tb = tpr.append_child("w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        pugi::xml_node b = tb.append_child(side);
        b.append_attribute("w:val") = borders ? "single" : "nil";
        if (borders) {
            b.append_attribute("w:sz") = 4;
            b.append_attribute("w:space") = 0;
            b.append_attribute("w:color") = "000000";
        }
    }
    tpr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
    // The cells' padding, 1 mm left and right, set here rather than left to
    // the reader's default (LibreOffice takes 1.9 mm).
    pugi::xml_node padding = tpr.append_child("w:tblCellMar");
    for (const char* side : {"w:left", "w:right"}) {
        pugi::xml_node m = padding.append_child(side);
        m.append_attribute("w:w") = kCellPadding;
        m.append_attribute("w:type") = "dxa";
    }
    pugi::xml_node grid = tbl.append_child("w:tblGrid");
    for (int w : widths) grid.append_child("w:gridCol").append_attribute("w:w") = w;
    return tbl;
}

// A row; a header row is repeated at the top of each page and kept whole.
// Other rows may run on to the next page, so that a long task's row does not
// leave the rest of a page empty.
pugi::xml_node row(pugi::xml_node tbl, bool header) {
    pugi::xml_node tr = tbl.append_child("w:tr");
    pugi::xml_node trpr = tr.append_child("w:trPr");
    if (header) {
        trpr.append_child("w:cantSplit");
        trpr.append_child("w:tblHeader");
    }
    return tr;
}

// A cell of one or more paragraphs (split at line feeds).
void cell(pugi::xml_node tr, int width, std::string_view text, RunStyle style, const char* align) {
    pugi::xml_node tc = tr.append_child("w:tc");
    pugi::xml_node tcpr = tc.append_child("w:tcPr");
    pugi::xml_node w = tcpr.append_child("w:tcW");
    w.append_attribute("w:w") = width;
    w.append_attribute("w:type") = "dxa";
    size_t start = 0;
    while (true) {
        const size_t end = text.find('\n', start);
        DocumentBuilder::run(DocumentBuilder::paragraph(tc, align, 0),
                             text.substr(start, end == std::string_view::npos ? end : end - start), style);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
}

void data_row(pugi::xml_node tbl, const std::vector<int>& widths, const std::vector<std::string>& cells,
              const std::vector<const char*>& aligns, bool header) {
    pugi::xml_node tr = row(tbl, header);
    for (size_t i = 0; i < cells.size(); ++i)
        cell(tr, widths[i], cells[i], RunStyle{header, false, kTableSize}, header ? "center" : aligns[i]);
}

std::string date_or_empty(const std::optional<Date>& d) { return d ? format_vietnamese_date(*d) : ""; }

// The cells of one task's row, as the category tables show them (the README's table).
std::vector<std::string> task_cells(const PeriodReportRow& r) {
    std::string deadline = r.deadline;
    if (r.due) deadline += "\n(" + format_vietnamese_date(*r.due) + ")";
    return {r.id,         r.title, r.lead, deadline, r.status_label, r.report_number, date_or_empty(r.report_date),
            r.days_late ? std::to_string(*r.days_late) : ""};
}

std::string summary_text(const PeriodReport& r) {
    std::string out = "Tổng số nhiệm vụ: " + std::to_string(r.total) + ", trong đó " + std::to_string(r.with_deadline) +
                      " nhiệm vụ có thời hạn. ";
    bool first = true;
    for (const auto& c : r.categories) {
        out += first ? "" : "; ";
        first = false;
        out += std::string(label(c.category)) + ": " + std::to_string(c.count);
        if (c.percent) out += " (" + percent_words(c.percent) + ")";
    }
    return out + ". Tỷ lệ được tính trên số nhiệm vụ có thời hạn.";
}

std::string as_of_text(const PeriodReport& r) {
    return "(Kỳ báo cáo: " + r.period.label + ", từ ngày " + format_vietnamese_date(r.period.first) + " đến ngày " +
           format_vietnamese_date(r.period.last) + "; số liệu tính đến ngày " + format_vietnamese_date(r.as_of) +
           (r.period_ended ? ", ngày cuối kỳ báo cáo)" : ", kỳ báo cáo chưa kết thúc)");
}

// 14287: the landscape text width. The narrow columns fit their widest value
// on one line at 13 pt ("30/09/2026", "(31/03/2026)", "125/BC-STC") and their header's
// words whole ("Mã / nhiệm vụ", "Số ngày / quá hạn").
const std::vector<int> kTaskWidths = {1150, 3937, 1800, 1550, 1700, 1500, 1400, 1250};
const std::vector<std::string> kTaskHeader = {"Mã nhiệm vụ", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn",
                                              "Tình trạng", "Số, ký hiệu văn bản báo cáo", "Ngày văn bản",
                                              "Số ngày quá hạn"};
// Left-aligned rather than justified: a justified narrow column stretches its spaces.
const std::vector<const char*> kTaskAligns = {"center", "left", "left", "center", "left", "center", "center", "center"};
const std::vector<int> kAgencyWidths = {850, 6237, 1800, 1800, 1800, 1800};
const std::vector<std::string> kAgencyHeader = {"STT", "Cơ quan chủ trì", "Số nhiệm vụ", "Hoàn thành đúng hạn",
                                                "Hoàn thành quá hạn", "Quá hạn"};
const std::vector<const char*> kAgencyAligns = {"center", "left", "center", "center", "center", "center"};

// A cell of a borderless layout table, without paragraphs yet.
pugi::xml_node plain_cell(pugi::xml_node tr, int width) {
    pugi::xml_node tc = tr.append_child("w:tc");
    pugi::xml_node w = tc.append_child("w:tcPr").append_child("w:tcW");
    w.append_attribute("w:w") = width;
    w.append_attribute("w:type") = "dxa";
    return tc;
}

// "Số:        /BC-STC": the number is left blank for the registry to fill in.
std::string number_line(const PeriodReport& r) { return "Số:        /" + r.number_symbol; }

// "(Kèm theo Báo cáo số        /BC-STC ngày 06/12/2026 của Sở Tài chính)"
std::string appendix_reference(const PeriodReport& r) {
    return "(Kèm theo Báo cáo số        /" + r.number_symbol + " ngày " + format_vietnamese_date(r.made_on) + " của " +
           r.monitoring + ")";
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t end = text.find('\n', start);
        out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

// The closing block, as a borderless table: "Nơi nhận:" (12 pt bold italic)
// and its list (11 pt, "- …;" and "- ….") on the left; the signer's title,
// room for the signature and seal, and the signer's name on the right.
void closing_block(pugi::xml_node body, const PeriodReport& r) {
    constexpr int kLeft = 4300, kRight = 5055;  // 9355: portrait text width
    pugi::xml_node block = table(body, {kLeft, kRight}, false);
    pugi::xml_node tr = row(block, false);
    pugi::xml_node left = plain_cell(tr, kLeft);
    DocumentBuilder::run(DocumentBuilder::paragraph(left, "left", 0), "Nơi nhận:", {true, true, 24});
    for (size_t i = 0; i < r.recipients.size(); ++i)
        DocumentBuilder::run(DocumentBuilder::paragraph(left, "left", 0),
                             "- " + r.recipients[i] + (i + 1 == r.recipients.size() ? "." : ";"), {false, false, 22});
    pugi::xml_node right = plain_cell(tr, kRight);
    for (const std::string& line : lines_of(r.signer_title))
        DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), upper(line), {true, false, 28});
    for (int i = 0; i < 4; ++i) DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), "", {});
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), r.signer_name, {true, false, 28});
}

std::string document_xml(const PeriodReport& r) {
    DocumentBuilder b;
    // The heading block: the issuing body left, the national motto right, as
    // a borderless table. Decree 30/2020: the issuing body and the national
    // name in 12–13 pt capitals, the motto in 13–14 pt; under them, on one
    // line, the number and symbol (the number left blank for the registry)
    // and the place and date. The block reaches a little into the margins, as
    // the forms of the decree do, so that each line stays whole.
    constexpr int kLeft = 4100, kRight = 6000;
    pugi::xml_node heading = table(b.body(), {kLeft, kRight}, false);
    pugi::xml_node indent = heading.child("w:tblPr").insert_child_after("w:tblInd", heading.child("w:tblPr").child("w:tblW"));
    indent.append_attribute("w:w") = -400;
    indent.append_attribute("w:type") = "dxa";
    pugi::xml_node tr = row(heading, false);
    pugi::xml_node left = plain_cell(tr, kLeft);
    DocumentBuilder::run(DocumentBuilder::paragraph(left, "center", 0), upper(r.authority), {false, false, 24});
    DocumentBuilder::run(DocumentBuilder::paragraph(left, "center", 0), upper(r.monitoring), {true, false, 24});
    DocumentBuilder::run(DocumentBuilder::paragraph(left, "center", 0), "_______", {true, false, 24});
    pugi::xml_node right = plain_cell(tr, kRight);
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         {true, false, 24});
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), "Độc lập - Tự do - Hạnh phúc",
                         {true, false, 28});
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), "_______________", {true, false, 28});
    pugi::xml_node second = row(heading, false);
    DocumentBuilder::run(DocumentBuilder::paragraph(plain_cell(second, kLeft), "center", 120), number_line(r),
                         {false, false, 26});
    DocumentBuilder::run(DocumentBuilder::paragraph(plain_cell(second, kRight), "center", 120), place_and_date(r),
                         {false, true, 28});

    b.line("", {}, "center", 0);
    b.line("BÁO CÁO", {true, false, 28}, "center", 0);
    b.line("Tình hình thực hiện " + plans_in_words(r), {true, false, 28}, "center", 0);
    b.line(as_of_text(r), {false, true, 28}, "center", 240);

    b.line("I. TÌNH HÌNH CHUNG", {true}, "both", 120, 567, true);
    b.line(summary_text(r), {}, "both", 120, 567);
    b.line("II. TÌNH HÌNH THỰC HIỆN TỪNG NHIỆM VỤ VÀ TỔNG HỢP THEO CƠ QUAN CHỦ TRÌ", {true}, "both", 120, 567);
    b.line("Chi tiết tại Phụ lục kèm theo.", {}, "both", 240, 567);
    closing_block(b.body(), r);
    // The portrait section ends here; the appendix's tables follow on landscape pages.
    section_properties(DocumentBuilder::paragraph(b.body(), "left", 0).child("w:pPr"), false, true);

    b.line("PHỤ LỤC", {true, false, 28}, "center", 0);
    b.line("TÌNH HÌNH THỰC HIỆN TỪNG NHIỆM VỤ VÀ TỔNG HỢP THEO CƠ QUAN CHỦ TRÌ", {true, false, 28}, "center", 0);
    b.line(appendix_reference(r), {false, true, 28}, "center", 240);

    int number = 0;
    for (const auto& c : r.categories) {
        ++number;
        b.line(std::to_string(number) + ". " + std::string(label(c.category)) + ": " + std::to_string(c.count) +
                   " nhiệm vụ" + (c.percent ? " (" + percent_words(c.percent) + ")" : ""),
               {true}, "left", 120, 0, !c.rows.empty());
        if (c.rows.empty()) {
            b.line("Không có nhiệm vụ.", {false, true}, "left", 120);
            continue;
        }
        pugi::xml_node tbl = table(b.body(), kTaskWidths, true);
        data_row(tbl, kTaskWidths, kTaskHeader, kTaskAligns, true);
        for (const auto& t : c.rows) data_row(tbl, kTaskWidths, task_cells(t), kTaskAligns, false);
        b.line("", {}, "left", 120);
    }
    b.line(std::to_string(number + 1) + ". Tổng hợp theo cơ quan chủ trì", {true}, "left", 120, 0, true);
    pugi::xml_node agencies = table(b.body(), kAgencyWidths, true);
    data_row(agencies, kAgencyWidths, kAgencyHeader, kAgencyAligns, true);
    int index = 0;
    for (const auto& a : r.agencies)
        data_row(agencies, kAgencyWidths,
                 {std::to_string(++index), a.name, std::to_string(a.tasks), std::to_string(a.on_time),
                  std::to_string(a.late), std::to_string(a.overdue)},
                 kAgencyAligns, false);
    b.line("", {}, "left", 0);
    section_properties(b.body(), true, false);

    std::ostringstream out;
    b.document().save(out, "", pugi::format_raw);
    return out.str();
}

// A header part: the page number centred, or nothing (the first page's).
std::string header_xml(bool page_number) {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    pugi::xml_node hdr = doc.append_child("w:hdr");
    hdr.append_attribute("xmlns:w") = kW;
    hdr.append_attribute("xmlns:r") = kR;
    pugi::xml_node p = DocumentBuilder::paragraph(hdr, "center", 0);
    if (page_number) {
        const auto field_char = [&](const char* type) {
            p.append_child("w:r").append_child("w:fldChar").append_attribute("w:fldCharType") = type;
        };
        field_char("begin");
        pugi::xml_node instr = p.append_child("w:r").append_child("w:instrText");
        instr.append_attribute("xml:space") = "preserve";
        instr.text().set(" PAGE ");
        field_char("separate");
        DocumentBuilder::run(p, "1", {false, false, 26});
        field_char("end");
    }
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    return out.str();
}

const char* const kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr>)"
    R"(<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>)"
    R"(<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>)"
    R"(</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>)"
    R"(</w:pPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>)"
    R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>)"
    R"(<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>)"
    R"(<w:left w:w="85" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>)"
    R"(</w:tblCellMar></w:tblPr></w:style></w:styles>)";

const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>)"
    R"(<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>)"
    R"(</Types>)";

const char* const kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

const char* const kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>)"
    R"(<Relationship Id="rIdFirstHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>)"
    R"(</Relationships>)";

}  // namespace

Status write_report_docx(const PeriodReport& report, const std::filesystem::path& path) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) {
        zip_error_t z;
        zip_error_init_with_code(&z, error);
        std::string message = zip_error_strerror(&z);
        zip_error_fini(&z);
        return Error{message};
    }
    // libzip reads the buffers at zip_close: they live until then.
    const std::vector<std::pair<const char*, std::string>> parts = {
        {"[Content_Types].xml", kContentTypes},   {"_rels/.rels", kPackageRels},
        {"word/_rels/document.xml.rels", kDocumentRels}, {"word/document.xml", document_xml(report)},
        {"word/styles.xml", kStyles},             {"word/header1.xml", header_xml(true)},
        {"word/header2.xml", header_xml(false)}};
    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        if (!source || zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8) < 0) {
            if (source) zip_source_free(source);
            std::string message = zip_strerror(archive);
            zip_discard(archive);
            return Error{message};
        }
    }
    if (zip_close(archive) != 0) {
        std::string message = zip_strerror(archive);
        zip_discard(archive);
        return Error{message};
    }
    return {};
}

}  // namespace nhacviec
