// The demo's cadences (docs/division-of-labour.md, "Cadences and tasks"; docs/demo-data.md):
// two lead cadences worked by BDRs and inside sales, one official cadence, enrolments of
// the leads of the months before as_of alternating A/B, their tasks generated and closed
// through as_of, and outcomes with a planted variant effect (B books more meetings).

#include <algorithm>
#include <map>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/demo/demo_division.hpp"
#include "kyoso/domain/division/cadence.hpp"

namespace kyoso::app {

namespace {

using domain::CadenceStep;
using domain::CadenceStepKind;

// At most this many enrolments per cadence, at any scale (Japan scale stays fast).
constexpr int kMaxEnrolmentsPerCadence = 160;

std::uint64_t Mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

CadenceStep Step(int position, CadenceStepKind kind, int wait, std::string title, std::string text) {
    CadenceStep s;
    s.position = position;
    s.kind = kind;
    s.wait_business_days = wait;
    s.title = std::move(title);
    s.template_text = std::move(text);
    return s;
}

struct CadenceSpec {
    ports::CadenceRow row;
    std::vector<CadenceStep> steps;
};

std::vector<CadenceSpec> Specs() {
    std::vector<CadenceSpec> out;
    {
        CadenceSpec c;
        c.row.name = "新規リード初回接触";
        c.row.description = "BDRが新規リードに初回接触する。1通目のメールをA/Bで比較（A: 課題提起型、B: 事例紹介型）。";
        c.row.target = "lead";
        CadenceStep email =
            Step(3, CadenceStepKind::kEmail, 0, "課題提起メール",
                 "○○市 ○○課 ○○様\n\n窓口業務のデジタル化について、多くの自治体で「職員の負担が減らない」"
                 "という課題を伺っております。貴団体のご状況を15分ほどお聞かせいただけないでしょうか。");
        email.variant_b_kind = CadenceStepKind::kEmail;
        email.variant_b_title = "事例紹介メール";
        email.variant_b_template =
            "○○市 ○○課 ○○様\n\n人口規模の近い△△町では、導入後半年で申請のオンライン比率が40%を超えました。"
            "同町の担当者のお話も交えてご紹介できます。15分ほどお時間をいただけないでしょうか。";
        c.steps = {Step(1, CadenceStepKind::kCall, 0, "初回電話（ご挨拶と課題の確認）",
                        "お世話になっております。○○の件でお電話しました。現在のご担当とご予定を伺います。"),
                   Step(2, CadenceStepKind::kWait, 3, "", ""),
                   email,
                   Step(4, CadenceStepKind::kWait, 5, "", ""),
                   Step(5, CadenceStepKind::kCall, 0, "フォロー電話（メールの反応確認）",
                        "先日お送りしたメールについて、ご覧いただけたか伺います。"),
                   Step(6, CadenceStepKind::kWait, 10, "", ""),
                   Step(7, CadenceStepKind::kEmail, 0, "最終メール（情報提供のご案内）",
                        "今後も制度改正や他団体の事例を情報提供させていただければ幸いです。")};
        out.push_back(std::move(c));
    }
    {
        CadenceSpec c;
        c.row.name = "セミナー後フォロー";
        c.row.description = "インサイドセールスがセミナー参加者をフォローし、商談（オンライン面談）を設定する。";
        c.row.target = "lead";
        c.row.owner_team = "インサイドセールス部";
        c.steps = {Step(1, CadenceStepKind::kEmail, 0, "ご参加お礼メール",
                        "先日はセミナーにご参加いただきありがとうございました。資料をお送りします。"),
                   Step(2, CadenceStepKind::kWait, 2, "", ""),
                   Step(3, CadenceStepKind::kCall, 0, "ヒアリング電話",
                        "セミナーのご感想と、来年度の予算化のご予定を伺います。"),
                   Step(4, CadenceStepKind::kWait, 5, "", ""),
                   Step(5, CadenceStepKind::kEmail, 0, "オンライン面談のご提案",
                        "30分のオンライン面談の候補日をお送りします。")};
        out.push_back(std::move(c));
    }
    {
        CadenceSpec c;
        c.row.name = "異動後の担当者あいさつ";
        c.row.description = "4月の人事異動で着任した担当者にごあいさつし、関係を引き継ぐ。";
        c.row.target = "official";
        c.steps = {Step(1, CadenceStepKind::kEmail, 0, "着任のお祝いとごあいさつ", "ご着任おめでとうございます。"),
                   Step(2, CadenceStepKind::kWait, 5, "", ""),
                   Step(3, CadenceStepKind::kVisit, 0, "ご訪問（前任者からの引き継ぎ確認）", "")};
        out.push_back(std::move(c));
    }
    return out;
}

// Outcome draw per enrolment (0..999): variant B of the BDR cadence books meetings
// about 2.5x as often as A (the planted effect, docs/demo-data.md).
std::string DrawOutcome(std::uint64_t r, bool bdr, const std::string& variant) {
    const int x = static_cast<int>(r % 1000);
    const bool b = bdr && variant == "B";
    const int meeting = bdr ? (b ? 260 : 100) : 220;
    const int replied = meeting + (b ? 110 : 120);
    const int not_interested = replied + 80;
    const int opted_out = not_interested + 25;
    if (x < meeting) return "meeting_set";
    if (x < replied) return "replied";
    if (x < not_interested) return "not_interested";
    if (x < opted_out) return "opted_out";
    return "no_response";
}

Status SeedCadencesInTransaction(const DemoDivisionContext& ctx) {
    ports::Store& store = ctx.store;
    const Date as_of = ctx.options.as_of;
    const Date window_start = AddDays(as_of, -180);
    auto users = store.accounts().ListDirectory();
    if (!users.ok()) return users.status();
    std::vector<long long> bdrs, inside, managers;
    for (const auto& u : *users) {
        if (u.sales_role == "bdr") bdrs.push_back(u.user_id);
        if (u.sales_role == "inside_sales") inside.push_back(u.user_id);
        if (u.sales_role == "manager") managers.push_back(u.user_id);
    }
    std::sort(bdrs.begin(), bdrs.end());
    std::sort(inside.begin(), inside.end());
    std::sort(managers.begin(), managers.end());
    if (bdrs.empty() || inside.empty() || managers.empty()) return Status::Ok();

    // Leads created in the window, newest first, in pages.
    std::vector<domain::Lead> recent;
    ports::LeadQuery q;
    q.sort.field = "created_on";
    q.sort.descending = true;
    q.limit = 200;
    for (int page = 0; page < 20; ++page) {
        auto p = store.leads().List(q);
        if (!p.ok()) return p.status();
        bool older = false;
        for (const auto& l : p->items) {
            if (l.created_on < window_start) {
                older = true;
                break;
            }
            if (l.created_on <= as_of) recent.push_back(l);
        }
        if (older || !p->has_more || p->items.empty()) break;
        q.sort.after_value = FormatIsoDate(p->items.back().created_on);
        q.sort.after_id = p->items.back().id;
    }
    std::sort(recent.begin(), recent.end(), [](const auto& a, const auto& b) {
        return a.created_on != b.created_on ? a.created_on < b.created_on : a.id < b.id;
    });
    // Officials that must not be contacted stay out.
    auto contactable = [&](long long official_id) -> bool {
        if (official_id <= 0) return true;
        auto o = store.officials().Get(official_id);
        return o.ok() && !o->do_not_contact;
    };

    const std::string created_at = FormatIsoDate(as_of) + "T00:00:00Z";
    auto specs = Specs();
    long long seeded_enrolments = 0;
    long long seeded_tasks = 0;
    for (size_t ci = 0; ci < specs.size(); ++ci) {
        auto& spec = specs[ci];
        spec.row.active = true;
        spec.row.created_by = managers.front();
        spec.row.created_at = created_at;
        auto cid = store.cadences().InsertCadence(spec.row);
        if (!cid.ok()) return cid.status();
        for (auto& s : spec.steps) {
            auto sid = store.cadences().InsertStep(*cid, s);
            if (!sid.ok()) return sid.status();
            s.id = *sid;
        }
        if (spec.row.target != "lead") continue;
        const bool bdr = ci == 0;
        // BDR cadence: every non-seminar lead of the window; IS cadence: seminar leads.
        // The newest ones, at most kMaxEnrolmentsPerCadence, then oldest first.
        std::vector<const domain::Lead*> chosen;
        for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
            if (static_cast<int>(chosen.size()) >= kMaxEnrolmentsPerCadence) break;
            if ((it->source == "seminar") == bdr) continue;
            if (!contactable(it->official_id)) continue;
            chosen.push_back(&*it);
        }
        std::reverse(chosen.begin(), chosen.end());
        long long n = 0;
        for (const domain::Lead* l : chosen) {
            ports::EnrolmentRow e;
            e.cadence_id = *cid;
            e.lead_id = l->id;
            e.variant = domain::AlternatingVariant(n);
            e.user_id = bdr ? (l->owner_id > 0 ? l->owner_id : bdrs[static_cast<size_t>(n) % bdrs.size()])
                            : inside[static_cast<size_t>(n) % inside.size()];
            // The first BDR and IS users (the demo's sample sign-ins) work a share of each.
            if (n % 5 == 0) e.user_id = bdr ? bdrs.front() : inside.front();
            ++n;
            const Date started = ctx.calendar.NextBusinessDayOnOrAfter(AddDays(l->created_on, 1));
            if (started > as_of) continue;
            e.started_on = FormatIsoDate(started);
            e.status = "active";
            e.created_at = created_at;
            const std::uint64_t r = Mix(ctx.options.seed * 1000003ULL + static_cast<std::uint64_t>(l->id) * 31ULL + ci);
            const std::string outcome = DrawOutcome(r, bdr, e.variant);
            // Simulate through as_of: each task closes 0-2 business days after it is due.
            std::vector<domain::StepTaskState> states;
            std::vector<ports::TaskRow> tasks;
            for (int guard = 0; guard < 20; ++guard) {
                const auto next = domain::NextCadenceStep(spec.steps, started, states, ctx.calendar);
                if (next.state == domain::CadenceNextState::kWaitingOnTask || next.date > as_of) break;
                if (next.state == domain::CadenceNextState::kCompleted) {
                    e.status = "completed";
                    e.outcome = outcome == "no_response" ? "no_response" : "";
                    if (!e.outcome.empty()) e.outcome_on = FormatIsoDate(next.date);
                    break;
                }
                const auto& step = *std::find_if(spec.steps.begin(), spec.steps.end(),
                                                 [&](const auto& s) { return s.id == next.step_id; });
                const auto eff = domain::StepForVariant(step, e.variant);
                ports::TaskRow t;
                t.user_id = e.user_id;
                t.due_on = FormatIsoDate(next.date);
                t.kind = std::string(domain::CadenceStepKindSlug(eff.kind));
                t.title = eff.title;
                t.body = eff.template_text;
                t.lead_id = l->id;
                t.official_id = l->official_id;
                t.government_code = l->government_code;
                t.step_id = step.id;
                t.variant = e.variant;
                t.created_at = created_at;
                const Date closed = ctx.calendar.AddBusinessDays(next.date, static_cast<int>((r >> (8 + guard)) % 3));
                e.current_position = step.position;
                if (closed > as_of) {
                    t.status = "open";
                    tasks.push_back(t);
                    states.push_back({step.id, false, {}});
                    break;
                }
                t.status = "done";
                t.completed_on = FormatIsoDate(closed);
                t.result = eff.kind == CadenceStepKind::kCall ? "担当者と話せた" : "送付済み";
                tasks.push_back(t);
                states.push_back({step.id, true, closed});
                // A reply-type outcome arrives after the step that carries the A/B
                // variant (BDR: the first email) or after the call (IS).
                const bool decisive = step.position == 3;
                if (decisive && outcome != "no_response") {
                    const Date on = ctx.calendar.AddBusinessDays(closed, 1);
                    if (on <= as_of) {
                        e.status = "stopped";
                        e.outcome = outcome;
                        e.outcome_on = FormatIsoDate(on);
                    }
                    break;
                }
            }
            auto eid = store.cadences().InsertEnrolment(e);
            if (!eid.ok()) return eid.status();
            ++seeded_enrolments;
            for (auto& t : tasks) {
                t.enrolment_id = *eid;
                auto tid = store.cadences().InsertTask(t);
                if (!tid.ok()) return tid.status();
                ++seeded_tasks;
            }
        }
    }

    // A few manual tasks for the sample BDR and inside-sales users around late November.
    const std::vector<std::pair<int, const char*>> manual = {{24, "資料送付の確認（電話）"},
                                                             {25, "見積条件のヒアリング"},
                                                             {26, "予算要求の時期を確認"},
                                                             {29, "オンライン面談の日程調整"},
                                                             {31, "セミナー参加者リストの整理"}};
    int k = 0;
    for (const auto& [day, title] : manual) {
        const bool for_bdr = k < 3;
        const domain::Lead* lead = recent.empty() ? nullptr : &recent[recent.size() - 1 - static_cast<size_t>(k)];
        ports::TaskRow t;
        t.user_id = for_bdr ? bdrs.front() : inside.front();
        t.due_on = FormatIsoDate(day <= 30 ? MakeDate(2026, 11, static_cast<unsigned>(day))
                                           : MakeDate(2026, 12, static_cast<unsigned>(day - 30)));
        t.kind = k % 2 == 0 ? "call" : "todo";
        t.title = title;
        if (lead) {
            t.lead_id = lead->id;
            t.government_code = lead->government_code;
        }
        t.status = "open";
        t.created_at = created_at;
        auto tid = store.cadences().InsertTask(t);
        if (!tid.ok()) return tid.status();
        ++seeded_tasks;
        ++k;
    }
    ctx.progress.Report("cadences", seeded_enrolments, seeded_enrolments);
    (void)seeded_tasks;
    return Status::Ok();
}

}  // namespace

Status SeedDemoCadences(const DemoDivisionContext& ctx) {
    // One unit of work at every scale (a savepoint inside the small demo's transaction).
    return ctx.store.InTransaction([&]() -> Status { return SeedCadencesInTransaction(ctx); });
}

}  // namespace kyoso::app
