#include "content/message_templates.h"

#include <vector>


#include "common/embedded.h"
#include "common/text.h"
#include "common/text_file.h"

namespace nhacviec {
namespace {

constexpr const char* kKindNames[] = {"reminder", "review", "escalation", "digest", "answer", "decision"};

// The kinds a template folder may leave out, taking the built-in copies: they came after the others.
constexpr const char* kOptionalKinds[] = {"answer", "decision"};

Result<std::string> read_embedded(const std::string& file) {
    auto content = embedded_file("config/templates/" + file);
    if (!content) return Error{"no built-in template config/templates/" + file};
    return std::string(*content);
}

}  // namespace

Result<MessageTemplates> MessageTemplates::load(const Reader& read, const Namer& source) {
    std::array<std::optional<Kind>, kKinds> kinds;
    for (size_t k = 0; k < kinds.size(); ++k) {
        const std::string name = kKindNames[k];
        std::vector<Template> parsed;
        for (const auto& [file, escape] : {std::pair{name + ".subject.txt", Template::Escape::none},
                                          std::pair{name + ".txt", Template::Escape::none},
                                          std::pair{name + ".html", Template::Escape::html}}) {
            auto text = read(file);
            if (!text) return text.error();
            if (auto bad = text::first_invalid_utf8(*text))
                return Error{source(file) + ": not UTF-8 (at byte " + std::to_string(*bad + 1) + ")"};
            auto parsed_template = Template::parse(*text, source(file), escape);
            if (!parsed_template) return parsed_template.error();
            parsed.push_back(std::move(*parsed_template));
        }
        kinds[k] = Kind{std::move(parsed[0]), std::move(parsed[1]), std::move(parsed[2])};
    }
    return MessageTemplates(std::move(kinds));
}

Result<MessageTemplates> MessageTemplates::load_folder(const std::filesystem::path& folder) {
    // The optional kinds of which the folder has none of the three files.
    std::vector<std::string> builtin;
    for (const std::string optional : kOptionalKinds)
        if (!std::filesystem::exists(folder / (optional + ".subject.txt")) &&
            !std::filesystem::exists(folder / (optional + ".txt")) &&
            !std::filesystem::exists(folder / (optional + ".html")))
            builtin.push_back(optional);
    const auto from_builtin = [&](const std::string& file) {
        for (const std::string& kind : builtin)
            if (file.compare(0, kind.size() + 1, kind + ".") == 0) return true;
        return false;
    };
    const auto source = [&](const std::string& file) {
        return from_builtin(file) ? "config/templates/" + file + " (built in)" : (folder / file).string();
    };
    const auto read = [&](const std::string& file) -> Result<std::string> {
        if (from_builtin(file)) return read_embedded(file);
        return read_text_file(folder / file, kMaxConfigFileBytes);
    };
    return load(read, source);
}

Result<MessageTemplates> MessageTemplates::load_embedded() {
    const auto source = [](const std::string& file) { return "config/templates/" + file + " (built in)"; };
    return load(read_embedded, source);
}

Message MessageTemplates::render(NotificationKind kind, const nlohmann::json& context) const {
    const size_t index = static_cast<size_t>(kind);
    if (index >= kinds_.size() || !kinds_[index]) return {};
    const Kind& k = *kinds_[index];
    return {text::collapse_whitespace(k.subject.render(context)), k.text.render(context), k.html.render(context)};
}

}  // namespace nhacviec
