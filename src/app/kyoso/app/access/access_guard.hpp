#pragma once

#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/compliance/contact_log_service.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/lead/lead_service.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Record-level checks of the use cases over owned records (deals, activities,
// leads, contact entries), asked before the use case runs (docs/security.md).
// A record the principal may not read is reported exactly like a missing one
// (NotFound), so ids do not reveal other teams' records; a record it may read but
// not change is PermissionDenied. Thread-safe.
class AccessGuard {
public:
    AccessGuard(ports::Store& store, const Authorizer& authorizer) : store_(store), authorizer_(authorizer) {}

    const Authorizer& authorizer() const { return authorizer_; }

    Status CanReadDeal(const Principal& p, long long deal_id) const;
    Status CanWriteDeal(const Principal& p, long long deal_id) const;
    // A create (existing = nullptr) or update of a deal: the owner must be within
    // the write scope and hidden fields must not be set. Sets the actor.
    Status CheckDealRequest(const Principal& p, DealRequest& request, const domain::Deal* existing) const;
    // Moving a deal's stage; the award and budget amounts count as deal amounts.
    Status CheckStageMove(const Principal& p, long long deal_id, StageMoveRequest& request) const;
    // Logging an activity for `user_id` (yourself, or within your write scope),
    // on a deal you can read.
    Status CheckActivity(const Principal& p, ActivityRequest& request) const;

    Status CanReadLead(const Principal& p, long long lead_id) const;
    Status CanWriteLead(const Principal& p, long long lead_id) const;
    Status CheckLeadRequest(const Principal& p, LeadRequest& request, const domain::Lead* existing) const;
    Status CheckLeadConversion(const Principal& p, long long lead_id, LeadConversionRequest& request) const;

    // A contact entry is recorded by or for a user within the write scope.
    Status CheckContactEntry(const Principal& p, ContactRequest& request) const;

    // Whether a search hit of `type` ("deal", "activity", "contact"; others are
    // reference data) with record id `id` may be shown.
    bool SearchHitVisible(const Principal& p, const std::string& type, const std::string& id) const;

    // A deal list may not be sorted by a field hidden from `p` (the order would
    // reveal it): PermissionDenied naming "sort".
    Status CheckDealListParams(const Principal& p, const ListParams& params) const;

    // The deal's fields hidden from `p`.
    std::vector<std::string> HiddenDealFields(const Principal& p) const {
        return authorizer_.HiddenFields(p, domain::RecordKind::kDeal);
    }

private:
    // The deal with its owner and team as a record reference (NotFound like a missing deal).
    Result<std::pair<domain::Deal, RecordRef>> DealRef(long long deal_id) const;
    Result<domain::Deal> WritableDeal(const Principal& p, long long deal_id) const;
    Result<domain::Lead> WritableLead(const Principal& p, long long lead_id) const;
    Status CheckActor(const Principal& p, domain::RecordKind kind, std::optional<long long>& actor_id,
                      const std::string& government_code) const;

    ports::Store& store_;
    const Authorizer& authorizer_;
};

}  // namespace kyoso::app
