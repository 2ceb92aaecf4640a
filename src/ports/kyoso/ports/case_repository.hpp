#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/search/search_query.hpp"
#include "kyoso/domain/transformation/cases.hpp"

namespace kyoso::ports {

// One case of the case library (table case_studies, docs/transformation.md "Case library"),
// with the names a list shows joined in on reads.
struct CaseStudyRecord {
    long long id = 0;
    std::string kind;  // success | failure
    std::string title;
    std::string government_code;
    long long product_id = 0;
    long long deal_id = 0;  // 0 = none
    std::string summary;
    std::string approach;  // what was done
    std::string lessons;   // 学び
    std::string tags;      // comma separated
    std::string grams;     // " " + domain::IndexGrams(folded texts) + " " (search only)
    long long created_by = 0;
    std::string created_on;  // YYYY-MM-DD (the library's growth is counted by it)
    std::string created_at;  // ISO 8601 UTC
    std::string updated_at;
    // Joined on reads, ignored on writes.
    std::string government_name;
    std::string prefecture_code;
    std::string prefecture_name;
    std::string similar_group;
    std::string product_name;
    std::string created_by_name;
    std::string deal_title;
    std::string deal_stage;
    std::optional<long long> deal_amount;
    long long deal_owner_id = 0;
};

// What a case list asks for; every set criterion must hold.
struct CaseStudyFilter {
    std::string kind;                           // "" = both
    long long product_id = 0;                   // 0 = any
    std::vector<std::string> government_codes;  // empty = any
    std::string prefecture_code;                // "13" (JIS X 0401; or a prefecture's 団体コード), "" = any
    std::string similar_group;                  // "" = any
    // Each phrase of a search (domain::MatchPhrase) must occur in grams with its tokens adjacent.
    std::vector<domain::MatchPhrase> phrases;
    int limit = 50;
    int offset = 0;
};

// A government as a case refers to it.
struct CaseGovernmentFacts {
    std::string code;
    std::string name;
    std::string prefecture_code;
    std::string similar_group;
};

// A deal as a case refers to it.
struct CaseDealFacts {
    long long id = 0;
    std::string government_code;
    long long product_id = 0;
    std::string title;
    std::string stage;
    long long owner_id = 0;
};

// A closed deal the demo derives a case from.
struct CaseSourceDeal {
    long long id = 0;
    std::string government_code;
    std::string government_name;
    long long product_id = 0;
    std::string product_name;
    std::string stage;  // won | lost
    std::string closed_on;
    std::string created_on;
    std::string lost_reason;
    std::string competitor;
    std::string procurement_method;
    long long owner_id = 0;
};

// Storage of the case library and the reads public value needs. Implementation:
// adapters/sql (SQLite and PostgreSQL, identical results).
class CaseRepository {
public:
    virtual ~CaseRepository() = default;
    // Inserts `c` (id ignored) and returns the new id. Joins the caller's transaction.
    virtual Result<long long> Insert(const CaseStudyRecord& c) = 0;
    // Replaces the stored fields of case c.id (not created_by/created_on/created_at). NotFound when absent.
    virtual Status Update(const CaseStudyRecord& c) = 0;
    virtual Status Delete(long long id) = 0;
    virtual Result<std::optional<CaseStudyRecord>> Find(long long id) = 0;
    // Matching cases, newest first (created_on, then id), at most filter.limit + 1 rows after filter.offset.
    virtual Result<std::vector<CaseStudyRecord>> List(const CaseStudyFilter& filter) = 0;
    // Cases with created_on in [from, to] (YYYY-MM-DD, both inclusive).
    virtual Result<long long> CountCreatedBetween(const std::string& from, const std::string& to) = 0;
    virtual Result<std::optional<CaseGovernmentFacts>> Government(const std::string& code) = 0;
    // The product's name; nullopt when there is no such product.
    virtual Result<std::optional<std::string>> ProductName(long long product_id) = 0;
    virtual Result<std::optional<CaseDealFacts>> Deal(long long deal_id) = 0;
    // Outcome metrics of deployments with their latest measurement, filtered by product
    // (0 = any) and government ("" = any), ordered by government code then metric id.
    virtual Result<std::vector<domain::PublicValueDeployment>> Deployments(long long product_id,
                                                                           const std::string& government_code) = 0;
    // Up to `limit` cases whose grams are empty (stored without them, e.g. by the demo).
    virtual Result<std::vector<CaseStudyRecord>> WithoutGrams(int limit) = 0;
    virtual Status SetGrams(long long id, const std::string& grams) = 0;
    // Won and lost deals closed in [from, to], oldest close first, at most `limit`.
    virtual Result<std::vector<CaseSourceDeal>> ClosedDeals(const std::string& from, const std::string& to,
                                                            int limit) = 0;
};

}  // namespace kyoso::ports
