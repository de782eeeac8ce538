#include "plan/column_wordings.h"

#include <algorithm>
#include <map>

#include "common/text.h"

namespace nhacviec {
namespace {

struct ColumnWordings {
    PlanColumn column;
    std::string_view name;
    std::vector<std::string> wordings;  // as written, for messages
};

// The one table of header wordings. Add a wording here when a plan of the
// family words a column otherwise.
const std::vector<ColumnWordings>& wordings_table() {
    static const std::vector<ColumnWordings> table = {
        {PlanColumn::kNumber, "number", {"TT", "STT", "Số TT", "Số thứ tự"}},
        {PlanColumn::kTask,
         "task",
         {"Tên nhiệm vụ", "Nội dung nhiệm vụ", "Nội dung", "Nhiệm vụ", "Nhiệm vụ, giải pháp", "Nội dung công việc",
          "Tên công việc", "Công việc", "Nội dung thực hiện"}},
        {PlanColumn::kLead,
         "lead agency",
         {"Cơ quan chủ trì", "Đơn vị chủ trì", "Cơ quan, đơn vị chủ trì", "Chủ trì", "Cơ quan chủ trì thực hiện",
          "Đơn vị chủ trì thực hiện", "Cơ quan, đơn vị chủ trì thực hiện", "Cơ quan, đơn vị chủ trì tham mưu"}},
        {PlanColumn::kCooperating,
         "cooperating agencies",
         {"Cơ quan phối hợp", "Đơn vị phối hợp", "Cơ quan, đơn vị phối hợp", "Cơ quan, tổ chức, đơn vị phối hợp thực hiện",
          "Cơ quan, tổ chức, đơn vị phối hợp", "Phối hợp", "Cơ quan phối hợp thực hiện", "Đơn vị phối hợp thực hiện",
          "Cơ quan, đơn vị phối hợp thực hiện"}},
        {PlanColumn::kProduct,
         "product",
         {"Sản phẩm", "Kết quả/sản phẩm", "Sản phẩm/kết quả", "Sản phẩm đầu ra", "Kết quả đầu ra", "Kết quả",
          "Hình thức văn bản/sản phẩm", "Hình thức văn bản", "Hình thức sản phẩm", "Sản phẩm dự kiến",
          "Dự kiến sản phẩm"}},
        {PlanColumn::kDeadline,
         "deadline",
         {"Thời gian hoàn thành", "Thời hạn hoàn thành", "Thời gian thực hiện", "Thời hạn thực hiện", "Thời hạn",
          "Thời gian", "Tiến độ", "Tiến độ thực hiện", "Tiến độ hoàn thành", "Thời gian hoàn thành dự kiến"}},
    };
    return table;
}

const ColumnWordings& entry(PlanColumn column) {
    for (const auto& e : wordings_table())
        if (e.column == column) return e;
    return wordings_table().front();  // not reached: every column has an entry
}

// Folded wording → column, built once from the table.
const std::map<std::string, PlanColumn>& columns_by_key() {
    static const std::map<std::string, PlanColumn> keys = [] {
        std::map<std::string, PlanColumn> out;
        for (const auto& e : wordings_table())
            for (const auto& wording : e.wordings) out.emplace(header_key(wording), e.column);
        return out;
    }();
    return keys;
}

}  // namespace

std::string_view column_name(PlanColumn column) { return entry(column).name; }

const std::vector<std::string>& column_wordings(PlanColumn column) { return entry(column).wordings; }

std::string header_key(std::string_view cell) {
    const std::string folded = text::fold(text::strip_markup(cell));
    std::string out;
    out.reserve(folded.size());
    int depth = 0;
    for (const char c : folded) {
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (depth > 0) --depth;
            out += ' ';
        } else if (depth > 0) {
            continue;
        } else if (c == ',' || c == '/' || c == ':' || c == ';' || c == '.' || c == '-' || c == '*') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return text::collapse_whitespace(out);
}

std::optional<PlanColumn> column_named_by(std::string_view cell) {
    const auto& keys = columns_by_key();
    const auto found = keys.find(header_key(cell));
    if (found == keys.end()) return std::nullopt;
    return found->second;
}

bool is_header_row(const std::vector<std::string>& cells) {
    if (cells.size() < 2) return false;
    return std::any_of(cells.begin(), cells.end(), [](const std::string& cell) {
        // Header cells are short; a long cell is a task's text, not worth folding.
        return cell.size() < 64 && column_named_by(cell) == PlanColumn::kNumber;
    });
}

}  // namespace nhacviec
