// The demo's hand-offs (docs/division-of-labour.md, "Demo data"): from the simulated
// leads and deals of the year before as_of, bdr_to_is and is_to_fs hand-offs of
// converted leads and fs_to_cs hand-offs of won deals — mostly accepted in time, some
// returned with a reason (then re-sent and accepted), some accepted late (breached,
// escalated when late enough) — plus a few still pending from late October, and the
// sweep as of as_of. Deterministic for a seed; bounded at every scale.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

#include "kyoso/app/demo/demo_division.hpp"
#include "kyoso/domain/division/handoff.hpp"

namespace kyoso::app {

namespace {

std::uint64_t Mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

bool Before(Date a, Date b) { return std::chrono::sys_days{a} < std::chrono::sys_days{b}; }

constexpr std::array<const char*, 5> kReturnReasons = {
    "決裁者が未確認のため、確認後に再度お願いします", "予算状況の記載がありません", "次の接点の日程が未定です",
    "担当者の連絡先が古いままです", "導入スケジュールが契約内容と合っていません"};

class Seeder {
public:
    explicit Seeder(const DemoDivisionContext& c) : ctx_(c), repo_(c.store.handoffs()), cal_(c.calendar) {}

    Status Run() {
        KYOSO_RETURN_IF_ERROR(LoadPeople());
        if (bdr_.empty() || inside_.empty() || field_.empty() || success_.empty()) return Status::Ok();
        auto types = repo_.ListTypes();
        if (!types.ok()) return types.status();
        for (const auto& t : *types) types_[t.kind] = t;
        const Date as_of = ctx_.options.as_of;
        from_ = AddDays(as_of, -365);
        last_history_day_ = AddDays(as_of, -14);
        const bool small = ctx_.options.scale == DemoScale::kSmall;
        KYOSO_RETURN_IF_ERROR(ConvertedLeads(small ? 80 : 400));
        KYOSO_RETURN_IF_ERROR(WonDeals(small ? 40 : 200));
        KYOSO_RETURN_IF_ERROR(Pending());
        return Sweep(as_of);
    }

private:
    Status LoadPeople() {
        // Every active user (the directory), not only those who can sign in.
        auto people = ctx_.store.accounts().ListDirectory();
        if (!people.ok()) return people.status();
        std::sort(people->begin(), people->end(), [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
        for (const auto& a : *people) {
            role_[a.user_id] = a.sales_role;
            team_[a.user_id] = a.team;
            if (a.sales_role == "bdr") bdr_.push_back(a.user_id);
            if (a.sales_role == "inside_sales") inside_.push_back(a.user_id);
            if (a.sales_role == "field_sales") field_.push_back(a.user_id);
            if (a.sales_role == "customer_success") success_.push_back(a.user_id);
        }
        return Status::Ok();
    }

    std::uint64_t Hash(long long id, std::uint64_t salt) const {
        return Mix(ctx_.options.seed * 0x100000001B3ULL ^ static_cast<std::uint64_t>(id) * 31 ^ salt);
    }
    static long long Pick(const std::vector<long long>& from, std::uint64_t h) {
        return from[static_cast<size_t>(h % from.size())];
    }

    std::vector<domain::HandoffChecklistItem> Checklist(const std::string& kind, std::uint64_t h) const {
        std::vector<domain::HandoffChecklistItem> out;
        const auto& items = types_.at(kind).checklist;
        for (size_t i = 0; i < items.size(); ++i) {
            domain::HandoffChecklistItem c;
            c.item = items[i];
            // Now and then an item does not apply, with the note saying why.
            if ((h >> (8 + i)) % 9 == 0) {
                c.not_applicable = true;
                c.notes = "該当なし: 先方で未定";
            } else {
                c.checked = true;
            }
            out.push_back(std::move(c));
        }
        return out;
    }

    Result<long long> ManagerOf(long long user_id) {
        auto found = managers_.find(team_[user_id]);
        if (found != managers_.end()) return found->second;
        auto ids = repo_.ManagersOfTeam(team_[user_id]);
        if (!ids.ok()) return ids.status();
        const long long id = ids->empty() ? 0 : ids->front();
        managers_[team_[user_id]] = id;
        return id;
    }

    // One answered hand-off created on `created`; returns the day it was accepted
    // (nullopt when it ends returned-and-resent past the history window).
    Result<std::optional<Date>> History(const std::string& kind, long long lead_id, long long deal_id, long long from,
                                        long long to, Date created, std::uint64_t h) {
        const auto& type = types_.at(kind);
        for (int attempt = 0; attempt < 2; ++attempt) {
            created = cal_.NextBusinessDayOnOrAfter(created);
            if (Before(last_history_day_, created)) return std::optional<Date>();
            const Date due = domain::HandoffDueOn(cal_, created, type.sla_business_days);
            const unsigned roll = static_cast<unsigned>((h >> (attempt * 7)) % 100);
            ports::HandoffRecord r;
            r.kind = kind;
            r.lead_id = lead_id;
            r.deal_id = deal_id;
            r.from_user_id = from;
            r.to_user_id = to;
            r.checklist = Checklist(kind, h);
            r.note = kind == "fs_to_cs" ? "受注後の立ち上げをお願いします" : "よろしくお願いします";
            r.created_on = FormatIsoDate(created);
            r.created_at = r.created_on + "T01:30:00Z";
            r.due_on = FormatIsoDate(due);
            Date responded = due;
            bool late = false;
            if (attempt == 0 && roll >= 86) {
                r.status = "returned";
                r.return_reason = kReturnReasons[h % kReturnReasons.size()];
                responded = cal_.AddBusinessDays(created, type.sla_business_days == 0 ? 0 : 1);
            } else if (roll >= 72) {
                r.status = "accepted";
                late = true;
                responded = cal_.AddBusinessDays(due, 1 + static_cast<int>((h >> 20) % 4));
            } else {
                r.status = "accepted";
                const int within =
                    type.sla_business_days == 0 ? 0 : static_cast<int>((h >> 24) % type.sla_business_days);
                responded = cal_.AddBusinessDays(created, within);
                if (Before(due, responded)) responded = due;
            }
            if (Before(ctx_.options.as_of, responded)) responded = ctx_.options.as_of;
            r.responded_on = FormatIsoDate(responded);
            r.responded_at = r.responded_on + "T05:00:00Z";
            r.responded_by_user_id = to;
            if (late) r.breached_on = FormatIsoDate(AddDays(due, 1));
            auto id = repo_.Insert(r);
            if (!id.ok()) return id.status();
            ++inserted_;
            if (late) {
                const Date escalate_on = domain::HandoffEscalationDate(cal_, due, type.escalate_after_business_days);
                if (!Before(responded, escalate_on)) {
                    auto manager = ManagerOf(to);
                    if (!manager.ok()) return manager.status();
                    auto done = repo_.MarkEscalated(*id, *manager, FormatIsoDate(escalate_on));
                    if (!done.ok()) return done.status();
                }
            }
            if (r.status == "accepted") {
                if (kind == "fs_to_cs") KYOSO_RETURN_IF_ERROR(repo_.JoinDealTeam(deal_id, to, "customer_success"));
                return std::optional<Date>(responded);
            }
            // Returned: fixed and re-sent the next business day.
            created = cal_.AddBusinessDays(responded, 1);
        }
        return std::optional<Date>();
    }

    Status ConvertedLeads(int limit) {
        ports::LeadQuery q;
        q.status = "converted";
        q.sort.field = "created_on";
        q.sort.descending = true;
        q.limit = limit;
        auto page = ctx_.store.leads().List(q);
        if (!page.ok()) return page.status();
        long long done = 0;
        for (const auto& lead : page->items) {
            ctx_.progress.Report("handoffs: leads", ++done, static_cast<long long>(page->items.size()));
            if (Before(lead.created_on, from_)) continue;
            const std::uint64_t h = Hash(lead.id, 1);
            const long long bdr = role_[lead.owner_id] == "bdr" ? lead.owner_id : Pick(bdr_, h);
            const long long is = Pick(inside_, h >> 3);
            long long fs = Pick(field_, h >> 5);
            if (lead.converted_deal_id) {
                auto deal = ctx_.store.deals().Get(lead.converted_deal_id);
                if (deal.ok() && role_[deal->owner_id] == "field_sales") fs = deal->owner_id;
            }
            auto accepted = History("bdr_to_is", lead.id, 0, bdr, is, AddDays(lead.created_on, 1 + (h >> 11) % 4), h);
            if (!accepted.ok()) return accepted.status();
            if (!*accepted) continue;
            const Date next = cal_.AddBusinessDays(**accepted, 2 + static_cast<int>((h >> 13) % 8));
            auto passed = History("is_to_fs", lead.id, 0, is, fs, next, Mix(h));
            if (!passed.ok()) return passed.status();
        }
        return Status::Ok();
    }

    Status WonDeals(int limit) {
        ports::DealQuery q;
        q.stage = domain::Stage::kWon;
        q.sort.field = "id";
        q.sort.descending = true;
        q.limit = limit;
        q.count_total = false;
        auto page = ctx_.store.deals().List(q);
        if (!page.ok()) return page.status();
        int pending = 0;
        for (const auto& nd : page->items) {
            const auto& deal = nd.deal;
            if (!deal.closed_on || Before(*deal.closed_on, from_) || role_[deal.owner_id] != "field_sales") continue;
            const std::uint64_t h = Hash(deal.id, 2);
            const long long cs = Pick(success_, h);
            // The most recently won: still waiting for customer success at as_of.
            if (pending < 2 && !Before(*deal.closed_on, AddDays(ctx_.options.as_of, -45))) {
                KYOSO_RETURN_IF_ERROR(PendingOne("fs_to_cs", 0, deal.id, deal.owner_id, cs,
                                                 AddDays(ctx_.options.as_of, -2 - pending), h));
                ++pending;
                continue;
            }
            auto accepted = History("fs_to_cs", 0, deal.id, deal.owner_id, cs,
                                    AddDays(*deal.closed_on, 1 + static_cast<int>((h >> 9) % 4)), h);
            if (!accepted.ok()) return accepted.status();
        }
        return Status::Ok();
    }

    Status PendingOne(const std::string& kind, long long lead_id, long long deal_id, long long from, long long to,
                      Date created, std::uint64_t h) {
        created = cal_.PreviousBusinessDayOnOrBefore(created);
        ports::HandoffRecord r;
        r.kind = kind;
        r.lead_id = lead_id;
        r.deal_id = deal_id;
        r.from_user_id = from;
        r.to_user_id = to;
        r.status = "pending";
        r.checklist = Checklist(kind, h);
        r.note = "至急ご確認ください";
        r.created_on = FormatIsoDate(created);
        r.created_at = r.created_on + "T02:00:00Z";
        r.due_on = FormatIsoDate(domain::HandoffDueOn(cal_, created, types_.at(kind).sla_business_days));
        auto id = repo_.Insert(r);
        if (!id.ok()) return id.status();
        ++inserted_;
        return repo_.InsertAlert(to, "handoff", *id, "", "引き継ぎ: " + types_.at(kind).name_ja + " 期限 " + r.due_on,
                                 r.created_at);
    }

    // Open leads of BDRs: three wait for inside sales (created 10/28–10/30), two already
    // with inside sales wait for field sales of the first regional team's members.
    Status Pending() {
        std::vector<domain::Lead> open;
        for (const char* status : {"new", "working"}) {
            ports::LeadQuery q;
            q.status = status;
            q.sort.field = "created_on";
            q.sort.descending = true;
            q.limit = 40;
            auto page = ctx_.store.leads().List(q);
            if (!page.ok()) return page.status();
            for (const auto& l : page->items) {
                if (role_[l.owner_id] == "bdr" && !Before(ctx_.options.as_of, l.created_on)) open.push_back(l);
            }
        }
        std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        std::map<long long, int> per_bdr;
        int bdr_to_is = 0, is_to_fs = 0;
        for (const auto& l : open) {
            if (bdr_to_is == 3 && is_to_fs == 2) break;
            // At most one per BDR, so every BDR keeps open leads to hand over by hand.
            if (per_bdr[l.owner_id]++ > 0) continue;
            const std::uint64_t h = Hash(l.id, 3);
            const long long is = Pick(inside_, h);
            if (bdr_to_is < 3) {
                KYOSO_RETURN_IF_ERROR(
                    PendingOne("bdr_to_is", l.id, 0, l.owner_id, is, AddDays(ctx_.options.as_of, -4 + bdr_to_is), h));
                ++bdr_to_is;
                continue;
            }
            // Accepted by inside sales a while ago, now with field sales.
            const Date accepted_on = cal_.PreviousBusinessDayOnOrBefore(AddDays(ctx_.options.as_of, -12));
            ports::HandoffRecord r;
            r.kind = "bdr_to_is";
            r.lead_id = l.id;
            r.from_user_id = l.owner_id;
            r.to_user_id = is;
            r.status = "accepted";
            r.checklist = Checklist("bdr_to_is", h);
            const Date created = cal_.AddBusinessDays(accepted_on, -1);
            r.created_on = FormatIsoDate(created);
            r.created_at = r.created_on + "T01:00:00Z";
            r.due_on = FormatIsoDate(domain::HandoffDueOn(cal_, created, types_.at("bdr_to_is").sla_business_days));
            r.responded_on = FormatIsoDate(accepted_on);
            r.responded_at = r.responded_on + "T03:00:00Z";
            r.responded_by_user_id = is;
            auto id = repo_.Insert(r);
            if (!id.ok()) return id.status();
            ++inserted_;
            // The simulation's leads stay with their BDRs (its invariant); accepting this
            // pending hand-off at run time moves the lead to field sales as usual.
            // The receiver: a field sales person of the first regional team (the demo's
            // sample manager's team), so the escalation reaches that manager.
            const long long fs = field_.size() > 5 ? field_[4 + is_to_fs] : Pick(field_, h);
            KYOSO_RETURN_IF_ERROR(
                PendingOne("is_to_fs", l.id, 0, is, fs, AddDays(ctx_.options.as_of, -3 + is_to_fs), h >> 7));
            ++is_to_fs;
        }
        return Status::Ok();
    }

    // The sweep as of `today` (domain::DecideHandoffSweep), writing alerts to managers.
    Status Sweep(Date today) {
        auto overdue = repo_.OverduePending(FormatIsoDate(today));
        if (!overdue.ok()) return overdue.status();
        for (const auto& r : *overdue) {
            auto due = ParseIsoDate(r.due_on);
            if (!due) continue;
            const auto d =
                domain::DecideHandoffSweep(cal_, domain::HandoffStatus::kPending, *due, r.escalate_after_business_days,
                                           !r.breached_on.empty(), !r.escalated_on.empty(), today);
            if (d.mark_breached) {
                auto done = repo_.MarkBreached(r.id, FormatIsoDate(*d.breached_on));
                if (!done.ok()) return done.status();
            }
            if (d.escalate) {
                auto manager = ManagerOf(r.to_user_id);
                if (!manager.ok()) return manager.status();
                auto done = repo_.MarkEscalated(r.id, *manager, FormatIsoDate(today));
                if (!done.ok()) return done.status();
                if (*manager) {
                    KYOSO_RETURN_IF_ERROR(repo_.InsertAlert(*manager, "handoff_escalation", r.id, r.government_code,
                                                            "引き継ぎSLA超過: " + r.kind_name_ja + " 「" +
                                                                r.subject_title + "」 " + r.from_user_name + " → " +
                                                                r.to_user_name + " 期限 " + r.due_on,
                                                            FormatIsoDate(today) + "T00:00:00Z"));
                }
            }
        }
        return Status::Ok();
    }

    const DemoDivisionContext& ctx_;
    ports::HandoffRepository& repo_;
    const domain::BusinessCalendar& cal_;
    std::map<std::string, ports::HandoffType> types_;
    std::map<long long, std::string> role_, team_;
    std::map<std::string, long long> managers_;
    std::vector<long long> bdr_, inside_, field_, success_;
    Date from_{};
    Date last_history_day_{};
    long long inserted_ = 0;
};

}  // namespace

Status SeedDemoHandoffs(const DemoDivisionContext& context) {
    return context.store.InTransaction([&] { return Seeder(context).Run(); });
}

}  // namespace kyoso::app
