#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain::ml {

// Dates in the models are day numbers (days since 1970-01-01) for speed.
inline constexpr int kNoDay = std::numeric_limits<int>::max();
int DayNumber(Date date);
Date FromDayNumber(int day);

// The activity types the features count ("other" for the rest).
enum class ActivityKind : std::uint8_t {
    kVisit,
    kCall,
    kEmail,
    kOnlineMeeting,
    kDemo,
    kReferenceQuote,
    kProposal,
    kOther
};
ActivityKind ActivityKindFromSlug(std::string_view slug);

// The pipeline stages as ordinals (domain::Stage order: 0 情報収集 … 6 入札・提案, 7 受注,
// 8 失注, 9 見送り); -1 for an unknown slug.
int StageOrdinal(std::string_view slug);

// What the models know of one government (governments table).
struct GovernmentFacts {
    std::string code;
    std::string prefecture_code;
    std::string kind;  // domain::KindSlug
    std::string similar_group;
    double population = std::numeric_limits<double>::quiet_NaN();
    double fiscal_strength = std::numeric_limits<double>::quiet_NaN();
};

struct ActivityFact {
    int day = 0;
    ActivityKind kind = ActivityKind::kOther;
};

struct StageMove {
    int day = 0;
    int to_stage = 0;  // StageOrdinal
};

// One deal with everything dated that the features may use; vectors sorted by day.
struct DealFacts {
    long long id = 0;
    int government = -1;  // index into History::governments
    long long product_id = 0;
    long long amount = 0;
    int fiscal_year = 0;  // the budget year the deal is for
    int stage = 0;        // the current stage (StageOrdinal); the label source, never a feature
    int created = 0;
    int closed = kNoDay;
    std::string lead_source;  // of the lead converted into this deal ("" when none)
    std::vector<StageMove> moves;
    std::vector<ActivityFact> activities;
    // posted_from days (after created) of officials who took the champion's post
    // (same government, department, title and decision role) — 担当者異動.
    std::vector<int> rotations;
};

// A lead with the facts known when it was created.
struct LeadFacts {
    long long id = 0;
    int government = -1;
    std::string source;
    std::string status;  // new | working | qualified | disqualified | converted
    int created = 0;
};

// An official as the rotation rule needs it.
struct OfficialFacts {
    long long id = 0;
    std::string government_code;
    std::string department;
    std::string title;
    std::string decision_role;
    int posted_from = kNoDay;
};

// Won deals by peer key, for "adoption by peers before t" (docs/demo-data.md effect 2).
class PeerIndex {
public:
    // Keys of a government: "P<prefecture>" for a municipality (not a 都道府県), and
    // "G<group>" for its peer group (similar_group, else the kind of a 都道府県, 政令市,
    // 中核市 or 特別区).
    static std::vector<std::string> KeysOf(const GovernmentFacts& g);
    void Build(const std::vector<GovernmentFacts>& governments, const std::vector<DealFacts>& deals);
    // Won deals for `product_id` (0 = any product) of other governments sharing a key with
    // `government`, closed before `day`.
    int AdoptersBefore(int government, long long product_id, int day) const;

private:
    std::vector<std::vector<std::string>> keys_;  // per government
    // key + "#" + product → (closed day, government), sorted
    std::unordered_map<std::string, std::vector<std::pair<int, int>>> won_;
};

// Everything the models read, grouped in memory (one bulk read of the store).
struct History {
    std::vector<GovernmentFacts> governments;
    std::unordered_map<std::string, int> government_index;
    std::vector<DealFacts> deals;  // ordered by id
    std::unordered_map<long long, std::size_t> deal_index;
    std::vector<LeadFacts> leads;
    PeerIndex peers;

    // Fills the rotations of each deal from `officials` and `champions` (deal id →
    // champion official id), sorts moves and activities, indexes deals and builds the
    // peer index. Call once after filling governments, deals and leads.
    void Finish(const std::vector<OfficialFacts>& officials, const std::unordered_map<long long, long long>& champions);
};

}  // namespace kyoso::domain::ml
