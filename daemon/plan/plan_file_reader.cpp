#include "plan/plan_file_reader.h"

#include "plan/docx_plan_reader.h"
#include "plan/office_package.h"
#include "plan/text_plan_reader.h"
#include "plan/xlsx_plan_reader.h"

namespace nhacviec {

Result<PlanDocument> read_plan_document(std::string bytes, std::string_view source) {
    const FileSignature signature = file_signature(bytes);
    switch (signature) {
    case FileSignature::kOther:
        return read_text_plan(bytes, source);
    case FileSignature::kOle2:
    case FileSignature::kPdf:
        return refusal_of(signature, bytes, source);
    case FileSignature::kZip:
        break;
    }
    auto package = OfficePackage::open(std::move(bytes), source);
    if (!package) return package.error();
    if (package->has("word/document.xml")) return read_docx_plan(*package);
    if (package->has("xl/workbook.xml")) return read_xlsx_plan(*package);
    return Error{std::string(source) + ": an office document that is neither a Word document nor an Excel workbook "
                                       "(no word/document.xml, no xl/workbook.xml); save the plan as .docx or .xlsx "
                                       "and import that"};
}

}  // namespace nhacviec
