#include "kyoso/domain/transformation/experiment.hpp"

#include <algorithm>
#include <cstdio>

namespace kyoso::domain {

namespace {

// The longest horizon an experiment may fix: beyond it the "small experiment" is not small.
constexpr int kMaxHorizonDays = 730;

std::string PValueText(double p) {
    char buf[32];
    if (p < 0.0001) {
        std::snprintf(buf, sizeof buf, "< 0.0001");
    } else {
        std::snprintf(buf, sizeof buf, "%.4f", p);
    }
    return buf;
}

}  // namespace

std::string_view ExperimentKindSlug(ExperimentKind k) {
    switch (k) {
        case ExperimentKind::kCadenceAb:
            return "cadence_ab";
        case ExperimentKind::kPilotTeam:
            return "pilot_team";
    }
    return "cadence_ab";
}

std::optional<ExperimentKind> ExperimentKindFromSlug(std::string_view slug) {
    if (slug == "cadence_ab") return ExperimentKind::kCadenceAb;
    if (slug == "pilot_team") return ExperimentKind::kPilotTeam;
    return std::nullopt;
}

const std::vector<std::string>& ExperimentOutcomesOf(ExperimentKind k) {
    static const std::vector<std::string> kCadence = {"meeting_set", "replied"};
    static const std::vector<std::string> kPilot = {"deal_won", "budget_requested", "lead_qualified"};
    return k == ExperimentKind::kCadenceAb ? kCadence : kPilot;
}

bool IsExperimentOutcome(ExperimentKind k, std::string_view outcome) {
    const auto& list = ExperimentOutcomesOf(k);
    return std::find(list.begin(), list.end(), outcome) != list.end();
}

std::string_view ExperimentOutcomeLabelJa(std::string_view outcome) {
    if (outcome == "meeting_set") return "商談設定";
    if (outcome == "replied") return "返信あり（商談設定を含む）";
    if (outcome == "deal_won") return "受注";
    if (outcome == "budget_requested") return "予算要求到達";
    if (outcome == "lead_qualified") return "リード評価済み（qualified）";
    return "";
}

std::string_view ExperimentStatusSlug(ExperimentStatus s) {
    switch (s) {
        case ExperimentStatus::kDraft:
            return "draft";
        case ExperimentStatus::kRunning:
            return "running";
        case ExperimentStatus::kConcluded:
            return "concluded";
        case ExperimentStatus::kStopped:
            return "stopped";
    }
    return "draft";
}

std::string_view ExperimentVerdictSlug(ExperimentVerdict v) {
    switch (v) {
        case ExperimentVerdict::kPending:
            return "pending";
        case ExperimentVerdict::kStopped:
            return "stopped";
        case ExperimentVerdict::kSignificant:
            return "significant";
        case ExperimentVerdict::kNotSignificant:
            return "not_significant";
        case ExperimentVerdict::kInsufficientSample:
            return "insufficient_sample";
        case ExperimentVerdict::kNotComputable:
            return "not_computable";
    }
    return "pending";
}

ExperimentStatus StatusOn(const Experiment& e, Date today) {
    if (e.stopped_on) return ExperimentStatus::kStopped;
    if (today < e.start_on) return ExperimentStatus::kDraft;
    if (today < e.horizon_on) return ExperimentStatus::kRunning;
    return ExperimentStatus::kConcluded;
}

bool HasStarted(const Experiment& e, Date today) { return e.start_on <= today; }

Status ValidateExperiment(const Experiment& e) {
    std::vector<ErrorDetail> errors;
    if (e.name.empty()) errors.push_back({"name", "required"});
    if (e.name.size() > 200) errors.push_back({"name", "at most 200 bytes"});
    if (e.hypothesis.size() > 4000) errors.push_back({"hypothesis", "at most 4000 bytes"});
    if (e.kind == ExperimentKind::kCadenceAb) {
        if (e.cadence_id <= 0) errors.push_back({"cadence_id", "required for a cadence_ab experiment"});
    } else {
        if (e.pilot_team.empty()) errors.push_back({"pilot_team", "required for a pilot_team experiment"});
        if (!e.pilot_team.empty() && e.pilot_team == e.comparison_team) {
            errors.push_back({"comparison_team", "must differ from the pilot team"});
        }
    }
    if (e.outcome.empty()) {
        errors.push_back({"outcome", "required"});
    } else if (!IsExperimentOutcome(e.kind, e.outcome)) {
        std::string list;
        for (const auto& o : ExperimentOutcomesOf(e.kind)) list += (list.empty() ? "" : ", ") + o;
        errors.push_back({"outcome", "must be one of " + list + " for " + std::string(ExperimentKindSlug(e.kind))});
    }
    if (!e.start_on.ok()) errors.push_back({"start_on", "required (YYYY-MM-DD)"});
    if (!e.horizon_on.ok()) {
        errors.push_back({"horizon_on", "required (YYYY-MM-DD): the day of the verdict, fixed in advance"});
    } else if (e.start_on.ok()) {
        if (e.horizon_on <= e.start_on) {
            errors.push_back({"horizon_on", "must be after start_on"});
        } else if (DaysBetween(e.start_on, e.horizon_on) > kMaxHorizonDays) {
            errors.push_back({"horizon_on", "at most 730 days after start_on"});
        }
    }
    if (e.min_per_arm && *e.min_per_arm < 1) errors.push_back({"min_per_arm", "must be at least 1"});
    if (!errors.empty()) return InvalidArgument("invalid experiment", std::move(errors));
    return Status::Ok();
}

Status CheckExperimentChange(const Experiment& before, const Experiment& after, Date today) {
    const ExperimentStatus status = StatusOn(before, today);
    if (status == ExperimentStatus::kStopped) {
        return FailedPrecondition("experiment " + std::to_string(before.id) + " was stopped; it takes no change");
    }
    if (status == ExperimentStatus::kConcluded) {
        return FailedPrecondition("experiment " + std::to_string(before.id) + " reached its horizon " +
                                  FormatIsoDate(before.horizon_on) + "; it takes no change");
    }
    if (!HasStarted(before, today)) return Status::Ok();
    const std::string why = "locked once the experiment started on " + FormatIsoDate(before.start_on) +
                            " (fixed in advance so nobody stops at the first lucky day)";
    auto locked = [&](const char* field) { return InvalidArgument("experiment design is locked", {{field, why}}); };
    if (after.horizon_on != before.horizon_on) return locked("horizon_on");
    if (after.outcome != before.outcome) return locked("outcome");
    if (after.start_on != before.start_on) return locked("start_on");
    if (after.kind != before.kind) return locked("kind");
    if (after.cadence_id != before.cadence_id) return locked("cadence_id");
    if (after.pilot_team != before.pilot_team) return locked("pilot_team");
    if (after.comparison_team != before.comparison_team) return locked("comparison_team");
    if (after.min_per_arm != before.min_per_arm) return locked("min_per_arm");
    return Status::Ok();
}

Status CheckExperimentStop(const Experiment& e, Date today) {
    const ExperimentStatus status = StatusOn(e, today);
    if (status == ExperimentStatus::kStopped) {
        return FailedPrecondition("experiment " + std::to_string(e.id) + " is already stopped");
    }
    if (status == ExperimentStatus::kConcluded) {
        return FailedPrecondition("experiment " + std::to_string(e.id) + " reached its horizon " +
                                  FormatIsoDate(e.horizon_on) + " and has its verdict");
    }
    return Status::Ok();
}

Date CountedThrough(const Experiment& e, Date today) {
    Date through = std::min(today, e.horizon_on);
    if (e.stopped_on) through = std::min(through, *e.stopped_on);
    return through;
}

ExperimentResult MakeExperimentResult(const Experiment& e, Date today, std::vector<ExperimentArm> arms) {
    ExperimentResult r;
    r.status = StatusOn(e, today);
    r.counted_through = CountedThrough(e, today);
    r.arms = std::move(arms);
    const std::string horizon = FormatIsoDate(e.horizon_on);
    if (r.status == ExperimentStatus::kStopped) {
        r.verdict = ExperimentVerdict::kStopped;
        r.message_ja = "途中で中止（" + FormatIsoDate(*e.stopped_on) + "）: 判定なし";
        r.message_en = "Stopped early on " + FormatIsoDate(*e.stopped_on) + ": no verdict";
        return r;
    }
    if (r.status != ExperimentStatus::kConcluded) {
        r.verdict = ExperimentVerdict::kPending;
        r.message_ja = "判定は期日 " + horizon + " まで保留";
        r.message_en = "Verdict withheld until the horizon " + horizon;
        return r;
    }
    if (r.arms.size() != 2 || r.arms[0].counts.n <= 0 || r.arms[1].counts.n <= 0) {
        r.verdict = ExperimentVerdict::kNotComputable;
        r.message_ja = "判定不能: 対象のない群があります";
        r.message_en = "Not computable: an arm has no trials";
        return r;
    }
    auto c = CompareExperimentArms(r.arms[0].counts, r.arms[1].counts);
    if (!c.ok()) {
        r.verdict = ExperimentVerdict::kNotComputable;
        r.message_ja = "判定不能: " + c.status().message();
        r.message_en = "Not computable: " + c.status().message();
        return r;
    }
    r.comparison = *c;
    if (auto ra = r.arms[0].counts.rate(), rb = r.arms[1].counts.rate(); ra && rb) {
        r.needed_per_arm = SampleSizePerArm(*ra, *rb);
    }
    const std::string p = PValueText(c->p_value);
    const std::string test_ja(ExperimentTestLabelJa(c->test));
    if (e.min_per_arm && (r.arms[0].counts.n < *e.min_per_arm || r.arms[1].counts.n < *e.min_per_arm)) {
        r.verdict = ExperimentVerdict::kInsufficientSample;
        r.message_ja =
            "判定保留: 最低標本数 " + std::to_string(*e.min_per_arm) + " 件/群に未達（" + test_ja + " p = " + p + "）";
        r.message_en =
            "No verdict: an arm is below the minimum of " + std::to_string(*e.min_per_arm) + " per arm (p = " + p + ")";
        return r;
    }
    if (c->significant) {
        r.verdict = ExperimentVerdict::kSignificant;
        r.message_ja = "有意差あり（" + test_ja + "、p = " + p + " < 0.05）";
        r.message_en = "Significant difference (p = " + p + " < 0.05)";
    } else {
        r.verdict = ExperimentVerdict::kNotSignificant;
        r.message_ja = "有意差なし（" + test_ja + "、p = " + p + " ≥ 0.05）";
        r.message_en = "No significant difference (p = " + p + " ≥ 0.05)";
    }
    return r;
}

}  // namespace kyoso::domain
