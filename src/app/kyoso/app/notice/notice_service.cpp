#include "kyoso/app/notice/notice_service.hpp"

#include <algorithm>
#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/domain/government/government_code.hpp"
#include "kyoso/domain/intel/notice_rules.hpp"

namespace kyoso::app {

namespace {

std::string Slug(domain::NoticeReviewState s) { return std::string(domain::NoticeReviewStateSlug(s)); }

}  // namespace

NoticeService::NoticeService(ports::Store& store, const ports::NoticeReader& reader, const ports::Clock& clock,
                             const ports::Digest& digest, ports::ProductMatcherProvider matcher)
    : store_(store), reader_(reader), clock_(clock), audit_(store, clock, digest), matcher_(std::move(matcher)) {}

namespace {

// Users to alert for a government: field sales whose territory holds its prefecture, else
// managers whose territory holds it (docs/intel.md "Matching and alerts").
std::vector<long long> TerritoryOwners(const std::vector<ports::Account>& accounts,
                                       const std::string& government_code) {
    if (government_code.size() < 2) return {};
    const std::string prefecture = government_code.substr(0, 2);
    std::vector<long long> field_sales;
    std::vector<long long> managers;
    for (const auto& a : accounts) {
        if (a.disabled) continue;
        if (std::find(a.territory.begin(), a.territory.end(), prefecture) == a.territory.end()) continue;
        if (a.sales_role == "field_sales") field_sales.push_back(a.user_id);
        if (a.sales_role == "manager") managers.push_back(a.user_id);
    }
    return field_sales.empty() ? managers : field_sales;
}

}  // namespace

Result<long long> NoticeService::AlertOwners(const std::vector<long long>& owners, long long notice_id,
                                             const std::string& title, long long product_id,
                                             const std::string& government_code, const std::string& now) {
    for (long long user : owners) {
        ports::AlertRow a;
        a.user_id = user;
        a.kind = "notice_match";
        a.notice_id = notice_id;
        a.product_id = product_id;
        a.government_code = government_code;
        a.message = "新着の入札公告「" + title + "」が製品に一致しました";
        a.created_at = now;
        auto id = store_.notices().InsertAlert(a);
        if (!id.ok()) return id.status();
    }
    return static_cast<long long>(owners.size());
}

Status NoticeService::MatchAndAlert(const ports::ProductMatcher* matcher, long long notice_id,
                                    const domain::TenderNotice& n, const std::vector<ports::Account>& accounts,
                                    const std::string& now, NoticeImportCounts& counts) {
    if (!matcher) return Status::Ok();
    const std::string text = n.title + "\n" + n.description;
    for (const auto& m : matcher->Match(text)) {
        auto fresh = store_.notices().PutMatch({notice_id, m.product_id, "", m.score, m.terms}, now);
        if (!fresh.ok()) return fresh.status();
        if (!*fresh) continue;
        ++counts.matched;
        if (n.government_code.empty()) continue;  // alerted when linked
        auto alerted = AlertOwners(TerritoryOwners(accounts, n.government_code), notice_id, n.title, m.product_id,
                                   n.government_code, now);
        if (!alerted.ok()) return alerted.status();
        counts.alerts += *alerted;
    }
    return Status::Ok();
}

Result<NoticeImportCounts> NoticeService::Import(ports::NoticeFormat format, std::string_view bytes,
                                                 const std::string& source_name, const std::string& actor,
                                                 ports::ProgressSink* progress) {
    auto notices = reader_.Read(format, bytes, source_name);
    if (!notices.ok()) return notices.status();
    NoticeImportCounts counts;
    counts.read = static_cast<long long>(notices->size());
    if (progress) progress->Report("notices: read", counts.read, counts.read);

    std::shared_ptr<const ports::ProductMatcher> matcher;
    if (matcher_) {
        auto built = matcher_();
        if (!built.ok()) return built.status();
        matcher = *built;
    }
    auto governments = store_.notices().GovernmentNames();
    if (!governments.ok()) return governments.status();
    auto accounts = store_.accounts().ListAccounts();
    if (!accounts.ok()) return accounts.status();
    const std::string now = FormatUtc(clock_.Now());

    Status st = store_.InTransaction([&]() -> Status {
        counts = NoticeImportCounts{counts.read};
        long long done = 0;
        for (auto& n : *notices) {
            auto link = domain::LinkNoticeToGovernment(n, *governments);
            n.government_code = link.government_code;
            const std::string state = Slug(link.government_code.empty() ? domain::NoticeReviewState::kNeedsReview
                                                                        : domain::NoticeReviewState::kLinked);
            auto stored = store_.notices().Upsert(n, domain::NoticeDedupeKey(n), state, link.reason, now);
            if (!stored.ok()) return stored.status();
            switch (stored->outcome) {
                case ports::NoticeUpsertOutcome::kInserted:
                    ++counts.inserted;
                    break;
                case ports::NoticeUpsertOutcome::kUpdated:
                    ++counts.updated;
                    break;
                case ports::NoticeUpsertOutcome::kDuplicate:
                    ++counts.duplicates;
                    break;
            }
            if (stored->outcome != ports::NoticeUpsertOutcome::kDuplicate) {
                auto current = store_.notices().Get(stored->id);
                if (!current.ok()) return current.status();
                if (current->review_state == Slug(domain::NoticeReviewState::kLinked)) {
                    ++counts.linked;
                } else {
                    ++counts.queued;
                }
                n.government_code = current->notice.government_code;
                KYOSO_RETURN_IF_ERROR(MatchAndAlert(matcher.get(), stored->id, n, *accounts, now, counts));
            }
            if (progress && (++done % 100 == 0 || done == counts.read))
                progress->Report("notices: stored", done, counts.read);
        }
        AuditJson after;
        after.Str("format", ports::NoticeFormatSlug(format))
            .Str("source", source_name.empty() ? std::string(ports::NoticeFormatSlug(format)) : source_name)
            .Int("read", counts.read)
            .Int("inserted", counts.inserted)
            .Int("updated", counts.updated)
            .Int("duplicates", counts.duplicates)
            .Int("linked", counts.linked)
            .Int("queued", counts.queued)
            .Int("matched", counts.matched)
            .Int("alerts", counts.alerts);
        return audit_.Append({actor, "notice.import", "notice", "", "", after.str()});
    });
    if (!st.ok()) return st;
    return counts;
}

Result<ports::NoticePage> NoticeService::List(const ports::NoticeQuery& query) { return store_.notices().List(query); }

Result<NoticeDetail> NoticeService::Get(long long id) {
    auto stored = store_.notices().Get(id);
    if (!stored.ok()) return stored.status();
    auto matches = store_.notices().Matches(id);
    if (!matches.ok()) return matches.status();
    return NoticeDetail{std::move(*stored), std::move(*matches)};
}

Result<ports::StoredNotice> NoticeService::Link(long long id, const std::string& government_code,
                                                const std::string& actor) {
    auto code = domain::GovernmentCode::Parse(government_code);
    if (!code.ok()) {
        return InvalidArgument("government_code: " + code.status().message(),
                               {{"government_code", code.status().message()}});
    }
    auto government = store_.governments().Get(code->str());
    if (!government.ok()) return government.status();
    const std::string now = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto before = store_.notices().Get(id);
        if (!before.ok()) return before.status();
        KYOSO_RETURN_IF_ERROR(store_.notices().SetReview(id, code->str(), Slug(domain::NoticeReviewState::kLinked),
                                                         "manual: " + government->name, now));
        // Matches found while the notice was unlinked alert the territory now.
        auto matches = store_.notices().Matches(id);
        if (!matches.ok()) return matches.status();
        if (!matches->empty() && before->notice.government_code != code->str()) {
            auto accounts = store_.accounts().ListAccounts();
            if (!accounts.ok()) return accounts.status();
            const auto owners = TerritoryOwners(*accounts, code->str());
            for (const auto& m : *matches) {
                auto alerted = AlertOwners(owners, id, before->notice.title, m.product_id, code->str(), now);
                if (!alerted.ok()) return alerted.status();
            }
        }
        AuditJson was;
        was.Str("government_code", before->notice.government_code).Str("review_state", before->review_state);
        AuditJson after;
        after.Str("government_code", code->str()).Str("review_state", "linked");
        return audit_.Append({actor, "notice.link", "notice", std::to_string(id), was.str(), after.str()});
    });
    if (!st.ok()) return st;
    return store_.notices().Get(id);
}

Result<ports::StoredNotice> NoticeService::Dismiss(long long id, const std::string& actor) {
    const std::string now = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto before = store_.notices().Get(id);
        if (!before.ok()) return before.status();
        KYOSO_RETURN_IF_ERROR(store_.notices().SetReview(
            id, before->notice.government_code, Slug(domain::NoticeReviewState::kDismissed), "manual: dismissed", now));
        AuditJson was;
        was.Str("review_state", before->review_state);
        AuditJson after;
        after.Str("review_state", "dismissed");
        return audit_.Append({actor, "notice.dismiss", "notice", std::to_string(id), was.str(), after.str()});
    });
    if (!st.ok()) return st;
    return store_.notices().Get(id);
}

Result<std::vector<ports::AlertRow>> NoticeService::Alerts(long long user_id, bool unread_only, int limit) {
    return store_.notices().Alerts(user_id, unread_only, limit);
}

Status NoticeService::MarkAlertRead(long long user_id, long long alert_id) {
    return store_.notices().MarkAlertRead(user_id, alert_id, FormatUtc(clock_.Now()));
}

Result<std::vector<ports::CompetitorRow>> NoticeService::Competitors(const std::string& government_code) {
    auto code = domain::GovernmentCode::Parse(government_code);
    if (!code.ok()) {
        return InvalidArgument("government: " + code.status().message(), {{"government", code.status().message()}});
    }
    auto government = store_.governments().Get(code->str());
    if (!government.ok()) return government.status();
    return store_.notices().Competitors(code->str());
}

}  // namespace kyoso::app
