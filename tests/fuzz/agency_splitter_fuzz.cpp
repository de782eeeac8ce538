// Fuzz target: splitting a lead or cooperating cell into agencies
// (split_agencies) against the built-in Hải Phòng directory, loaded once as
// the commands load it when no directory is configured. Cells reach the
// splitter from the plan parser and the configuration, so as valid UTF-8
// only. Checks the promises of agency_splitter.h: names are non-empty, NFC
// and distinct, and a known name is the canonical name of its entry.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "agency/agency_splitter.h"
#include "common/text.h"

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

const nhacviec::AgencyDirectory& directory() {
    static const nhacviec::AgencyDirectory loaded = [] {
        auto embedded = nhacviec::AgencyDirectory::load_embedded();
        check(embedded.ok());
        return std::move(*embedded);
    }();
    return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view cell(reinterpret_cast<const char*>(data), size);
    if (nhacviec::text::first_invalid_utf8(cell)) return -1;  // not a cell any caller passes
    const auto mentions = nhacviec::split_agencies(cell, directory());
    std::set<std::string> names;
    for (const auto& mention : mentions) {
        check(!mention.name.empty());
        check(names.insert(mention.name).second);
        check(nhacviec::text::to_nfc(mention.name) == mention.name);
        check(!nhacviec::text::first_invalid_utf8(mention.name));
        if (mention.known) {
            const nhacviec::Agency* agency = directory().find(mention.name);
            check(agency != nullptr && agency->name == mention.name);
        }
    }
    return 0;
}
