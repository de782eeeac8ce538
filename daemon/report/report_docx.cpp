// The periodic report as a Word document (Office Open XML): the XML built
// with pugixml, the container with libzip. The layout follows Decree
// 30/2020/NĐ-CP for administrative documents: A4, Times New Roman, the
// heading block (issuing body left, national motto right), the title, then
// the tables, which are landscape pages with a header row repeated on each
// page; page numbers in the footer.
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

void section_properties(pugi::xml_node parent, bool landscape, bool with_footer) {
    pugi::xml_node sect = parent.append_child("w:sectPr");
    if (with_footer) {
        pugi::xml_node footer = sect.append_child("w:footerReference");
        footer.append_attribute("w:type") = "default";
        footer.append_attribute("r:id") = "rIdFooter";
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
    pugi::xml_node grid = tbl.append_child("w:tblGrid");
    for (int w : widths) grid.append_child("w:gridCol").append_attribute("w:w") = w;
    return tbl;
}

pugi::xml_node row(pugi::xml_node tbl, bool header) {
    pugi::xml_node tr = tbl.append_child("w:tr");
    pugi::xml_node trpr = tr.append_child("w:trPr");
    trpr.append_child("w:cantSplit");
    if (header) trpr.append_child("w:tblHeader");
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

const std::vector<int> kTaskWidths = {1150, 4400, 2000, 1800, 1700, 1300, 1200, 737};  // 14287: landscape text width
const std::vector<std::string> kTaskHeader = {"Mã nhiệm vụ", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn",
                                              "Tình trạng", "Số, ký hiệu văn bản báo cáo", "Ngày văn bản",
                                              "Số ngày quá hạn"};
const std::vector<const char*> kTaskAligns = {"center", "both", "left", "center", "left", "center", "center", "center"};
const std::vector<int> kAgencyWidths = {850, 6237, 1800, 1800, 1800, 1800};
const std::vector<std::string> kAgencyHeader = {"STT", "Cơ quan chủ trì", "Số nhiệm vụ", "Hoàn thành đúng hạn",
                                                "Hoàn thành quá hạn", "Quá hạn"};
const std::vector<const char*> kAgencyAligns = {"center", "left", "center", "center", "center", "center"};

std::string document_xml(const PeriodReport& r) {
    DocumentBuilder b;
    // The heading block: the issuing body left, the national motto right.
    // Decree 30/2020: the issuing body and the national name in 12–13 pt capitals, the motto in 13–14 pt. The
    // block reaches a little into the margins, as the forms of the decree do, so that each line stays whole.
    constexpr int kLeft = 4100, kRight = 6000;
    pugi::xml_node heading = table(b.body(), {kLeft, kRight}, false);
    pugi::xml_node indent = heading.child("w:tblPr").insert_child_after("w:tblInd", heading.child("w:tblPr").child("w:tblW"));
    indent.append_attribute("w:w") = -400;
    indent.append_attribute("w:type") = "dxa";
    pugi::xml_node tr = row(heading, false);
    pugi::xml_node left = tr.append_child("w:tc");
    left.append_child("w:tcPr").append_child("w:tcW").append_attribute("w:w") = kLeft;
    DocumentBuilder::run(DocumentBuilder::paragraph(left, "center", 0), upper(r.authority), {false, false, 24});
    DocumentBuilder::run(DocumentBuilder::paragraph(left, "center", 0), upper(r.monitoring), {true, false, 24});
    DocumentBuilder::run(DocumentBuilder::paragraph(left, "center", 0), "_______", {true, false, 24});
    pugi::xml_node right = tr.append_child("w:tc");
    right.append_child("w:tcPr").append_child("w:tcW").append_attribute("w:w") = kRight;
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         {true, false, 24});
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), "Độc lập - Tự do - Hạnh phúc",
                         {true, false, 28});
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "center", 0), "_______________", {true, false, 28});
    DocumentBuilder::run(DocumentBuilder::paragraph(right, "right", 0), place_and_date(r), {false, true, 28});

    b.line("", {}, "center", 0);
    b.line("BÁO CÁO", {true, false, 28}, "center", 0);
    b.line("Tình hình thực hiện " + plans_in_words(r), {true, false, 28}, "center", 0);
    b.line(as_of_text(r), {false, true, 28}, "center", 240);

    b.line("I. TÌNH HÌNH CHUNG", {true}, "both", 120, 567, true);
    b.line(summary_text(r), {}, "both", 120, 567);
    b.line("II. TÌNH HÌNH THỰC HIỆN TỪNG NHIỆM VỤ VÀ TỔNG HỢP THEO CƠ QUAN CHỦ TRÌ", {true}, "both", 120, 567);
    b.line("Chi tiết tại các bảng kèm theo.", {}, "both", 120, 567);
    b.line(upper(r.monitoring), {true}, "right", 0);
    // The portrait section ends here; the tables follow on landscape pages.
    section_properties(DocumentBuilder::paragraph(b.body(), "left", 0).child("w:pPr"), false, true);

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
    section_properties(b.body(), true, true);

    std::ostringstream out;
    b.document().save(out, "", pugi::format_raw);
    return out.str();
}

std::string footer_xml() {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    pugi::xml_node ftr = doc.append_child("w:ftr");
    ftr.append_attribute("xmlns:w") = kW;
    ftr.append_attribute("xmlns:r") = kR;
    pugi::xml_node p = DocumentBuilder::paragraph(ftr, "center", 0);
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
    R"(<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>)"
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
    R"(<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>)"
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
        {"word/styles.xml", kStyles},             {"word/footer1.xml", footer_xml()}};
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
