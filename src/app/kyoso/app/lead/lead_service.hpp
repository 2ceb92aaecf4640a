#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/custom_field/custom_field_values.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Lead fields as a client sends them. For an update absent members stay; a
// reference set to 0 clears it (JSON null).
struct LeadRequest {
    std::optional<std::string> source;
    std::optional<std::string> government_code;
    std::optional<long long> department_id;
    std::optional<long long> official_id;
    std::optional<long long> product_id;
    std::optional<long long> owner_id;
    std::optional<std::string> title;
    std::optional<std::string> notes;
    std::optional<std::string> status;
    std::optional<std::string> external_id;
    CustomFieldInputs custom_fields;
    std::optional<long long> actor_id;  // the user making the change (audit); default the owner
};

// Turning a lead into a deal. Absent members come from the lead.
struct LeadConversionRequest {
    long long actor_id = 0;          // required: the user converting
    std::optional<int> fiscal_year;  // default: the fiscal year after today's
    std::optional<std::string> title;
    std::optional<long long> amount;
    std::optional<long long> product_id;  // required when the lead has none
    std::optional<long long> owner_id;    // default: the lead's owner, else the actor
    std::optional<std::string> procurement_method;
};

struct LeadDetail {
    domain::Lead lead;
    std::vector<CustomFieldEntry> custom_fields;
};

struct LeadListResult {
    std::vector<domain::Lead> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
    std::vector<std::string> fields;  // requested selection; empty = all
};

struct LeadConversion {
    domain::Lead lead;  // converted
    domain::Deal deal;  // created at 情報収集
};

// Use cases over BDR leads: capture, qualification (status transitions in
// domain/lead), and conversion into a deal. Every write runs in one transaction
// with its audit entry; a failed request writes nothing. Thread-safe when its
// dependencies are.
class LeadService {
public:
    LeadService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest)
        : store_(store), clock_(clock), audit_(store, clock, digest) {}

    // Parameters: government, status, source, owner, product, sort
    // (id|created_on|status|source), order, limit (1-500, default 50), cursor, fields.
    // `visible` is the caller's record-level sharing (app::Authorizer::ListVisibility).
    Result<LeadListResult> List(const ListParams& params, const ports::Visibility& visible = {});
    // NotFound for an unknown id.
    Result<LeadDetail> Get(long long id);
    // source, government_code and title required; references must exist and belong
    // to the government; status new (default), working, qualified or disqualified.
    // InvalidArgument naming each bad field. Audited as "lead.create".
    Result<LeadDetail> Create(const LeadRequest& request);
    // Merges the request over the lead; a status change must be allowed
    // (422 otherwise). Conflict when the lead changed status meanwhile. Audited as "lead.update".
    Result<LeadDetail> Update(long long id, const LeadRequest& request);
    // Creates the deal at 情報収集 (government, department, champion = the lead's
    // official, product, owner, title) and marks the lead converted, in one
    // transaction. Conflict when already converted; 422 when disqualified.
    // Audited as "deal.create" and "lead.convert".
    Result<LeadConversion> Convert(long long id, const LeadConversionRequest& request);

private:
    Result<LeadDetail> Save(long long id, const LeadRequest& request);

    ports::Store& store_;
    const ports::Clock& clock_;
    AuditTrail audit_;
};

// The lead as recorded in the audit trail.
std::string LeadAuditJson(const domain::Lead& lead);

}  // namespace kyoso::app
