// The Vietnamese wording of a plan file's refusals and of its import's
// warnings (plan/plan_message.h), as the console's upload page shows them:
// one table of kinds → sentences, in plan_message_wording.cpp. A kind
// without a sentence of its own gets a Vietnamese frame and the English
// detail ("Chi tiết: …"). Pure functions over constant data, safe on any
// thread.
#pragma once

#include <string>

#include "plan/plan_message.h"

namespace nhacviec::web {

// Why a file is refused, naming it: "Tệp plan.doc là tài liệu Word 97-2003 (.doc): hãy lưu lại dưới dạng
// .docx rồi tải lên."
std::string refusal_in_words(const PlanMessage& message);

// A warning of an import, naming its place and task: "Dòng 145, nhiệm vụ II.5.13: thời hạn “Trong từng giai
// đoạn” không nêu ngày cụ thể; …".
std::string warning_in_words(const PlanMessage& message);

// Where a message points, in words, as it would stand inside a sentence: "dòng 145", "dòng 12, cột 5",
// "bảng 1, hàng 5", "ô Sheet1!A5", "đoạn 12"; "" for the whole file.
std::string place_in_words(const std::string& location);

}  // namespace nhacviec::web
