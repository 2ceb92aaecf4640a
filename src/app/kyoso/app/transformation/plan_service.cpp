#include "kyoso/app/transformation/plan_service.hpp"

#include <cmath>
#include <cstdio>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/query_params.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxNoteChars = 2000;

size_t CodePoints(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string FormatNumber(double v) {
    char buf[32];
    if (std::floor(v) == v) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f", v);
    }
    return buf;
}

std::string ProgressJson(const ports::PlanProgressRecord& p) {
    return AuditJson().Str("status", p.status).Str("note", p.note).str();
}

}  // namespace

domain::GovernmentFocus PlanFocusOf(const ports::PlanOrgFacts& facts) {
    if (facts.deals <= 0) return domain::GovernmentFocus::kMixed;
    // Compare counts, not rounded shares: 60% exactly counts.
    if (facts.small_government_deals * 10 >= facts.deals * 6) return domain::GovernmentFocus::kTownsAndVillages;
    if (facts.large_government_deals * 10 >= facts.deals * 6) return domain::GovernmentFocus::kLargeCities;
    return domain::GovernmentFocus::kMixed;
}

std::string PlanStatusLabelJa(const std::string& status) {
    if (status == "doing") return "進行中";
    if (status == "done") return "完了";
    return "未着手";
}

std::string PlanKpiTargetText(const domain::PlanKpi& kpi) {
    const std::string cmp = kpi.comparator == "<=" ? "≤" : "≥";
    return cmp + " " + FormatNumber(kpi.target) + std::string(kpi.unit);
}

Result<PlanProfile> PlanService::Profile(const PlanQuery& query) {
    PlanProfile p;
    std::vector<ErrorDetail> errors;
    std::optional<int> staff;
    if (!query.staff.empty()) {
        auto v = ParseInt(query.staff);
        if (!v || *v < 1 || *v > 100000) {
            errors.push_back({"staff", "a whole number of sales staff, 1-100000"});
        } else {
            staff = static_cast<int>(*v);
        }
    }
    std::optional<domain::GovernmentFocus> focus;
    if (!query.focus.empty()) {
        focus = domain::GovernmentFocusFromSlug(query.focus);
        if (!focus) errors.push_back({"focus", "must be large_cities, mixed or towns_villages"});
    }
    if (!errors.empty()) return InvalidArgument("invalid plan parameters", std::move(errors));
    auto facts = repo_.OrgFacts();
    if (!facts.ok()) return facts.status();
    p.facts = *facts;
    p.sales_staff = staff.value_or(facts->sales_staff);
    p.staff_overridden = staff.has_value();
    p.band = domain::OrgSizeBandOf(p.sales_staff);
    if (facts->deals > 0) {
        p.small_government_share = static_cast<double>(facts->small_government_deals) / facts->deals;
        p.large_government_share = static_cast<double>(facts->large_government_deals) / facts->deals;
    }
    p.derived_focus = PlanFocusOf(*facts);
    p.focus = focus.value_or(p.derived_focus);
    p.focus_overridden = focus.has_value();
    return p;
}

Result<PlanView> PlanService::Build(const PlanQuery& query) {
    Date start = clock_.Today();
    if (!query.start.empty()) {
        auto parsed = ParseIsoDate(query.start);
        if (!parsed) return InvalidArgument("invalid plan parameters", {{"start", "must be a date YYYY-MM-DD"}});
        start = *parsed;
    }
    auto profile = Profile(query);
    if (!profile.ok()) return profile.status();
    auto diagnosis = diagnoses_.LatestDiagnosis();
    if (!diagnosis.ok()) return diagnosis.status();
    if (!diagnosis->has_value()) return FailedPrecondition(kPlanNoDiagnosisMessage);
    PlanView view;
    view.profile = *profile;
    view.assessment_id = (*diagnosis)->assessment_id;
    view.assessed_on = (*diagnosis)->assessed_on;
    view.plan = domain::GeneratePlan(**diagnosis, profile->band, profile->focus, start, business_days_);
    auto progress = repo_.Progress();
    if (!progress.ok()) return progress.status();
    for (auto& row : *progress) view.progress[row.action_key] = std::move(row);
    return view;
}

ports::Sheet PlanService::SheetOf(const PlanView& view) {
    ports::Sheet sheet;
    sheet.name = "行動計画";
    sheet.header = {"段階", "領域", "施策", "担当ロール", "KPI", "目標", "期日", "状況"};
    sheet.column_widths = {12, 16, 44, 18, 30, 14, 12, 10};
    for (const auto& a : view.plan.actions) {
        const auto& t = *a.source;
        auto it = view.progress.find(std::string(t.key));
        const std::string status = it == view.progress.end() ? "todo" : it->second.status;
        sheet.rows.push_back({std::string(domain::PlanStageLabelJa(t.stage)),
                              std::string(domain::DimensionLabelJa(t.dimension)), std::string(t.title_ja),
                              std::string(domain::PlanOwnerLabelJa(a.owner)), std::string(t.kpi.name_ja),
                              PlanKpiTargetText(t.kpi), FormatIsoDate(a.due), PlanStatusLabelJa(status)});
    }
    return sheet;
}

Result<std::string> PlanService::Xlsx(const PlanView& view) const {
    if (!xlsx_) return Unavailable("no spreadsheet writer configured");
    return xlsx_->RenderXlsx(SheetOf(view));
}

Status PlanService::WriteXlsx(const PlanView& view, const std::string& path) const {
    if (!xlsx_) return Unavailable("no spreadsheet writer configured");
    return xlsx_->WriteXlsx(SheetOf(view), path);
}

std::string PlanService::XlsxFileName(const PlanView& view) {
    return "kyoso-action-plan-" + FormatIsoDate(view.plan.start) + ".xlsx";
}

Result<ports::PlanProgressRecord> PlanService::SetProgress(const std::string& key, const PlanProgressRequest& request,
                                                           const Principal& by) {
    if (!domain::FindPlanAction(key)) return NotFound("no plan action '" + key + "'");
    std::vector<ErrorDetail> errors;
    if (!request.status) {
        errors.push_back({"status", "required: todo, doing or done"});
    } else if (*request.status != "todo" && *request.status != "doing" && *request.status != "done") {
        errors.push_back({"status", "must be todo, doing or done"});
    }
    if (request.note && CodePoints(*request.note) > kMaxNoteChars) {
        errors.push_back({"note", "at most 2000 characters"});
    }
    if (!errors.empty()) return InvalidArgument("invalid plan progress", std::move(errors));
    auto rows = repo_.Progress();
    if (!rows.ok()) return rows.status();
    ports::PlanProgressRecord before;
    before.action_key = key;
    before.status = "todo";
    for (const auto& r : *rows) {
        if (r.action_key == key) before = r;
    }
    ports::PlanProgressRecord after;
    after.action_key = key;
    after.status = *request.status;
    after.note = request.note.value_or(before.note);
    after.updated_by = by.user_id;
    after.updated_by_name = by.name;
    after.updated_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(repo_.SaveProgress(after));
        return audit_.Append(
            {by.Actor(), "plan_progress.update", "plan_action", key, ProgressJson(before), ProgressJson(after)});
    });
    if (!st.ok()) return st;
    return after;
}

}  // namespace kyoso::app
