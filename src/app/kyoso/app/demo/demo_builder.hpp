#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/experiment_repository.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::ports {
class DiagnosisRepository;
}  // namespace kyoso::ports

namespace kyoso::ports {
class CaseRepository;  // kyoso/ports/case_repository.hpp
}  // namespace kyoso::ports

namespace kyoso::app {

enum class DemoScale {
    kSmall,  // one vendor, ~40 users, three fiscal years: the product demo
    kJapan,  // Japan-wide vendor: ~200k deals over ten fiscal years, ~5M activities, ~100k officials
};

struct DemoOptions {
    std::uint64_t seed = 1;
    DemoScale scale = DemoScale::kSmall;
    // The demo's "today": the last simulated fiscal year is the one containing it.
    // Fixed by default so that the same seed always gives the same data.
    Date as_of = MakeDate(2026, 11, 1);
    // Where the demo's diagnosis questionnaire and logging times go (demo_diagnosis.cpp);
    // none when null.
    ports::DiagnosisRepository* diagnosis_repository = nullptr;
};

struct PlantedEffect {
    std::string name;         // "reference_quote_before_deadline"
    std::string description;  // what was planted, in words
};

struct DemoSummary {
    ports::SalesCounts counts;
    int first_fiscal_year = 0;
    int last_fiscal_year = 0;
    std::vector<PlantedEffect> effects;
    // One user per sales role (slug → user id), for demo sign-in accounts; the
    // regional managers and field sales carry their team's prefectures as territory.
    std::vector<std::pair<std::string, long long>> sample_users;
};

// Builds the deterministic demo company into an empty store whose government
// master is loaded: products, a team in every role, officials, leads, deals and
// activities that follow the budget cycle, with planted effects listed in
// docs/demo-data.md. Same options → byte-identical rows (the audit log aside:
// its timestamps are the real time of the build). Writes in one transaction per
// table batch, each with one summary audit entry "demo.insert_batch"; reports progress.
class DemoBuilder {
public:
    // `clock` stamps the audit entries; `digest` hashes their chain.
    DemoBuilder(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                const domain::BusinessCalendar& business_days)
        : store_(store), clock_(clock), digest_(digest), business_days_(business_days) {}

    Result<DemoSummary> Build(const DemoOptions& options, ports::ProgressSink& progress);
    // The case library's storage for SeedDemoCases (null: no cases are seeded).
    void SetCaseRepository(ports::CaseRepository* cases) { case_repo_ = cases; }
    // Where the demo's experiments go (docs/transformation.md); none are seeded without it.
    void set_experiment_repository(ports::ExperimentRepository* repo) { experiments_ = repo; }

private:
    ports::Store& store_;
    const ports::Clock& clock_;
    const ports::Digest& digest_;
    const domain::BusinessCalendar& business_days_;
    ports::CaseRepository* case_repo_ = nullptr;
    ports::ExperimentRepository* experiments_ = nullptr;
};

// The demo vendor's catalogue as the demo writes it (ids 1..n): seven products for
// kSmall, 32 for kJapan. The product matcher's evaluation labels refer to these
// (docs/intel.md).
std::vector<domain::Product> DemoCatalogue(DemoScale scale);

}  // namespace kyoso::app
