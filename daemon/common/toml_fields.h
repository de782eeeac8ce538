// TomlFields: typed, strict reading of one TOML table. Every getter records
// the key as known; finish() then reports the first problem: a wrong type, a
// missing required key, or a key nobody asked for. Messages name the place:
//   config.toml:12:5: [storage] database: expected a string
// Owned by the loader that reads one table; not shared.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "common/result.h"

namespace nhacviec {

class TomlFields {
public:
    // `source` is the file name used in messages; `section` is how the table
    // is named in them ("" for the root, "[storage]", "agency \"Sở Nội vụ\"").
    TomlFields(const toml::table& table, std::string source, std::string section);

    std::optional<std::string> string(std::string_view key, bool required = false);
    // `meaning` explains the numbers when the value is not one ("1 = Monday … 5 = Friday").
    std::optional<int64_t> integer(std::string_view key, int64_t min, int64_t max, bool required = false,
                                   std::string_view meaning = {});
    std::optional<bool> boolean(std::string_view key);
    // An array of strings; a single string is not accepted in its place.
    std::optional<std::vector<std::string>> strings(std::string_view key, bool required = false);
    const toml::table* table(std::string_view key);
    const toml::array* array(std::string_view key);

    // Records a problem at the position of `key` (or of the table).
    void fail(std::string_view key, std::string_view message);

    // The first problem found, including keys that no getter asked for.
    Status finish();

    // Adopts the problem of a nested table's finish(), if any.
    void merge(const Status& nested) {
        if (!nested) errors_.push_back(nested.error().message);
    }

    // "file:line:col" of a node, for messages built outside this class.
    std::string where(const toml::node& node) const;

private:
    const toml::node* lookup(std::string_view key, bool required);
    void fail_at(const toml::source_region& region, std::string_view key, std::string_view message);

    const toml::table& table_;
    std::string source_;
    std::string section_;
    std::set<std::string, std::less<>> known_;
    std::vector<std::string> errors_;
};

// "file:line:col" of a source position.
std::string toml_position(std::string_view source, const toml::source_region& region);

// Parses TOML text; a syntax error names the file, line and column.
Result<toml::table> parse_toml(std::string_view text, std::string_view source);

}  // namespace nhacviec
