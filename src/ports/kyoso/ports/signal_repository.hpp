#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/intel/signal.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::ports {

// Filters and keyset page over signals. Sort fields: id, spoken_on.
struct SignalQuery {
    std::optional<std::string> government_code;
    std::optional<long long> product_id;
    std::optional<std::string> cue;
    std::optional<std::string> from;            // spoken_on >= (YYYY-MM-DD)
    std::optional<std::string> to;              // spoken_on <=
    std::optional<std::vector<long long>> ids;  // only these (a full-text search's hits)
    bool include_dismissed = false;
    SortSpec sort;
    int limit = 50;
};

struct SignalPage {
    std::vector<domain::Signal> items;
    long long total = 0;
    bool has_more = false;
};

// Signals before the tender (docs/intel.md). Safe for concurrent use; calls inside
// Store::InTransaction join it.
class SignalRepository {
public:
    virtual ~SignalRepository() = default;
    virtual Result<SignalPage> List(const SignalQuery& query) = 0;
    // NotFound for an unknown id.
    virtual Result<domain::Signal> Get(long long id) = 0;
    // Inserts unless (government_code, source_ref) is already stored; returns the new
    // id, or 0 when it was a duplicate (nothing written).
    virtual Result<long long> InsertIfNew(const domain::Signal& signal) = 0;
    // Links the lead created from the signal; NotFound when the signal is gone.
    virtual Status SetLead(long long id, long long lead_id) = 0;
    // Marks the signal dismissed (or not); NotFound when it is gone.
    virtual Status SetDismissed(long long id, bool dismissed) = 0;
};

}  // namespace kyoso::ports
