// The agency directory: the agencies and groups that plans name, the
// spellings they go by, and where their reminders go. Loaded from a TOML file
// (config/agencies.toml documents the format; a copy is built into the
// binary), validated as a whole, then immutable and shared read-only.
//
// Names match when their words match: case, Unicode form, old and new tone
// placement, dashes and the punctuation between words are ignored, and the
// usual abbreviations (UBND, TP, NHNN, BHXH, KV, ...) are expanded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"

namespace nhacviec {

// Whether an entry is one office or a group of offices (a "distribution list").
enum class AgencyKind { office, group };

// One entry of the directory. Owned by the AgencyDirectory that loaded it.
struct Agency {
    std::string name;                  // canonical name, NFC
    std::vector<std::string> aliases;  // other spellings, NFC
    AgencyKind kind = AgencyKind::office;
    std::vector<std::string> members;  // for groups: canonical names of member entries
    std::vector<std::string> emails;
    std::vector<std::string> webhooks;  // endpoint URLs
};

// The agencies with a standing role in every plan, by canonical name; "" when
// the directory assigns the role to nobody. Owned by the AgencyDirectory.
struct AgencyRoles {
    std::string monitoring;   // follows the plan's execution (plan section IV.2): escalations, weekly digest
    std::string city_office;  // weekly digest, escalations from level 2
    std::string leadership;   // the city leadership: escalations from level 3
};

// One word of a text as names are matched: its key (folded, and for an
// abbreviation one word of its expansion) and the byte range of the word as
// written. A value type produced by match_words().
struct MatchWord {
    std::string key;
    size_t begin = 0;  // byte offsets of the source word in the text
    size_t end = 0;
    bool expanded = false;         // comes from an abbreviation's expansion
    bool ends_source_word = true;  // false for all but the last word of an expansion
};

// The words of `text` as names are matched: runs of letters and digits, folded
// with text::fold, abbreviations expanded; punctuation and spaces separate
// words and are otherwise ignored.
std::vector<MatchWord> match_words(std::string_view text);

// The agency directory. Immutable after loading; share it by const reference.
class AgencyDirectory {
public:
    // An empty directory: it knows no agency and assigns no role.
    AgencyDirectory();

    // Parses and validates a directory. Errors name the place, e.g.
    //   agencies.toml:12:1: agency "Sở Tài chính" emial: unknown key
    static Result<AgencyDirectory> parse(std::string_view toml_text, std::string_view source_name);
    // Reads and parses a file; an unreadable file is an error naming it.
    static Result<AgencyDirectory> load_file(const std::filesystem::path& path);
    // The built-in Hải Phòng directory (config/agencies.toml as built).
    static Result<AgencyDirectory> load_embedded();

    // The entry with this canonical name or alias, compared word by word as
    // described above; nullptr when there is none.
    const Agency* find(std::string_view name) const;

    const std::vector<Agency>& agencies() const { return agencies_; }
    const AgencyRoles& roles() const { return roles_; }

    // match_words(text), faster: words spelled as in the directory's names
    // are not folded again.
    std::vector<MatchWord> words_of(std::string_view text) const;

    // The matching index, for split_agencies: every name and alias is a path
    // of word ids from the root node of a trie.
    static constexpr uint32_t kNoWord = UINT32_MAX;  // a word that no name contains
    static constexpr uint32_t kNoNode = UINT32_MAX;
    static constexpr uint32_t kRoot = 0;
    // The id of a folded word (a MatchWord key), or kNoWord.
    uint32_t word_id(std::string_view key) const;
    // The node reached from `node` by `word`, or kNoNode.
    uint32_t next_node(uint32_t node, uint32_t word) const;
    // The index in agencies() of the entry a name or alias of which ends at
    // `node`, or nullopt.
    std::optional<size_t> agency_at(uint32_t node) const;

private:
    struct WordHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    // Adds a name's words to the trie; returns the node where the name ends.
    uint32_t insert_words(const std::vector<MatchWord>& words);
    // The node `words` lead to from the root, or kNoNode.
    uint32_t walk(const std::vector<MatchWord>& words) const;

    std::vector<Agency> agencies_;
    AgencyRoles roles_;
    std::unordered_map<std::string, uint32_t, WordHash, std::equal_to<>> word_ids_;
    std::unordered_map<std::string, std::string, WordHash, std::equal_to<>> spellings_;  // word as written -> key
    std::unordered_map<uint64_t, uint32_t> edges_;  // (node << 32 | word id) -> child node
    std::vector<int32_t> node_agency_;              // per node: index of the agency ending there, or -1
};

}  // namespace nhacviec
