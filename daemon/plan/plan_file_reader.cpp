#include "plan/plan_file_reader.h"

#include "plan/docx_plan_reader.h"
#include "plan/office_package.h"
#include "plan/text_plan_reader.h"
#include "plan/xlsx_plan_reader.h"

namespace nhacviec {

namespace {

// A reader's Error, recorded as a message of kind kOther.
Result<PlanDocument> with_other(Result<PlanDocument> read, std::string_view source, PlanMessage* refusal) {
    if (!read && refusal) *refusal = other_message(read.error(), std::string(source));
    return read;
}

}  // namespace

Result<PlanDocument> read_plan_document(std::string bytes, std::string_view source, PlanMessage* refusal) {
    const FileSignature signature = file_signature(bytes);
    switch (signature) {
    case FileSignature::kOther:
        return read_text_plan(bytes, source, refusal);
    case FileSignature::kOle2:
    case FileSignature::kPdf:
        return refuse(refusal_message(signature, bytes, source), refusal);
    case FileSignature::kZip:
        break;
    }
    auto package = OfficePackage::open(std::move(bytes), source, {}, refusal);
    if (!package) return package.error();
    if (package->has("word/document.xml")) return with_other(read_docx_plan(*package), source, refusal);
    if (package->has("xl/workbook.xml")) return with_other(read_xlsx_plan(*package), source, refusal);
    const std::string file(source);
    return refuse({PlanMessageKind::kOtherOfficeDocument, file, "", "", "", 0,
                   file + ": an office document that is neither a Word document nor an Excel workbook "
                          "(no word/document.xml, no xl/workbook.xml); save the plan as .docx or .xlsx "
                          "and import that"},
                  refusal);
}

}  // namespace nhacviec
