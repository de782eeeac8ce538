// OfficePackage: an Office Open XML file (.docx, .xlsx) opened from memory
// with libzip, the one place where nhacviec opens zip archives. Limits are
// checked on the central directory before anything is inflated (the number
// of entries, each entry's uncompressed size, their total and the ratio to
// the compressed size), and the bytes actually inflated are counted again
// while reading. Also recognises, by their first bytes, the files people
// send instead of one (a legacy .doc/.xls, an encrypted document, a PDF) and
// refuses them with what to do. Owned by its reader; no thread of its own,
// not shared between threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "plan/plan_message.h"

namespace nhacviec {

// What a file is, by its first bytes.
enum class FileSignature {
    kZip,   // "PK\3\4" (or an empty zip's "PK\5\6"): an office document, perhaps
    kOle2,  // D0 CF 11 E0 A1 B1 1A E1: a legacy .doc/.xls, or an encrypted .docx/.xlsx
    kPdf,   // "%PDF"
    kOther, // text, or anything else the text reader will judge
};

FileSignature file_signature(std::string_view bytes);

// The refusal of a file that is an OLE2 compound file or a PDF, naming
// `source` and what to do: "plan.doc: a Word 97-2003 document (.doc); save
// it as .docx/.xlsx and import that". An error for any other signature.
Error refusal_of(FileSignature signature, std::string_view bytes, std::string_view source);
// The same refusal with its kind and fields.
PlanMessage refusal_message(FileSignature signature, std::string_view bytes, std::string_view source);

// Limits on a package, checked before inflating.
struct OfficePackageLimits {
    size_t max_entries = 10'000;                   // a 10,000-task .docx has about 20 entries
    size_t max_entry_bytes = size_t{256} << 20;    // one part, uncompressed
    size_t max_total_bytes = size_t{512} << 20;    // all parts, uncompressed
    // Largest uncompressed/compressed ratio of a part bigger than
    // ratio_floor_bytes (XML compresses 10-30 times; a zip bomb a thousand).
    size_t max_ratio = 200;
    size_t ratio_floor_bytes = size_t{1} << 20;
};

class OfficePackage {
public:
    // Opens the zip in `bytes`. Fails, naming `source`, on a damaged zip, a
    // zip that is not an Office Open XML package (no [Content_Types].xml),
    // encrypted parts, and on any limit exceeded. A failure's kind and fields
    // go to `*refusal` when it is not null.
    static Result<OfficePackage> open(std::string bytes, std::string_view source,
                                      const OfficePackageLimits& limits = {}, PlanMessage* refusal = nullptr);

    OfficePackage(OfficePackage&&) noexcept;
    OfficePackage& operator=(OfficePackage&&) noexcept;
    ~OfficePackage();

    const std::string& source() const;
    bool has(std::string_view part) const;
    // The part's bytes, inflated with the limits counted on the bytes
    // actually produced; fails naming the part when it is missing or damaged.
    Result<std::string> read(std::string_view part) const;

private:
    struct State;
    explicit OfficePackage(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace nhacviec
