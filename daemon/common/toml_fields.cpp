#include "common/toml_fields.h"

namespace nhacviec {

std::string toml_position(std::string_view source, const toml::source_region& region) {
    std::string out(source);
    if (region.begin.line > 0) {
        out += ":" + std::to_string(region.begin.line);
        if (region.begin.column > 0) out += ":" + std::to_string(region.begin.column);
    }
    return out;
}

Result<toml::table> parse_toml(std::string_view text, std::string_view source) {
    try {
        return toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        return Error{toml_position(source, e.source()) + ": " + std::string(e.description())};
    }
}

TomlFields::TomlFields(const toml::table& table, std::string source, std::string section)
    : table_(table), source_(std::move(source)), section_(std::move(section)) {}

std::string TomlFields::where(const toml::node& node) const { return toml_position(source_, node.source()); }

void TomlFields::fail_at(const toml::source_region& region, std::string_view key, std::string_view message) {
    std::string text = toml_position(source_, region) + ": ";
    if (!section_.empty()) text += section_ + " ";
    text += std::string(key) + ": " + std::string(message);
    errors_.push_back(std::move(text));
}

void TomlFields::fail(std::string_view key, std::string_view message) {
    const toml::node* node = table_.get(key);
    fail_at(node ? node->source() : table_.source(), key, message);
}

const toml::node* TomlFields::lookup(std::string_view key, bool required) {
    known_.emplace(key);
    const toml::node* node = table_.get(key);
    if (!node && required) fail_at(table_.source(), key, "is required");
    return node;
}

std::optional<std::string> TomlFields::string(std::string_view key, bool required) {
    const toml::node* node = lookup(key, required);
    if (!node) return std::nullopt;
    if (const auto* value = node->as_string()) return value->get();
    fail_at(node->source(), key, "expected a string");
    return std::nullopt;
}

std::optional<int64_t> TomlFields::integer(std::string_view key, int64_t min, int64_t max, bool required,
                                           std::string_view meaning) {
    const toml::node* node = lookup(key, required);
    if (!node) return std::nullopt;
    const auto* value = node->as_integer();
    if (!value) {
        fail_at(node->source(), key,
                "expected an integer" + (meaning.empty() ? std::string() : " (" + std::string(meaning) + ")"));
        return std::nullopt;
    }
    if (value->get() < min || value->get() > max) {
        fail_at(node->source(), key,
                "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", not " +
                    std::to_string(value->get()));
        return std::nullopt;
    }
    return value->get();
}

std::optional<bool> TomlFields::boolean(std::string_view key) {
    const toml::node* node = lookup(key, false);
    if (!node) return std::nullopt;
    if (const auto* value = node->as_boolean()) return value->get();
    fail_at(node->source(), key, "expected true or false");
    return std::nullopt;
}

std::optional<std::vector<std::string>> TomlFields::strings(std::string_view key, bool required) {
    const toml::node* node = lookup(key, required);
    if (!node) return std::nullopt;
    const auto* array = node->as_array();
    if (!array) {
        fail_at(node->source(), key, "expected an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& element : *array) {
        const auto* value = element.as_string();
        if (!value) {
            fail_at(element.source(), key, "expected an array of strings");
            return std::nullopt;
        }
        out.push_back(value->get());
    }
    return out;
}

const toml::table* TomlFields::table(std::string_view key) {
    const toml::node* node = lookup(key, false);
    if (!node) return nullptr;
    if (const auto* value = node->as_table()) return value;
    fail_at(node->source(), key, "expected a table");
    return nullptr;
}

const toml::array* TomlFields::array(std::string_view key) {
    const toml::node* node = lookup(key, false);
    if (!node) return nullptr;
    if (const auto* value = node->as_array()) return value;
    fail_at(node->source(), key,
            node->is_table() ? "expected an array of tables: [[…]] with double brackets, not a single [table]"
                             : "expected an array");
    return nullptr;
}

Status TomlFields::finish() {
    for (const auto& [key, node] : table_) {
        if (known_.count(key.str()) == 0) fail_at(key.source(), key.str(), "unknown key");
    }
    if (errors_.empty()) return {};
    return Error{errors_.front()};
}

}  // namespace nhacviec
