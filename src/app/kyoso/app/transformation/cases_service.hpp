#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/transformation/sources.hpp"
#include "kyoso/domain/transformation/cases.hpp"
#include "kyoso/ports/case_repository.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

class NbaService;

// A create (every required field set) or a partial update of a case.
struct CaseRequest {
    std::optional<std::string> kind;
    std::optional<std::string> title;
    std::optional<std::string> government_code;
    std::optional<long long> product_id;
    std::optional<long long> deal_id;  // 0 = none
    std::optional<std::string> summary;
    std::optional<std::string> approach;
    std::optional<std::string> lessons;
    std::optional<std::string> tags;
    std::optional<std::string> created_on;  // YYYY-MM-DD; default today (create only)
};

// A case as one principal may see it: the linked deal's title only when they may read
// the deal, its amount only when the amount is not hidden from them either.
struct CaseView {
    ports::CaseStudyRecord record;
    bool deal_visible = false;
    bool amount_visible = false;
    bool can_edit = false;  // the author or a holder of manage_sales_ops
};

// A case list query: q is a Japanese search (domain::ParseSearchQuery syntax, matched
// on title, summary, approach, lessons and tags insensitive to 全角/半角, かな and case).
struct CaseListQuery {
    std::string q;
    std::string kind;
    long long product_id = 0;
    std::string government_code;
    std::string prefecture_code;
    std::string similar_group;
    int limit = 50;
    int offset = 0;
};

struct CaseListResult {
    std::vector<CaseView> items;
    bool more = false;
};

// A government a related case comes from.
struct CaseSimilarGovernment {
    std::string code;
    std::string name;
    double distance = 0;
};

// Cases relevant to a government for 横展開: its own cases and those of its similar
// governments (the nearest neighbours and its 類似団体 group), for one product or all.
struct RelatedCases {
    ports::CaseGovernmentFacts government;
    long long product_id = 0;
    std::vector<CaseView> own;
    std::vector<CaseView> similar;  // nearest government first, then newest
    std::vector<CaseSimilarGovernment> similar_governments;
};

// Outcome metrics of deployments for a product or a government with summaries per metric.
struct PublicValueReport {
    long long product_id = 0;
    std::string product_name;
    std::string government_code;
    std::string government_name;
    std::vector<domain::PublicValueDeployment> deployments;  // progress filled
    std::vector<domain::PublicValueMetricSummary> metrics;
};

// One deployment cited as evidence.
struct PublicValueEvidenceItem {
    domain::PublicValueDeployment deployment;
    bool similar = false;  // a similar government of the one the proposal is for
    std::string citation;  // domain::PublicValueCitation
};

// The evidence for a proposal of `product_id` to `government_code`: measured deployments
// of the product at similar governments first (nearest first), then the others (best
// progress first), with the product's summaries and a citation text to paste.
struct PublicValueEvidence {
    long long product_id = 0;
    std::string product_name;
    std::string government_code;
    std::string government_name;
    std::vector<PublicValueEvidenceItem> items;
    std::vector<domain::PublicValueMetricSummary> metrics;
    std::string citation_text;  // the first cited items, one per line
};

// The case library (successes and failures linked to governments, products and deals,
// searchable in Japanese), 横展開 links and public value (docs/transformation.md).
// Writes are validated whole, run in one transaction and audited. Thread-safe when its
// dependencies are.
class CaseService final : public CaseLibraryStats {
public:
    // `nba` gives similar governments; without it the 類似団体 group alone is used.
    CaseService(ports::Store& store, ports::CaseRepository& repo, const ports::TextNormalizer& normalizer,
                const ports::Clock& clock, const ports::Digest& digest, const Authorizer& authorizer,
                NbaService* nba = nullptr)
        : store_(store),
          repo_(repo),
          normalizer_(normalizer),
          clock_(clock),
          authorizer_(authorizer),
          nba_(nba),
          audit_(store, clock, digest) {}

    // Matching cases newest first. InvalidArgument naming q, kind or limit.
    Result<CaseListResult> List(const Principal& p, const CaseListQuery& query);
    Result<CaseView> Get(const Principal& p, long long id);
    // Any signed-in sales user may record a case. InvalidArgument naming the field (title,
    // kind, government_code, product_id, deal_id, created_on …).
    Result<CaseView> Create(const Principal& p, const CaseRequest& request);
    // The author or a holder of manage_sales_ops (PermissionDenied otherwise).
    Result<CaseView> Update(const Principal& p, long long id, const CaseRequest& request);
    Status Delete(const Principal& p, long long id);

    // 横展開: cases of `government_code` and of its similar governments, for `product_id` (0 = all).
    Result<RelatedCases> Related(const Principal& p, const std::string& government_code, long long product_id);

    // Exactly one of product_id (≠ 0) and government_code (≠ "") is set.
    Result<PublicValueReport> PublicValue(long long product_id, const std::string& government_code);
    Result<PublicValueEvidence> Evidence(long long product_id, const std::string& government_code);

    // CaseLibraryStats: cases with created_on in [from, to].
    Result<long long> CasesCreatedBetween(Date from, Date to) override;

    // The stored search grams of a case's texts (exposed for the demo seeder).
    std::string GramsOf(const ports::CaseStudyRecord& c) const;
    // Stores `c` as given (created_on, created_by), audited as the system.
    Result<long long> Import(const ports::CaseStudyRecord& c);
    // Computes the grams of cases stored without them (the demo writes none); returns how
    // many. Search calls it first.
    Result<long long> RefreshGrams();

private:
    CaseView ViewOf(const Principal& p, ports::CaseStudyRecord record) const;
    bool CanEdit(const Principal& p, const ports::CaseStudyRecord& c) const;
    Status Validate(ports::CaseStudyRecord& c, bool creating);
    std::vector<CaseSimilarGovernment> SimilarTo(const ports::CaseGovernmentFacts& g);

    ports::Store& store_;
    ports::CaseRepository& repo_;
    const ports::TextNormalizer& normalizer_;
    const ports::Clock& clock_;
    const Authorizer& authorizer_;
    NbaService* nba_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
