#include "kyoso/app/transformation/cases_service.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/nba/nba_service.hpp"
#include "kyoso/domain/search/search_query.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxTitleBytes = 300;
constexpr size_t kMaxTextBytes = 8000;
constexpr size_t kMaxTagsBytes = 500;
constexpr int kRelatedLimit = 50;
constexpr int kSimilarGovernments = 10;
constexpr size_t kCitedItems = 3;

// Words of `text` separated by ASCII white space or 全角 spaces (the normalizer drops
// white space, which must still separate runs of the index).
std::vector<std::string_view> CaseWords(std::string_view text) {
    std::vector<std::string_view> words;
    size_t start = 0, i = 0;
    while (i < text.size()) {
        size_t sep = 0;
        if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r' || text[i] == ',') {
            sep = 1;
        } else if (text.compare(i, 3, "\u3000") == 0 || text.compare(i, 3, "、") == 0) {
            sep = 3;
        }
        if (sep == 0) {
            ++i;
            continue;
        }
        if (i > start) words.push_back(text.substr(start, i - start));
        i += sep;
        start = i;
    }
    if (i > start) words.push_back(text.substr(start, i - start));
    return words;
}

std::string CaseJson(const ports::CaseStudyRecord& c) {
    return AuditJson()
        .Str("kind", c.kind)
        .Str("title", c.title)
        .Str("government_code", c.government_code)
        .Int("product_id", c.product_id)
        .OptInt("deal_id", c.deal_id == 0 ? std::optional<long long>() : std::optional<long long>(c.deal_id))
        .Str("summary", c.summary)
        .Str("approach", c.approach)
        .Str("lessons", c.lessons)
        .Str("tags", c.tags)
        .Str("created_on", c.created_on)
        .Int("created_by", c.created_by)
        .str();
}

void Apply(const CaseRequest& r, ports::CaseStudyRecord& c) {
    if (r.kind) c.kind = *r.kind;
    if (r.title) c.title = *r.title;
    if (r.government_code) c.government_code = *r.government_code;
    if (r.product_id) c.product_id = *r.product_id;
    if (r.deal_id) c.deal_id = *r.deal_id;
    if (r.summary) c.summary = *r.summary;
    if (r.approach) c.approach = *r.approach;
    if (r.lessons) c.lessons = *r.lessons;
    if (r.tags) c.tags = *r.tags;
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos || s == "\u3000"; }

}  // namespace

std::string CaseService::GramsOf(const ports::CaseStudyRecord& c) const {
    std::vector<std::string> pieces;
    for (const std::string* text : {&c.title, &c.summary, &c.approach, &c.lessons, &c.tags}) {
        for (auto word : CaseWords(*text)) pieces.push_back(normalizer_.Fold(word));
    }
    return " " + domain::IndexGrams(pieces) + " ";
}

bool CaseService::CanEdit(const Principal& p, const ports::CaseStudyRecord& c) const {
    return c.created_by == p.user_id || p.role == domain::AccessRole::kAdmin ||
           authorizer_.Has(p, domain::Capability::kManageSalesOps);
}

CaseView CaseService::ViewOf(const Principal& p, ports::CaseStudyRecord record) const {
    CaseView v;
    if (record.deal_id != 0) {
        RecordRef ref{domain::RecordKind::kDeal, record.deal_owner_id, record.government_code, {}};
        v.deal_visible = authorizer_.CanRead(p, ref);
        v.amount_visible = v.deal_visible && !authorizer_.FieldHidden(p, domain::RecordKind::kDeal, "amount");
        if (!v.deal_visible) {
            record.deal_title.clear();
            record.deal_stage.clear();
        }
        if (!v.amount_visible) record.deal_amount.reset();
    }
    record.grams.clear();
    v.can_edit = CanEdit(p, record);
    v.record = std::move(record);
    return v;
}

Status CaseService::Validate(ports::CaseStudyRecord& c, bool creating) {
    std::vector<ErrorDetail> errors;
    if (!domain::CaseKindFromSlug(c.kind)) errors.push_back({"kind", "must be success or failure"});
    if (c.title.empty() || Blank(c.title)) errors.push_back({"title", "required"});
    if (c.title.size() > kMaxTitleBytes) errors.push_back({"title", "at most 300 bytes"});
    if (c.summary.size() > kMaxTextBytes) errors.push_back({"summary", "at most 8000 bytes"});
    if (c.approach.size() > kMaxTextBytes) errors.push_back({"approach", "at most 8000 bytes"});
    if (c.lessons.size() > kMaxTextBytes) errors.push_back({"lessons", "at most 8000 bytes"});
    if (c.tags.size() > kMaxTagsBytes) errors.push_back({"tags", "at most 500 bytes"});
    if (creating && !ParseIsoDate(c.created_on)) errors.push_back({"created_on", "must be a date YYYY-MM-DD"});
    if (c.government_code.empty()) {
        errors.push_back({"government_code", "required"});
    } else {
        auto g = repo_.Government(c.government_code);
        if (!g.ok()) return g.status();
        if (!*g) errors.push_back({"government_code", "no government with code '" + c.government_code + "'"});
    }
    if (c.product_id <= 0) {
        errors.push_back({"product_id", "required"});
    } else {
        auto name = repo_.ProductName(c.product_id);
        if (!name.ok()) return name.status();
        if (!*name) errors.push_back({"product_id", "no product with id " + std::to_string(c.product_id)});
    }
    if (c.deal_id < 0) {
        errors.push_back({"deal_id", "must be a deal id"});
    } else if (c.deal_id > 0) {
        auto deal = repo_.Deal(c.deal_id);
        if (!deal.ok()) return deal.status();
        if (!*deal) {
            errors.push_back({"deal_id", "no deal with id " + std::to_string(c.deal_id)});
        } else if ((*deal)->government_code != c.government_code) {
            errors.push_back(
                {"deal_id", "deal " + std::to_string(c.deal_id) + " is not of government " + c.government_code});
        } else if ((*deal)->product_id != c.product_id) {
            errors.push_back({"deal_id", "deal " + std::to_string(c.deal_id) + " is not for product " +
                                             std::to_string(c.product_id)});
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid case", std::move(errors));
    c.grams = GramsOf(c);
    return Status::Ok();
}

Result<CaseListResult> CaseService::List(const Principal& p, const CaseListQuery& query) {
    if (query.limit < 1 || query.limit > 200) return InvalidArgument("limit must be 1-200", {{"limit", "1-200"}});
    if (!query.prefecture_code.empty() &&
        (query.prefecture_code.size() < 2 || !std::isdigit(static_cast<unsigned char>(query.prefecture_code[0])) ||
         !std::isdigit(static_cast<unsigned char>(query.prefecture_code[1])))) {
        return InvalidArgument("unknown prefecture", {{"prefecture_code", "a prefecture code \"01\"..\"47\""}});
    }
    if (!query.kind.empty() && !domain::CaseKindFromSlug(query.kind)) {
        return InvalidArgument("unknown kind", {{"kind", "must be success or failure"}});
    }
    ports::CaseStudyFilter f;
    f.kind = query.kind;
    f.product_id = query.product_id;
    if (!query.government_code.empty()) f.government_codes.push_back(query.government_code);
    f.prefecture_code = query.prefecture_code;
    f.similar_group = query.similar_group;
    f.limit = query.limit;
    f.offset = std::max(0, query.offset);
    if (!query.q.empty()) {
        auto parsed = domain::ParseSearchQuery(query.q);
        if (!parsed.ok()) {
            return InvalidArgument(parsed.status().message(), {{"q", parsed.status().message()}});
        }
        std::vector<std::vector<std::string>> folded;
        for (const auto& term : parsed->terms) {
            std::vector<std::string> words;
            for (const auto& w : term.words) words.push_back(normalizer_.Fold(w));
            folded.push_back(std::move(words));
        }
        f.phrases = domain::MatchPhrases(folded);
        if (f.phrases.empty()) return CaseListResult{};
    }
    if (!f.phrases.empty()) {
        auto refreshed = RefreshGrams();
        if (!refreshed.ok()) return refreshed.status();
    }
    auto rows = repo_.List(f);
    if (!rows.ok()) return rows.status();
    CaseListResult out;
    out.more = static_cast<int>(rows->size()) > query.limit;
    if (out.more) rows->resize(static_cast<size_t>(query.limit));
    for (auto& r : *rows) out.items.push_back(ViewOf(p, std::move(r)));
    return out;
}

Result<CaseView> CaseService::Get(const Principal& p, long long id) {
    auto found = repo_.Find(id);
    if (!found.ok()) return found.status();
    if (!*found) return NotFound("no case with id " + std::to_string(id));
    return ViewOf(p, std::move(**found));
}

Result<CaseView> CaseService::Create(const Principal& p, const CaseRequest& request) {
    ports::CaseStudyRecord c;
    Apply(request, c);
    c.created_by = p.user_id;
    c.created_on = request.created_on.value_or(FormatIsoDate(clock_.Today()));
    if (request.created_on && ParseIsoDate(*request.created_on) &&
        *ParseIsoDate(*request.created_on) > clock_.Today()) {
        return InvalidArgument("invalid case", {{"created_on", "must not be in the future"}});
    }
    KYOSO_RETURN_IF_ERROR(Validate(c, true));
    c.created_at = FormatUtc(clock_.Now());
    c.updated_at = c.created_at;
    Status st = store_.InTransaction([&]() -> Status {
        auto id = repo_.Insert(c);
        if (!id.ok()) return id.status();
        c.id = *id;
        return audit_.Append({p.Actor(), "case_study.create", "case_study", std::to_string(c.id), "", CaseJson(c)});
    });
    if (!st.ok()) return st;
    return Get(p, c.id);
}

Result<long long> CaseService::Import(const ports::CaseStudyRecord& record) {
    ports::CaseStudyRecord c = record;
    KYOSO_RETURN_IF_ERROR(Validate(c, true));
    if (c.created_at.empty()) c.created_at = c.created_on + "T00:00:00Z";
    if (c.updated_at.empty()) c.updated_at = c.created_at;
    Status st = store_.InTransaction([&]() -> Status {
        auto id = repo_.Insert(c);
        if (!id.ok()) return id.status();
        c.id = *id;
        return audit_.Append(
            {std::string(kSystemActor), "case_study.create", "case_study", std::to_string(c.id), "", CaseJson(c)});
    });
    if (!st.ok()) return st;
    return c.id;
}

Result<CaseView> CaseService::Update(const Principal& p, long long id, const CaseRequest& request) {
    auto found = repo_.Find(id);
    if (!found.ok()) return found.status();
    if (!*found) return NotFound("no case with id " + std::to_string(id));
    const ports::CaseStudyRecord before = **found;
    if (!CanEdit(p, before)) {
        return PermissionDenied("a case is edited by its author or a holder of manage_sales_ops");
    }
    if (request.created_on) return InvalidArgument("invalid case", {{"created_on", "cannot be changed"}});
    ports::CaseStudyRecord c = before;
    Apply(request, c);
    KYOSO_RETURN_IF_ERROR(Validate(c, false));
    c.updated_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(repo_.Update(c));
        return audit_.Append(
            {p.Actor(), "case_study.update", "case_study", std::to_string(id), CaseJson(before), CaseJson(c)});
    });
    if (!st.ok()) return st;
    return Get(p, id);
}

Status CaseService::Delete(const Principal& p, long long id) {
    auto found = repo_.Find(id);
    if (!found.ok()) return found.status();
    if (!*found) return NotFound("no case with id " + std::to_string(id));
    if (!CanEdit(p, **found)) {
        return PermissionDenied("a case is deleted by its author or a holder of manage_sales_ops");
    }
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(repo_.Delete(id));
        return audit_.Append({p.Actor(), "case_study.delete", "case_study", std::to_string(id), CaseJson(**found), ""});
    });
}

std::vector<CaseSimilarGovernment> CaseService::SimilarTo(const ports::CaseGovernmentFacts& g) {
    std::vector<CaseSimilarGovernment> out;
    std::set<std::string> seen{g.code};
    if (nba_) {
        auto similar = nba_->Similar(g.code, kSimilarGovernments);
        if (similar.ok()) {
            for (const auto* list : {&similar->neighbours, &similar->same_group}) {
                for (const auto& s : *list) {
                    if (seen.insert(s.code).second) out.push_back({s.code, s.name, s.distance});
                }
            }
            std::stable_sort(out.begin(), out.end(),
                             [](const auto& a, const auto& b) { return a.distance < b.distance; });
        }
    }
    return out;
}

Result<RelatedCases> CaseService::Related(const Principal& p, const std::string& government_code,
                                          long long product_id) {
    auto g = repo_.Government(government_code);
    if (!g.ok()) return g.status();
    if (!*g) return NotFound("no government with code '" + government_code + "'");
    if (product_id < 0) return InvalidArgument("invalid product_id", {{"product_id", "must be a product id"}});
    if (product_id > 0) {
        auto name = repo_.ProductName(product_id);
        if (!name.ok()) return name.status();
        if (!*name) return InvalidArgument("unknown product", {{"product_id", "no such product"}});
    }
    RelatedCases out;
    out.government = **g;
    out.product_id = product_id;
    ports::CaseStudyFilter own;
    own.product_id = product_id;
    own.government_codes = {government_code};
    own.limit = kRelatedLimit;
    auto own_rows = repo_.List(own);
    if (!own_rows.ok()) return own_rows.status();
    for (auto& r : *own_rows) {
        if (static_cast<int>(out.own.size()) < kRelatedLimit) out.own.push_back(ViewOf(p, std::move(r)));
    }
    out.similar_governments = SimilarTo(**g);
    std::vector<ports::CaseStudyRecord> similar_rows;
    if (!out.similar_governments.empty()) {
        ports::CaseStudyFilter f;
        f.product_id = product_id;
        for (const auto& s : out.similar_governments) f.government_codes.push_back(s.code);
        f.limit = kRelatedLimit;
        auto rows = repo_.List(f);
        if (!rows.ok()) return rows.status();
        similar_rows = std::move(*rows);
    } else if (!(*g)->similar_group.empty()) {
        // Without the similarity model: the other members of its 類似団体 group.
        ports::CaseStudyFilter f;
        f.product_id = product_id;
        f.similar_group = (*g)->similar_group;
        f.limit = kRelatedLimit;
        auto rows = repo_.List(f);
        if (!rows.ok()) return rows.status();
        for (auto& r : *rows) {
            if (r.government_code != government_code) similar_rows.push_back(std::move(r));
        }
    }
    std::map<std::string, size_t> rank;
    for (size_t i = 0; i < out.similar_governments.size(); ++i) rank.emplace(out.similar_governments[i].code, i);
    std::stable_sort(similar_rows.begin(), similar_rows.end(), [&](const auto& a, const auto& b) {
        auto ra = rank.count(a.government_code) ? rank[a.government_code] : rank.size();
        auto rb = rank.count(b.government_code) ? rank[b.government_code] : rank.size();
        return ra < rb;
    });
    for (auto& r : similar_rows) {
        if (static_cast<int>(out.similar.size()) >= kRelatedLimit) break;
        out.similar.push_back(ViewOf(p, std::move(r)));
    }
    return out;
}

Result<PublicValueReport> CaseService::PublicValue(long long product_id, const std::string& government_code) {
    if ((product_id == 0) == government_code.empty()) {
        return InvalidArgument("give product_id or government_code",
                               {{"product_id", "exactly one of product_id and government_code"}});
    }
    PublicValueReport out;
    out.product_id = product_id;
    out.government_code = government_code;
    if (product_id != 0) {
        auto name = repo_.ProductName(product_id);
        if (!name.ok()) return name.status();
        if (!*name) return NotFound("no product with id " + std::to_string(product_id));
        out.product_name = **name;
    } else {
        auto g = repo_.Government(government_code);
        if (!g.ok()) return g.status();
        if (!*g) return NotFound("no government with code '" + government_code + "'");
        out.government_name = (*g)->name;
    }
    auto rows = repo_.Deployments(product_id, government_code);
    if (!rows.ok()) return rows.status();
    out.deployments = std::move(*rows);
    out.metrics = domain::SummarisePublicValue(out.deployments);
    return out;
}

Result<PublicValueEvidence> CaseService::Evidence(long long product_id, const std::string& government_code) {
    if (product_id <= 0) return InvalidArgument("product_id is required", {{"product_id", "required"}});
    if (government_code.empty()) {
        return InvalidArgument("government_code is required", {{"government_code", "required"}});
    }
    auto report = PublicValue(product_id, "");
    if (!report.ok()) return report.status();
    auto g = repo_.Government(government_code);
    if (!g.ok()) return g.status();
    if (!*g) return NotFound("no government with code '" + government_code + "'");
    PublicValueEvidence out;
    out.product_id = product_id;
    out.product_name = report->product_name;
    out.government_code = government_code;
    out.government_name = (*g)->name;
    out.metrics = report->metrics;
    const auto similar = SimilarTo(**g);
    std::map<std::string, size_t> rank;
    for (size_t i = 0; i < similar.size(); ++i) rank.emplace(similar[i].code, i);
    for (const auto& d : report->deployments) {
        if (!d.latest) continue;  // evidence needs a measurement
        PublicValueEvidenceItem item;
        item.deployment = d;
        item.similar = rank.count(d.government_code) > 0;
        item.citation = domain::PublicValueCitation(d);
        out.items.push_back(std::move(item));
    }
    std::stable_sort(out.items.begin(), out.items.end(), [&](const auto& a, const auto& b) {
        if (a.similar != b.similar) return a.similar;
        if (a.similar) return rank[a.deployment.government_code] < rank[b.deployment.government_code];
        return a.deployment.progress.value_or(-1e9) > b.deployment.progress.value_or(-1e9);
    });
    for (size_t i = 0; i < out.items.size() && i < kCitedItems; ++i) {
        if (i) out.citation_text += "\n";
        out.citation_text += "・" + out.items[i].citation;
    }
    return out;
}

Result<long long> CaseService::RefreshGrams() {
    long long total = 0;
    for (;;) {
        auto batch = repo_.WithoutGrams(200);
        if (!batch.ok()) return batch.status();
        if (batch->empty()) return total;
        Status st = store_.InTransaction([&]() -> Status {
            for (const auto& c : *batch) KYOSO_RETURN_IF_ERROR(repo_.SetGrams(c.id, GramsOf(c)));
            return Status::Ok();
        });
        if (!st.ok()) return st;
        total += static_cast<long long>(batch->size());
    }
}

Result<long long> CaseService::CasesCreatedBetween(Date from, Date to) {
    if (to < from) return 0LL;
    return repo_.CountCreatedBetween(FormatIsoDate(from), FormatIsoDate(to));
}

}  // namespace kyoso::app
