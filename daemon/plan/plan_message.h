// PlanMessage: a refusal of a plan file or a warning of its import, as a
// kind and the fields it names (the file, the place, the task, the phrase)
// besides the English text the CLI prints. The console words each kind in
// Vietnamese (web/plan_message_wording.h). Made by the readers, the parser
// and the importer; a plain value, no thread of its own.
#pragma once

#include <string>

#include "common/result.h"

namespace nhacviec {

// What a message says. kOther is anything without a kind of its own: its
// reader shows the technical detail.
enum class PlanMessageKind {
    kOther,
    // Refusals of the file by its first bytes or its container.
    kLegacyWord,           // a Word 97-2003 .doc
    kLegacyExcel,          // an Excel 97-2003 .xls
    kLegacyOffice,         // an OLE2 file that is neither
    kPdf,
    kEncrypted,
    kDamagedZip,
    kZipBomb,              // a part or the whole would inflate beyond the limits
    kNotOfficeZip,         // a zip without [Content_Types].xml, or with too many entries
    kOtherOfficeDocument,  // an office document that is neither Word nor Excel
    // Refusals of a text file.
    kEmptyFile,
    kUtf16,
    kNotText,              // a NUL byte
    kNotUtf8,              // `phrase` holds the byte ("0xC3")
    // Refusals of the plan's content.
    kNoPlanNumber,
    kNoIssueDate,
    kNoTable,
    kNoTasks,
    kMissingColumn,        // `phrase` names the columns by their first wording, tab-separated ("Cơ quan chủ trì")
    kDuplicateTask,        // `task` holds the code
    kUnrecognisedRowNumber,  // `phrase` holds the number as written
    // Warnings of an import.
    kIgnoredColumn,        // `phrase` holds the column's header ("Ghi chú", or ""), `column` its number
    kDeadlineNamesNoDate,  // `phrase` holds the deadline as written
    kDeadlineUnrecognised,
    kDeadlineImpossible,   // no such quarter, month, date or year, a reversed period
    kDeadlineEmpty,
    kNoLeadAgency,
    kUnknownAgency,        // `phrase` holds the agency's name
};

// One refusal or warning, owned by whoever holds it.
struct PlanMessage {
    PlanMessageKind kind = PlanMessageKind::kOther;
    std::string file;      // the file, as messages name it
    std::string location;  // as TableRow::location: "145", "bảng 1, hàng 5", "Sheet1!A5"; "" for the whole file
    std::string task;      // the task code, or ""
    std::string phrase;    // what the kind says it holds, or ""
    int column = 0;        // the table's column, from 1, that the message is about, or 0
    std::string text;      // the English message, exactly as the CLI prints it ("plan.txt:84: …")

    // What follows "file:location: " in `text`: the technical detail.
    std::string detail() const;
};

// An Error carrying `message.text`.
inline Error to_error(const PlanMessage& message) { return Error{message.text}; }

// Records `message` in `*where` when `where` is not null, and returns it as an Error: how readers that
// return Result<T> also hand their refusal's kind and fields to a caller that asks for them.
Error refuse(PlanMessage message, PlanMessage* where);

// A message of kind kOther for an English `error` about `file` (e.g. from a library or an unclassified
// check), so that every refusal has a PlanMessage.
PlanMessage other_message(const Error& error, const std::string& file);

}  // namespace nhacviec
