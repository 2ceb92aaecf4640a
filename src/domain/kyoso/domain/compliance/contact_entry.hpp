#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

// Something of value that changed hands (or was offered) during a contact: a
// description and an estimated amount in yen (unknown = nullopt).
struct ValueItem {
    std::string description;
    std::optional<long long> estimated_yen;
    bool empty() const { return description.empty() && !estimated_yen; }
};

// One entry of the compliance contact log (接触記録, 透明性と説明責任): an interaction
// of a sales user with an official of a government. Entries are append-only; a
// correction is a new entry whose corrects_id names the corrected one.
struct ContactEntry {
    long long id = 0;
    std::string government_code;  // 6 digits
    long long official_id = 0;    // 0 = no specific official (e.g. a department visit)
    std::string official_name;    // as of the contact (snapshot)
    std::string department;       // the official's 所属 as of the contact (snapshot)
    long long user_id = 0;
    Date occurred_on{};
    std::string channel;  // ContactChannels() slug
    std::string summary;
    long long activity_id = 0;  // 0 = recorded directly, not from an activity
    long long deal_id = 0;      // 0 = not linked
    ValueItem value_given;
    ValueItem value_received;
    long long corrects_id = 0;  // 0 = an original entry
    std::string recorded_at;    // UTC instant the entry was written
};

// The channel slugs a contact may have: the activity types plus gift, meal
// (会食), event and other.
const std::vector<std::string_view>& ContactChannels();
bool IsContactChannel(std::string_view slug);
// Japanese label for the disclosure export (訪問, 電話, 贈答, ...); the slug itself when unknown.
std::string_view ContactChannelLabelJa(std::string_view slug);

}  // namespace kyoso::domain
