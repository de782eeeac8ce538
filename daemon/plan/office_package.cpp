#include "plan/office_package.h"

#include <zip.h>

#include <algorithm>
#include <vector>

namespace nhacviec {
namespace {

constexpr std::string_view kOle2Magic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

// `name` as the UTF-16LE bytes an OLE2 directory entry stores.
std::string utf16le(std::string_view name) {
    std::string out;
    for (char c : name) {
        out.push_back(c);
        out.push_back('\0');
    }
    return out;
}

bool contains_utf16_name(std::string_view bytes, std::string_view name) {
    return bytes.find(utf16le(name)) != std::string_view::npos;
}

// "5309 bytes", "64 MiB" (rounded up).
std::string size_text(size_t bytes) {
    if (bytes < (size_t{1} << 20)) return std::to_string(bytes) + " bytes";
    return std::to_string((bytes + (size_t{1} << 20) - 1) >> 20) + " MiB";
}

}  // namespace

FileSignature file_signature(std::string_view bytes) {
    if (bytes.substr(0, 4) == std::string_view("PK\3\4", 4) || bytes.substr(0, 4) == std::string_view("PK\5\6", 4))
        return FileSignature::kZip;
    if (bytes.substr(0, kOle2Magic.size()) == kOle2Magic) return FileSignature::kOle2;
    if (bytes.substr(0, 4) == "%PDF") return FileSignature::kPdf;
    return FileSignature::kOther;
}

Error refusal_of(FileSignature signature, std::string_view bytes, std::string_view source) {
    return to_error(refusal_message(signature, bytes, source));
}

PlanMessage refusal_message(FileSignature signature, std::string_view bytes, std::string_view source) {
    const std::string file(source);
    const auto message = [&file](PlanMessageKind kind, std::string text) {
        return PlanMessage{kind, file, "", "", "", 0, file + ": " + text};
    };
    switch (signature) {
    case FileSignature::kPdf:
        return message(PlanMessageKind::kPdf, "a PDF file; export the table to .docx, or extract it as text, and import that");
    case FileSignature::kOle2:
        // Word and Excel keep an encrypted .docx/.xlsx in an OLE2 container
        // with the streams EncryptionInfo and EncryptedPackage.
        if (contains_utf16_name(bytes, "EncryptionInfo") || contains_utf16_name(bytes, "EncryptedPackage"))
            return message(PlanMessageKind::kEncrypted,
                           "an encrypted document: remove the password and save again, then import that");
        if (contains_utf16_name(bytes, "WordDocument"))
            return message(PlanMessageKind::kLegacyWord,
                           "a Word 97-2003 document (.doc); save it as .docx/.xlsx and import that");
        if (contains_utf16_name(bytes, "Workbook") || contains_utf16_name(bytes, "Book"))
            return message(PlanMessageKind::kLegacyExcel,
                           "an Excel 97-2003 workbook (.xls); save it as .docx/.xlsx and import that");
        return message(PlanMessageKind::kLegacyOffice,
                       "a legacy Office file (.doc/.xls); save it as .docx/.xlsx and import that");
    case FileSignature::kZip:
    case FileSignature::kOther:
        break;
    }
    return message(PlanMessageKind::kOther, "not a file nhacviec refuses by its first bytes");
}

struct OfficePackage::State {
    std::string source;
    std::string bytes;  // the archive; libzip reads it in place
    OfficePackageLimits limits;
    zip_t* archive = nullptr;
    mutable size_t inflated = 0;  // bytes produced by every read so far

    ~State() {
        if (archive) zip_discard(archive);
    }
};

OfficePackage::OfficePackage(std::unique_ptr<State> state) : state_(std::move(state)) {}
OfficePackage::OfficePackage(OfficePackage&&) noexcept = default;
OfficePackage& OfficePackage::operator=(OfficePackage&&) noexcept = default;
OfficePackage::~OfficePackage() = default;

const std::string& OfficePackage::source() const { return state_->source; }

Result<OfficePackage> OfficePackage::open(std::string bytes, std::string_view source,
                                          const OfficePackageLimits& limits, PlanMessage* refusal) {
    auto state = std::make_unique<State>();
    state->source = std::string(source);
    state->bytes = std::move(bytes);
    state->limits = limits;
    const std::string& file = state->source;
    const auto refused = [&file, refusal](PlanMessageKind kind, std::string text) {
        return refuse(PlanMessage{kind, file, "", "", "", 0, std::move(text)}, refusal);
    };
    const auto damaged = [&refused, &file] {
        return refused(PlanMessageKind::kDamagedZip, file + ": a damaged zip file; open it in Word or Excel and save it again");
    };

    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* zip_source = zip_source_buffer_create(state->bytes.data(), state->bytes.size(), 0, &error);
    if (!zip_source) {
        zip_error_fini(&error);
        return damaged();
    }
    state->archive = zip_open_from_source(zip_source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    zip_error_fini(&error);
    if (!state->archive) {
        zip_source_free(zip_source);
        return damaged();
    }

    const zip_int64_t count = zip_get_num_entries(state->archive, 0);
    if (count < 0) return damaged();
    if (static_cast<size_t>(count) > limits.max_entries)
        return refused(PlanMessageKind::kNotOfficeZip, file + ": a zip with " + std::to_string(count) +
                                                           " entries (at most " + std::to_string(limits.max_entries) +
                                                           "); not an office document nhacviec reads");
    size_t total = 0;
    bool content_types = false;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(state->archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0) return damaged();
        const std::string name = (stat.valid & ZIP_STAT_NAME) && stat.name ? stat.name : "";
        if (name == "[Content_Types].xml") content_types = true;
        if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
            return refused(PlanMessageKind::kEncrypted,
                           file + ": an encrypted document: remove the password and save again, then import that");
        if (!(stat.valid & ZIP_STAT_SIZE) || !(stat.valid & ZIP_STAT_COMP_SIZE)) return damaged();
        const std::string bomb = file + ": the zip's part \"" + name + "\" ";
        if (stat.size > limits.max_entry_bytes)
            return refused(PlanMessageKind::kZipBomb, bomb + "would inflate to " + size_text(stat.size) + " (at most " +
                                                          size_text(limits.max_entry_bytes) + "); a zip bomb, or not a plan");
        if (stat.size > limits.ratio_floor_bytes &&
            stat.size / std::max<zip_uint64_t>(stat.comp_size, 1) > limits.max_ratio)
            return refused(PlanMessageKind::kZipBomb,
                           bomb + "would inflate " + std::to_string(stat.size / std::max<zip_uint64_t>(stat.comp_size, 1)) +
                               " times (at most " + std::to_string(limits.max_ratio) + "); a zip bomb, or not a plan");
        total += static_cast<size_t>(stat.size);
        if (total > limits.max_total_bytes)
            return refused(PlanMessageKind::kZipBomb, file + ": the zip would inflate to more than " +
                                                          size_text(limits.max_total_bytes) + "; a zip bomb, or not a plan");
    }
    if (!content_types)
        return refused(PlanMessageKind::kNotOfficeZip,
                       file + ": a zip file that is not an office document (no [Content_Types].xml); "
                              "import a Word document (.docx), an Excel workbook (.xlsx) or a text file");
    return OfficePackage(std::move(state));
}

bool OfficePackage::has(std::string_view part) const {
    return zip_name_locate(state_->archive, std::string(part).c_str(), 0) >= 0;
}

Result<std::string> OfficePackage::read(std::string_view part) const {
    const std::string name(part);
    const std::string where = state_->source + ": the part \"" + name + "\"";
    const zip_int64_t index = zip_name_locate(state_->archive, name.c_str(), 0);
    if (index < 0) return Error{where + " is missing"};
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(state_->archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
        return Error{where + " is damaged; open the file in Word or Excel and save it again"};
    zip_file_t* entry = zip_fopen_index(state_->archive, static_cast<zip_uint64_t>(index), 0);
    if (!entry) return Error{where + " is damaged; open the file in Word or Excel and save it again"};
    std::string out;
    out.reserve(static_cast<size_t>(stat.size));
    std::vector<char> buffer(size_t{64} << 10);
    const size_t limit = std::min<size_t>(static_cast<size_t>(stat.size), state_->limits.max_entry_bytes);
    while (true) {
        const zip_int64_t n = zip_fread(entry, buffer.data(), buffer.size());
        if (n < 0) {
            zip_fclose(entry);
            return Error{where + " is damaged; open the file in Word or Excel and save it again"};
        }
        if (n == 0) break;
        state_->inflated += static_cast<size_t>(n);
        if (out.size() + static_cast<size_t>(n) > limit || state_->inflated > state_->limits.max_total_bytes) {
            zip_fclose(entry);
            return Error{where + " inflates to more than its directory says; a zip bomb, or a damaged file"};
        }
        out.append(buffer.data(), static_cast<size_t>(n));
    }
    zip_fclose(entry);
    return out;
}

}  // namespace nhacviec
