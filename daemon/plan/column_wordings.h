// The columns of a plan's appendix table and the wordings their headers use
// across the family of plans (domain guide §1): one table, in
// column_wordings.cpp. A header cell names a column when, normalised
// (header_key), it equals one of the column's wordings. Pure functions over
// constant data, safe on any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nhacviec {

// What a column of the appendix holds, for the plan's tasks.
enum class PlanColumn { kNumber, kTask, kLead, kCooperating, kProduct, kDeadline };

// Every column nhacviec reads, in the seed's order; a table must have each once.
inline constexpr PlanColumn kPlanColumns[] = {PlanColumn::kNumber,      PlanColumn::kTask,    PlanColumn::kLead,
                                              PlanColumn::kCooperating, PlanColumn::kProduct, PlanColumn::kDeadline};

// The column's name in messages: "number", "task", "lead agency",
// "cooperating agencies", "product", "deadline".
std::string_view column_name(PlanColumn column);

// The wordings looked for, as written: {"TT", "STT", "Số TT", "Số thứ tự"} for the number.
const std::vector<std::string>& column_wordings(PlanColumn column);

// A header cell's text as compared with the wordings: markup removed,
// folded (text::fold: case, Unicode form, tone-mark placement, spaces and
// line breaks), text in parentheses dropped ("Sản phẩm (1)"), and the
// punctuation , / : ; . - between words made a space ("Kết quả/sản phẩm" =
// "Kết quả / sản phẩm" = "kết quả sản phẩm"). Diacritics stay: "Thời hạn"
// is not "Thoi han".
std::string header_key(std::string_view cell);

// The column a header cell names, or nullopt.
std::optional<PlanColumn> column_named_by(std::string_view cell);

// Whether a row may be the table's header: two cells or more, one of them
// naming the number column ("TT", "STT").
bool is_header_row(const std::vector<std::string>& cells);

}  // namespace nhacviec
