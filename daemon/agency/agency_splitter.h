// Splitting a lead or cooperating cell of a plan into the agencies it names.
//
// Cells separate agencies by ';', "- " bullets, <li> items and ". ", and
// sometimes by ", ", " và " or " - ", which also occur inside names. So the
// directory is consulted first (longest match of its names and aliases), and
// only the text it does not know is split by rules. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "agency/agency_directory.h"

namespace nhacviec {

// One agency named in a cell. A value type.
struct AgencyMention {
    std::string name;    // canonical name when known; otherwise the text as written (trimmed of bullets and
                         // punctuation, NFC)
    bool known = false;  // found in the directory

    bool operator==(const AgencyMention&) const = default;
};

// "Sở Tài chính; Sở Nội vụ": the names of `mentions`, as messages and pages list them.
std::string joined_names(const std::vector<AgencyMention>& mentions);

// The agencies `cell` names, in order of first appearance, without duplicates.
// Markup is removed first (text::strip_markup). Text that names no directory
// entry is kept as unknown mentions, except bare connectors ("và", "các").
std::vector<AgencyMention> split_agencies(std::string_view cell, const AgencyDirectory& directory);

// Expands the usual abbreviations in folded text (text::fold), whole words
// only: UBND -> ủy ban nhân dân, HĐND -> hội đồng nhân dân, TP -> thành phố,
// NHNN -> ngân hàng nhà nước, NHCSXH -> ngân hàng chính sách xã hội,
// BHXH -> bảo hiểm xã hội, KV -> khu vực. The result is folded too.
std::string expand_abbreviations(std::string_view folded);

}  // namespace nhacviec
