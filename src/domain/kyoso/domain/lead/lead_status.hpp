#pragma once

#include <optional>
#include <string_view>

#include "kyoso/core/status.hpp"

namespace kyoso::domain {

// Where a BDR lead stands. A lead ends either disqualified (which may be reopened)
// or converted into a deal (final).
enum class LeadStatus { kNew, kWorking, kQualified, kDisqualified, kConverted };

std::string_view LeadStatusSlug(LeadStatus status);
// nullopt for an unknown slug.
std::optional<LeadStatus> LeadStatusFromSlug(std::string_view slug);

// OK when a lead may go from `from` to `to` by an edit: new → working, qualified,
// disqualified; working ⇄ qualified; working/qualified → disqualified;
// disqualified → working (reopened). Converted is reached only by conversion
// (CheckLeadConversion) and is final. FailedPrecondition otherwise (detail `status`).
Status CheckLeadTransition(LeadStatus from, LeadStatus to);

// OK when a lead in `status` may be converted into a deal (new, working or
// qualified). Conflict for an already converted lead, FailedPrecondition for a
// disqualified one.
Status CheckLeadConversion(LeadStatus status);

// Where leads come from: seminar, inquiry, notice (a tender or RFI notice), referral,
// outbound, website, event, partner, signal (a council signal, docs/intel.md).
bool IsLeadSource(std::string_view source);
// The sources, comma-separated, for error messages.
std::string_view LeadSourceList();

}  // namespace kyoso::domain
