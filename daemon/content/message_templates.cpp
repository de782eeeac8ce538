#include "content/message_templates.h"


#include "common/embedded.h"
#include "common/text.h"
#include "common/text_file.h"

namespace nhacviec {
namespace {

constexpr const char* kKindNames[] = {"reminder", "review", "escalation", "digest"};

}  // namespace

Result<MessageTemplates> MessageTemplates::load(const Reader& read, const Namer& source) {
    std::array<std::optional<Kind>, 4> kinds;
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
    const auto source = [&](const std::string& file) { return (folder / file).string(); };
    const auto read = [&](const std::string& file) -> Result<std::string> {
        return read_text_file(folder / file, kMaxConfigFileBytes);
    };
    return load(read, source);
}

Result<MessageTemplates> MessageTemplates::load_embedded() {
    const auto source = [](const std::string& file) { return "config/templates/" + file + " (built in)"; };
    const auto read = [](const std::string& file) -> Result<std::string> {
        auto content = embedded_file("config/templates/" + file);
        if (!content) return Error{"no built-in template config/templates/" + file};
        return std::string(*content);
    };
    return load(read, source);
}

Message MessageTemplates::render(NotificationKind kind, const nlohmann::json& context) const {
    const size_t index = static_cast<size_t>(kind);
    if (index >= kinds_.size() || !kinds_[index]) return {};
    const Kind& k = *kinds_[index];
    return {text::collapse_whitespace(k.subject.render(context)), k.text.render(context), k.html.render(context)};
}

}  // namespace nhacviec
