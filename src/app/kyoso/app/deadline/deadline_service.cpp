#include "kyoso/app/deadline/deadline_service.hpp"

#include <algorithm>
#include <cstdio>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

constexpr std::string_view kFeedPrefix = "kcal_";

bool Before(Date a, Date b) { return std::chrono::sys_days{a} < std::chrono::sys_days{b}; }

// "MM-DD" -> MonthDay; nullopt unless a real day of a leap year.
std::optional<domain::MonthDay> ParseMonthDay(const std::string& text) {
    if (text.size() != 5 || text[2] != '-') return std::nullopt;
    for (size_t i : {0u, 1u, 3u, 4u}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
    const unsigned m = static_cast<unsigned>((text[0] - '0') * 10 + (text[1] - '0'));
    const unsigned d = static_cast<unsigned>((text[3] - '0') * 10 + (text[4] - '0'));
    if (!MakeDate(2024, m, d).ok()) return std::nullopt;
    return domain::MonthDay{m, d};
}

std::string Md(domain::MonthDay md) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u-%02u", md.month, md.day);
    return buf;
}

std::string OverrideJson(const domain::MilestoneOverride& m) {
    return AuditJson()
        .Str("milestone", domain::MilestoneSlug(m.kind))
        .OptInt("fiscal_year", m.fiscal_year ? std::optional<long long>(*m.fiscal_year) : std::nullopt)
        .Str("start", Md(m.start))
        .Str("end", Md(m.end))
        .str();
}

domain::DealDeadlineInput InputOf(const domain::Deal& d) { return {d.stage, d.budget_status, d.fiscal_year}; }

}  // namespace

Result<const DeadlineService::GovernmentInfo*> DeadlineService::Government(
    const std::string& code, std::vector<std::pair<std::string, GovernmentInfo>>& cache) {
    for (const auto& [c, info] : cache) {
        if (c == code) return &info;
    }
    auto g = store_.governments().Get(code);
    if (!g.ok()) return g.status();
    auto overrides = store_.governments().ListMilestoneOverrides(code);
    if (!overrides.ok()) return overrides.status();
    cache.emplace_back(code, GovernmentInfo{g->kind, g->name, std::move(*overrides)});
    return &cache.back().second;
}

Result<std::vector<ports::NamedDeal>> DeadlineService::OpenDeals(const std::vector<long long>& owner_ids,
                                                                 const ports::Visibility& visible) {
    std::vector<ports::NamedDeal> out;
    auto page_all = [&](std::optional<long long> owner) -> Status {
        ports::DealQuery q;
        q.owner_id = owner;
        q.status = ports::DealStatus::kOpen;
        q.visible = visible;
        q.limit = 500;
        q.count_total = false;
        while (true) {
            auto page = store_.deals().List(q);
            if (!page.ok()) return page.status();
            for (auto& item : page->items) out.push_back(std::move(item));
            if (!page->has_more || out.empty()) break;
            q.after_id = out.back().deal.id;
        }
        return Status::Ok();
    };
    if (owner_ids.empty()) {
        KYOSO_RETURN_IF_ERROR(page_all(std::nullopt));
    } else {
        for (long long id : owner_ids) KYOSO_RETURN_IF_ERROR(page_all(id));
    }
    return out;
}

Result<std::vector<DeadlineRow>> DeadlineService::List(const DeadlineQuery& query) {
    if (query.horizon_days < 1 || query.horizon_days > 730) {
        return InvalidArgument("horizon_days must be 1 to 730", {{"horizon_days", "1 to 730"}});
    }
    std::vector<long long> owners;
    if (query.team) {
        if (query.team->empty()) return InvalidArgument("team must not be empty", {{"team", "required"}});
        auto ids = store_.accounts().UserIdsInTeam(*query.team);
        if (!ids.ok()) return ids.status();
        if (ids->empty()) return InvalidArgument("no team named '" + *query.team + "'", {{"team", "unknown team"}});
        for (long long id : *ids) {
            if (!query.owner_id || *query.owner_id == id) owners.push_back(id);
        }
        if (owners.empty()) return std::vector<DeadlineRow>{};
    } else if (query.owner_id) {
        owners.push_back(*query.owner_id);
    }
    auto deals = OpenDeals(owners, query.visible);
    if (!deals.ok()) return deals.status();
    const Date today = query.today.value_or(clock_.Today());
    const Date horizon = AddDays(today, query.horizon_days);
    std::vector<std::pair<std::string, GovernmentInfo>> cache;
    std::vector<DeadlineRow> rows;
    for (const auto& nd : *deals) {
        auto gov = Government(nd.deal.government_code, cache);
        if (!gov.ok()) return gov.status();
        auto d = domain::ComputeDealDeadline(InputOf(nd.deal), today, (*gov)->kind, (*gov)->overrides, business_days_);
        if (!d || Before(horizon, d->ActionDate())) continue;
        rows.push_back({nd.deal.id, nd.deal.title, nd.deal.government_code, nd.names.government_name, nd.deal.owner_id,
                        nd.names.owner_name, nd.deal.stage, nd.deal.fiscal_year, std::move(*d)});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) {
        const auto da = std::chrono::sys_days{a.deadline.ActionDate()};
        const auto db = std::chrono::sys_days{b.deadline.ActionDate()};
        return da != db ? da < db : a.deal_id < b.deal_id;
    });
    return rows;
}

Result<std::optional<domain::DealDeadline>> DeadlineService::ForDeal(long long deal_id, std::optional<Date> today) {
    auto deal = store_.deals().Get(deal_id);
    if (!deal.ok()) return deal.status();
    std::vector<std::pair<std::string, GovernmentInfo>> cache;
    auto gov = Government(deal->government_code, cache);
    if (!gov.ok()) return gov.status();
    return domain::ComputeDealDeadline(InputOf(*deal), today.value_or(clock_.Today()), (*gov)->kind, (*gov)->overrides,
                                       business_days_);
}

Result<std::vector<domain::MilestoneOverride>> DeadlineService::Overrides(const std::string& raw_code) {
    auto code = domain::GovernmentCode::Parse(raw_code);
    if (!code.ok()) return code.status();
    auto g = store_.governments().Get(code->str());
    if (!g.ok()) return g.status();
    return store_.governments().ListMilestoneOverrides(code->str());
}

Status DeadlineService::PutOverride(const std::string& actor, const std::string& raw_code,
                                    const MilestoneOverrideRequest& r) {
    auto code = domain::GovernmentCode::Parse(raw_code);
    if (!code.ok()) return code.status();
    std::vector<ErrorDetail> errors;
    const auto kind = domain::MilestoneFromSlug(r.milestone);
    if (!kind) errors.push_back({"milestone", "unknown milestone '" + r.milestone + "'"});
    const auto start = ParseMonthDay(r.start);
    if (!start) errors.push_back({"start", "MM-DD, a real day (e.g. 11-10)"});
    const auto end = r.end.empty() ? start : ParseMonthDay(r.end);
    if (!end && !r.end.empty()) errors.push_back({"end", "MM-DD, a real day (e.g. 11-20)"});
    if (r.fiscal_year && (*r.fiscal_year < 1989 || *r.fiscal_year > 2100)) {
        errors.push_back({"fiscal_year", "1989 to 2100, or omitted for every year"});
    }
    if (start && end) {
        // Within one fiscal year (April..March) the end may not come before the start.
        auto order = [](domain::MonthDay md) { return ((md.month + 8) % 12) * 100 + md.day; };
        if (order(*end) < order(*start)) errors.push_back({"end", "before start within the fiscal year (April–March)"});
    }
    if (!errors.empty()) return InvalidArgument("invalid milestone override", std::move(errors));
    const domain::MilestoneOverride o{*kind, r.fiscal_year, *start, *end};
    return store_.InTransaction([&]() -> Status {
        auto existing = store_.governments().ListMilestoneOverrides(code->str());
        if (!existing.ok()) return existing.status();
        std::string before;
        for (const auto& e : *existing) {
            if (e.kind == o.kind && e.fiscal_year == o.fiscal_year) before = OverrideJson(e);
        }
        KYOSO_RETURN_IF_ERROR(store_.governments().PutMilestoneOverride(code->str(), o));
        return audit_.Append(
            {actor, "government.milestone_override", "government", code->str(), before, OverrideJson(o)});
    });
}

Status DeadlineService::DeleteOverride(const std::string& actor, const std::string& raw_code,
                                       const std::string& milestone, std::optional<int> fiscal_year) {
    auto code = domain::GovernmentCode::Parse(raw_code);
    if (!code.ok()) return code.status();
    const auto kind = domain::MilestoneFromSlug(milestone);
    if (!kind) return InvalidArgument("unknown milestone '" + milestone + "'", {{"milestone", "unknown milestone"}});
    return store_.InTransaction([&]() -> Status {
        auto existing = store_.governments().ListMilestoneOverrides(code->str());
        if (!existing.ok()) return existing.status();
        std::string before;
        for (const auto& e : *existing) {
            if (e.kind == *kind && e.fiscal_year == fiscal_year) before = OverrideJson(e);
        }
        KYOSO_RETURN_IF_ERROR(store_.governments().DeleteMilestoneOverride(code->str(), *kind, fiscal_year));
        return audit_.Append({actor, "government.milestone_override_delete", "government", code->str(), before, ""});
    });
}

Result<CreatedFeed> DeadlineService::CreateFeed(const Principal& owner, const std::string& scope,
                                                const std::string& team) {
    if (scope != "user" && scope != "team") {
        return InvalidArgument("scope must be user or team", {{"scope", "one of user, team"}});
    }
    std::string feed_team;
    if (scope == "team") {
        feed_team = team.empty() ? owner.team : team;
        if (feed_team.empty()) return InvalidArgument("team required for a team feed", {{"team", "required"}});
        const bool any_team = owner.role == domain::AccessRole::kAdmin || owner.role == domain::AccessRole::kManager;
        if (feed_team != owner.team && !any_team) {
            return Status(ErrorCode::kPermissionDenied,
                          "only managers and administrators may subscribe to another team's deadlines",
                          {{"team", "not your team"}});
        }
        auto ids = store_.accounts().UserIdsInTeam(feed_team);
        if (!ids.ok()) return ids.status();
        if (ids->empty()) return InvalidArgument("no team named '" + feed_team + "'", {{"team", "unknown team"}});
    }
    CreatedFeed out;
    out.token = std::string(kFeedPrefix) + random_.RandomHex(24);
    out.path = "/calendar/" + out.token + ".ics";
    out.record.user_id = owner.user_id;
    out.record.scope = scope;
    out.record.team = feed_team;
    out.record.token_hash = digest_.Sha256Hex(out.token);
    out.record.prefix = out.token.substr(0, kFeedPrefix.size() + 6);
    out.record.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.calendar_feeds().Insert(out.record);
        if (!id.ok()) return id.status();
        out.record.id = *id;
        return audit_.Append({owner.Actor(), "calendar_feed.create", "calendar_feed", std::to_string(*id), "",
                              AuditJson()
                                  .Int("id", *id)
                                  .Int("user_id", owner.user_id)
                                  .Str("scope", scope)
                                  .Str("team", feed_team)
                                  .Str("prefix", out.record.prefix)
                                  .str()});
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::vector<ports::CalendarFeedRecord>> DeadlineService::ListFeeds(const Principal& owner) {
    return store_.calendar_feeds().ListOfUser(owner.user_id);
}

Status DeadlineService::RevokeFeed(const Principal& by, long long feed_id) {
    auto feed = store_.calendar_feeds().Find(feed_id);
    if (!feed.ok()) return feed.status();
    if (feed->user_id != by.user_id && by.role != domain::AccessRole::kAdmin) {
        return NotFound("no calendar feed with id " + std::to_string(feed_id));
    }
    const std::string at = FormatUtc(clock_.Now());
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.calendar_feeds().Revoke(feed_id, at));
        return audit_.Append({by.Actor(), "calendar_feed.revoke", "calendar_feed", std::to_string(feed_id), "",
                              AuditJson().Int("id", feed_id).Str("revoked_at", at).str()});
    });
}

Result<std::string> DeadlineService::FeedByToken(const std::string& token, std::optional<Date> today) {
    if (token.rfind(kFeedPrefix, 0) != 0) return Unauthenticated("unknown calendar feed");
    auto feed = store_.calendar_feeds().FindByHash(digest_.Sha256Hex(token));
    if (!feed.ok()) {
        if (feed.status().code() == ErrorCode::kNotFound) return Unauthenticated("unknown calendar feed");
        return feed.status();
    }
    if (!feed->revoked_at.empty()) return Unauthenticated("this calendar feed was revoked");
    (void)store_.calendar_feeds().Touch(feed->id, FormatUtc(clock_.Now()));
    return Export(feed->scope, feed->user_id, feed->team, today);
}

Result<std::string> DeadlineService::Export(const std::string& scope, long long user_id, const std::string& team,
                                            std::optional<Date> today_opt) {
    if (!writer_) return Unavailable("no calendar writer configured");
    std::vector<long long> owners;
    std::string name;
    if (scope == "team") {
        auto ids = store_.accounts().UserIdsInTeam(team);
        if (!ids.ok()) return ids.status();
        if (ids->empty()) return InvalidArgument("no team named '" + team + "'", {{"team", "unknown team"}});
        owners = *ids;
        name = "Kyoso 期限（" + team + "）";
    } else if (scope == "user") {
        owners.push_back(user_id);
        name = "Kyoso 期限（ユーザー " + std::to_string(user_id) + "）";
    } else {
        return InvalidArgument("scope must be user or team", {{"scope", "one of user, team"}});
    }
    auto deals = OpenDeals(owners, ports::Visibility{});
    if (!deals.ok()) return deals.status();
    const Date today = today_opt.value_or(clock_.Today());
    const Date until = AddDays(today, 365);
    auto in_window = [&](Date start, Date due) { return !Before(due, today) && !Before(until, start); };
    std::vector<std::pair<std::string, GovernmentInfo>> cache;
    std::vector<ports::CalendarEvent> events;
    std::vector<std::string> codes;
    for (const auto& nd : *deals) {
        const auto& deal = nd.deal;
        auto gov = Government(deal.government_code, cache);
        if (!gov.ok()) return gov.status();
        if (std::find(codes.begin(), codes.end(), deal.government_code) == codes.end()) {
            codes.push_back(deal.government_code);
        }
        const std::string where = "（" + (*gov)->name + "）";
        const std::string path = "/deals/" + std::to_string(deal.id);
        for (const auto& p :
             domain::DealMilestonePath(InputOf(deal), (*gov)->kind, (*gov)->overrides, business_days_)) {
            if (!in_window(p.start, p.due)) continue;
            const int left = business_days_.BusinessDaysBetween(today, p.due);
            events.push_back(
                {"deal-" + std::to_string(deal.id) + "-" + p.slug + "-fy" + std::to_string(p.fiscal_year) + "@kyoso",
                 Before(p.start, p.due) ? p.start : p.due,
                 p.due,
                 p.label_ja + ": " + deal.title + where,
                 "案件: " + path + "\n" + p.label_ja + "まで" + std::to_string(left) + "営業日（" +
                     FormatIsoDate(today) + "時点）",
                 path,
                 {"deadline"}});
        }
        auto d = domain::ComputeDealDeadline(InputOf(deal), today, (*gov)->kind, (*gov)->overrides, business_days_);
        if (d && d->missed && d->next_chance && in_window(d->next_chance->date, d->next_chance->date)) {
            const auto& c = *d->next_chance;
            events.push_back({"deal-" + std::to_string(deal.id) + "-next-" + c.slug + "-fy" +
                                  std::to_string(c.target_fiscal_year) + "@kyoso",
                              c.date,
                              c.date,
                              "次の機会: " + c.label_ja + ": " + deal.title + where,
                              "案件: " + path + "\n" + d->TextJa(),
                              path,
                              {"next_chance"}});
        }
    }
    // The council sessions of the feed's governments.
    const domain::FiscalYear fy = domain::FiscalYear::Containing(today);
    for (const auto& code : codes) {
        auto gov = Government(code, cache);
        if (!gov.ok()) return gov.status();
        for (domain::FiscalYear y : {fy, fy.next()}) {
            const auto cal = domain::FiscalCalendar::Build(y, (*gov)->kind, (*gov)->overrides, business_days_);
            for (auto k : {domain::MilestoneKind::kJuneCouncil, domain::MilestoneKind::kSeptemberCouncil,
                           domain::MilestoneKind::kDecemberCouncil, domain::MilestoneKind::kMarchCouncil}) {
                const auto* m = cal.Find(k);
                if (!m || !in_window(m->start, m->end)) continue;
                events.push_back({"gov-" + code + "-" + std::string(domain::MilestoneSlug(k)) + "-fy" +
                                      std::to_string(y.year()) + "@kyoso",
                                  m->start,
                                  m->end,
                                  (*gov)->name + " " + std::string(domain::MilestoneLabelJa(k)),
                                  "団体: /governments/" + code + "\n" + y.WarekiLabel(),
                                  "/governments/" + code,
                                  {"council"}});
            }
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const ports::CalendarEvent& a, const ports::CalendarEvent& b) {
        return a.start != b.start ? Before(a.start, b.start) : a.uid < b.uid;
    });
    return writer_->Write(name, events, FormatUtc(clock_.Now()));
}

}  // namespace kyoso::app
