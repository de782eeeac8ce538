#include "web/plan_message_wording.h"

#include <cctype>
#include <string_view>

namespace nhacviec::web {
namespace {

// The sentence of each kind. Placeholders: {file}, {where} (the place, and the task if any, inside a
// sentence), {Where} (the same, starting a sentence), {task}, {phrase}, {column}, {heading} (the column's
// header quoted, or "(không có tiêu đề)"), {columns} (the tab-separated names of `phrase`, each quoted).
struct Wording {
    PlanMessageKind kind;
    std::string_view sentence;
};

constexpr std::string_view kStaysUndetermined =
    "; nhiệm vụ để ở trạng thái chưa xác định thời hạn cho đến khi được đặt hạn.";

const Wording kWordings[] = {
    {PlanMessageKind::kLegacyWord, "Tệp {file} là tài liệu Word 97-2003 (.doc): hãy lưu lại dưới dạng .docx rồi tải lên."},
    {PlanMessageKind::kLegacyExcel,
     "Tệp {file} là bảng tính Excel 97-2003 (.xls): hãy lưu lại dưới dạng .xlsx rồi tải lên."},
    {PlanMessageKind::kLegacyOffice,
     "Tệp {file} là tệp Office đời cũ (.doc/.xls): hãy lưu lại dưới dạng .docx hoặc .xlsx rồi tải lên."},
    {PlanMessageKind::kPdf,
     "Tệp {file} là tệp PDF: hãy xuất bảng phụ lục sang .docx, hoặc trích nội dung ra tệp văn bản (.txt), rồi tải lên."},
    {PlanMessageKind::kEncrypted, "Tệp {file} được đặt mật khẩu: hãy gỡ mật khẩu, lưu lại rồi tải lên."},
    {PlanMessageKind::kDamagedZip, "Tệp {file} bị hỏng: hãy mở tệp bằng Word hoặc Excel, lưu lại rồi tải lên."},
    {PlanMessageKind::kZipBomb,
     "Tệp {file} khi giải nén vượt quá giới hạn cho phép nên không được đọc: tệp hỏng, hoặc không phải tệp kế hoạch."},
    {PlanMessageKind::kNotOfficeZip,
     "Tệp {file} là tệp nén nhưng không phải tài liệu Word hay Excel: hãy tải lên tệp Word (.docx), Excel (.xlsx) "
     "hoặc văn bản (.txt)."},
    {PlanMessageKind::kOtherOfficeDocument,
     "Tệp {file} là tài liệu Office nhưng không phải Word hay Excel: hãy lưu kế hoạch dưới dạng .docx hoặc .xlsx "
     "rồi tải lên."},
    {PlanMessageKind::kEmptyFile, "Tệp {file} không có nội dung."},
    {PlanMessageKind::kUtf16, "Tệp {file} là văn bản mã UTF-16: hãy lưu lại với bảng mã UTF-8 rồi tải lên."},
    {PlanMessageKind::kNotText,
     "Tệp {file} không phải tệp văn bản, tài liệu Word hay bảng tính Excel: hãy tải lên tệp .docx, .xlsx hoặc .txt."},
    {PlanMessageKind::kNotUtf8,
     "Tệp {file} không theo bảng mã UTF-8 ({where}, byte {phrase}): hãy chuyển văn bản từ bảng mã cũ (TCVN3, VNI, "
     "Windows-1258) sang UTF-8 rồi tải lên."},
    {PlanMessageKind::kNoPlanNumber, "Tệp {file} không có số kế hoạch: cần một dòng như “Số: 90/KH-UBND”."},
    {PlanMessageKind::kNoIssueDate,
     "Tệp {file} không có ngày ban hành: cần một dòng như “…, ngày 20 tháng 3 năm 2026”."},
    {PlanMessageKind::kNoTable,
     "Tệp {file} không có bảng phụ lục nhiệm vụ: cần một bảng có hàng tiêu đề ghi tên các cột của kế hoạch "
     "(“TT”, “Tên nhiệm vụ”, …)."},
    {PlanMessageKind::kNoTasks, "Tệp {file}, {where}: bảng phụ lục không có nhiệm vụ nào."},
    {PlanMessageKind::kMissingColumn, "Tệp {file}, {where}: hàng tiêu đề của bảng thiếu cột {columns}."},
    {PlanMessageKind::kDuplicateTask, "Tệp {file}, {where}: nhiệm vụ này đã có ở một hàng trước đó."},
    {PlanMessageKind::kUnrecognisedRowNumber, "Tệp {file}, {where}: số thứ tự “{phrase}” không hợp lệ."},
    {PlanMessageKind::kIgnoredColumn,
     "{Where}: cột {column} {heading} không phải cột hệ thống sử dụng; các ô của cột này được bỏ qua."},
    {PlanMessageKind::kDeadlineNamesNoDate, "{Where}: thời hạn “{phrase}” không nêu ngày cụ thể{undetermined}"},
    {PlanMessageKind::kDeadlineUnrecognised, "{Where}: không hiểu được thời hạn “{phrase}”{undetermined}"},
    {PlanMessageKind::kDeadlineImpossible, "{Where}: thời hạn “{phrase}” ghi một thời điểm không hợp lệ{undetermined}"},
    {PlanMessageKind::kDeadlineEmpty, "{Where}: chưa ghi thời hạn{undetermined}"},
    {PlanMessageKind::kNoLeadAgency, "{Where}: chưa ghi cơ quan chủ trì."},
    {PlanMessageKind::kUnknownAgency, "{Where}: cơ quan “{phrase}” chưa có trong danh mục cơ quan."},
};

const std::string_view* sentence_of(PlanMessageKind kind) {
    for (const auto& wording : kWordings)
        if (wording.kind == kind) return &wording.sentence;
    return nullptr;
}

// The first letter made a capital: the ASCII letters and the first letters places start with (đ, ô).
std::string capitalised(std::string words) {
    if (words.empty()) return words;
    if (std::islower(static_cast<unsigned char>(words[0]))) {
        words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
    } else if (words.compare(0, 2, "đ") == 0) {
        words.replace(0, 2, "Đ");
    } else if (words.compare(0, 2, "ô") == 0) {
        words.replace(0, 2, "Ô");
    }
    return words;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// The place and the task, inside a sentence: "dòng 145, nhiệm vụ II.5.13".
std::string where_of(const PlanMessage& message) {
    std::string where = place_in_words(message.location);
    if (!message.task.empty()) where += (where.empty() ? "" : ", ") + std::string("nhiệm vụ ") + message.task;
    return where;
}

std::string filled(std::string_view sentence, const PlanMessage& message) {
    const std::string where = where_of(message);
    const std::string heading = message.phrase.empty() ? "(không có tiêu đề)" : "“" + message.phrase + "”";
    // Tab-separated names, each quoted: “Cơ quan chủ trì”, “Thời gian hoàn thành”.
    std::string columns = "“";
    for (char c : message.phrase) columns += c == '\t' ? std::string("”, “") : std::string(1, c);
    columns += "”";
    const std::pair<std::string_view, std::string> values[] = {
        {"{file}", message.file},
        {"{where}", where},
        {"{Where}", capitalised(where)},
        {"{task}", message.task},
        {"{phrase}", message.phrase},
        {"{column}", std::to_string(message.column)},
        {"{heading}", heading},
        {"{columns}", columns},
        {"{undetermined}", std::string(kStaysUndetermined)},
    };
    std::string out;
    out.reserve(sentence.size() + 64);
    size_t i = 0;
    while (i < sentence.size()) {
        bool replaced = false;
        if (sentence[i] == '{') {
            for (const auto& [name, value] : values) {
                if (sentence.substr(i, name.size()) == name) {
                    out += value;
                    i += name.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += sentence[i++];
    }
    return out;
}

}  // namespace

std::string place_in_words(const std::string& location) {
    if (location.empty()) return "";
    if (all_digits(location)) return "dòng " + location;
    const size_t colon = location.find(':');
    if (colon != std::string::npos && all_digits(std::string_view(location).substr(0, colon)) &&
        all_digits(std::string_view(location).substr(colon + 1)))
        return "dòng " + location.substr(0, colon) + ", cột " + location.substr(colon + 1);
    if (location.find('!') != std::string::npos) return "ô " + location;
    return location;  // the Word reader's "bảng 1, hàng 5", "đoạn 12": Vietnamese already
}

std::string refusal_in_words(const PlanMessage& message) {
    if (const auto* sentence = sentence_of(message.kind)) return filled(*sentence, message);
    return "Không đọc được tệp " + message.file + ". Chi tiết: " + message.detail();
}

std::string warning_in_words(const PlanMessage& message) {
    if (const auto* sentence = sentence_of(message.kind)) return filled(*sentence, message);
    const std::string where = where_of(message);
    if (where.empty()) return "Cảnh báo khi đọc tệp " + message.file + ". Chi tiết: " + message.detail();
    return capitalised(where) + ": cần kiểm tra lại. Chi tiết: " + message.detail();
}

}  // namespace nhacviec::web
