#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/lead/lead_service.hpp"
#include "kyoso/app/search/search_service.hpp"
#include "kyoso/domain/intel/council.hpp"
#include "kyoso/domain/intel/signal.hpp"
#include "kyoso/ports/product_matcher.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

using domain::CouncilDocument;
// Reads one file's bytes (adapters/feeds ReadCouncilDocument); `name` names it in errors.
using CouncilDocumentReader = std::function<Result<CouncilDocument>(std::string_view bytes, const std::string& name)>;

// One file handed to an import.
struct SignalSourceFile {
    std::string name;
    std::string bytes;
};

// What an import found and stored.
struct SignalImportSummary {
    long long files = 0;
    long long speeches = 0;                   // minutes speeches + notice items read
    long long passages = 0;                   // passages examined (member and executive speeches)
    long long signals = 0;                    // signals found
    long long inserted = 0;                   // of which new (the rest were imported before)
    std::map<std::string, long long> by_cue;  // found signals per cue
    bool matched = false;                     // a product matcher was used (else cue-only signals)
};

struct SignalListResult {
    std::vector<domain::Signal> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
};

struct SignalLeadResult {
    domain::Signal signal;  // with lead_id set
    LeadDetail lead;
};

// Extracts the signals of one read document for `government_code` (pure apart from the
// matcher): member passages with a need cue, executive passages with a commit /
// consider / study / negative cue (domain::ClassifyCue), every 通告 item as need. With a
// matcher a passage becomes a signal only when it matched at least one product; without
// one (nullptr) every cued passage does, with no products. `passages` counts the
// passages examined.
std::vector<domain::Signal> ExtractSignals(const CouncilDocument& doc, const std::string& government_code,
                                           const ports::ProductMatcher* matcher, long long* passages);

// Signals before the tender (docs/intel.md): import from council files, list, turn into
// a lead, dismiss. Every write runs in one transaction with its audit entry.
class SignalService {
public:
    // `matchers` may be empty (nullptr function): signals are then cue-only.
    SignalService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest, LeadService& leads,
                  SearchService& search, CouncilDocumentReader reader, ports::ProductMatcherProvider matchers)
        : store_(store),
          audit_(store, clock, digest),
          leads_(leads),
          search_(search),
          reader_(std::move(reader)),
          matchers_(std::move(matchers)) {}

    // Reads every file (any malformed file refuses the whole import, naming it), extracts
    // the signals and stores the new ones in one transaction; a signal already stored
    // (same government and source_ref) is skipped, so re-importing adds nothing.
    // InvalidArgument for an unknown government. Progress phases "read", "extract",
    // "store". Audited once as "signal.import".
    Result<SignalImportSummary> Import(const std::string& government_code, const std::vector<SignalSourceFile>& files,
                                       const std::string& actor, ports::ProgressSink& progress);

    // Parameters: government, product, cue, q (full-text, the best 100 matches), from, to
    // (YYYY-MM-DD), dismissed (true = include dismissed), sort (spoken_on|id, default
    // spoken_on), order (default desc), limit (1-500, default 50), cursor.
    Result<SignalListResult> List(const ListParams& params);
    // NotFound for an unknown id.
    Result<domain::Signal> Get(long long id);
    // Creates a lead (source "signal", title from the passage, the government, the best
    // product, notes with speaker, date and quote) and links it to the signal, in one
    // transaction. Conflict when the signal already has a lead. Audited as "lead.create"
    // and "signal.lead". `check` (the API's AccessGuard::CheckLeadRequest) may refuse or
    // adjust the lead request before it is created.
    Result<SignalLeadResult> CreateLead(long long id, long long actor_id, std::optional<long long> owner_id,
                                        const std::function<Status(LeadRequest&)>& check = {});
    // Hides the signal from the default list. Audited as "signal.dismiss".
    Result<domain::Signal> Dismiss(long long id, long long actor_id);

private:
    ports::Store& store_;
    AuditTrail audit_;
    LeadService& leads_;
    SearchService& search_;
    CouncilDocumentReader reader_;
    ports::ProductMatcherProvider matchers_;
};

// The signal as recorded in the audit trail (without the passage's products).
std::string SignalAuditJson(const domain::Signal& signal);

}  // namespace kyoso::app
