#include "kyoso/domain/lead/lead_status.hpp"

#include <array>
#include <string>

namespace kyoso::domain {

namespace {

constexpr std::array<std::string_view, 9> kSources = {"seminar", "inquiry", "notice",  "referral", "outbound",
                                                      "website", "event",   "partner", "signal"};

}  // namespace

std::string_view LeadStatusSlug(LeadStatus status) {
    switch (status) {
        case LeadStatus::kNew:
            return "new";
        case LeadStatus::kWorking:
            return "working";
        case LeadStatus::kQualified:
            return "qualified";
        case LeadStatus::kDisqualified:
            return "disqualified";
        case LeadStatus::kConverted:
            return "converted";
    }
    return "new";
}

std::optional<LeadStatus> LeadStatusFromSlug(std::string_view slug) {
    for (int i = 0; i <= static_cast<int>(LeadStatus::kConverted); ++i) {
        const auto s = static_cast<LeadStatus>(i);
        if (LeadStatusSlug(s) == slug) return s;
    }
    return std::nullopt;
}

Status CheckLeadTransition(LeadStatus from, LeadStatus to) {
    using S = LeadStatus;
    auto refuse = [&](const std::string& why) {
        std::string msg = "a lead cannot go from " + std::string(LeadStatusSlug(from)) + " to " +
                          std::string(LeadStatusSlug(to)) + ": " + why;
        return Status(ErrorCode::kFailedPrecondition, msg, {{"status", msg}});
    };
    if (from == to) return Status::Ok();  // an edit that keeps the status
    if (from == S::kConverted) return refuse("it was converted into a deal");
    if (to == S::kConverted) return refuse("use POST /api/leads/{id}/convert, which creates the deal");
    if (to == S::kNew) return refuse("a lead that was worked on cannot be new again");
    if (from == S::kDisqualified && to != S::kWorking) return refuse("reopen it as working first");
    return Status::Ok();
}

Status CheckLeadConversion(LeadStatus status) {
    if (status == LeadStatus::kConverted) {
        return {ErrorCode::kConflict, "the lead was already converted", {{"status", "already converted"}}};
    }
    if (status == LeadStatus::kDisqualified) {
        return {ErrorCode::kFailedPrecondition,
                "a disqualified lead cannot be converted; reopen it as working first",
                {{"status", "disqualified"}}};
    }
    return Status::Ok();
}

bool IsLeadSource(std::string_view source) {
    for (auto s : kSources) {
        if (s == source) return true;
    }
    return false;
}

std::string_view LeadSourceList() {
    return "seminar, inquiry, notice, referral, outbound, website, event, partner, signal";
}

}  // namespace kyoso::domain
