#include "kyoso/domain/transformation/cases.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "kyoso/domain/division/outcome.hpp"

namespace kyoso::domain {

std::string_view CaseKindSlug(CaseKind kind) {
    switch (kind) {
        case CaseKind::kSuccess:
            return "success";
        case CaseKind::kFailure:
            return "failure";
    }
    return "success";
}

std::optional<CaseKind> CaseKindFromSlug(std::string_view slug) {
    if (slug == "success") return CaseKind::kSuccess;
    if (slug == "failure") return CaseKind::kFailure;
    return std::nullopt;
}

std::string_view CaseKindLabelJa(CaseKind kind) {
    switch (kind) {
        case CaseKind::kSuccess:
            return "成功事例";
        case CaseKind::kFailure:
            return "失敗事例";
    }
    return "成功事例";
}

std::optional<double> CaseMedian(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    if (n % 2 == 1) return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::vector<PublicValueMetricSummary> SummarisePublicValue(std::vector<PublicValueDeployment>& deployments) {
    std::vector<PublicValueMetricSummary> out;
    std::map<std::string, size_t> index;
    // Per metric name: per government, its progress values; and all changes.
    std::vector<std::map<std::string, std::vector<double>>> progress_by_gov;
    std::vector<std::vector<double>> changes;
    std::vector<std::set<std::string>> govs;
    for (auto& d : deployments) {
        const auto direction = OutcomeDirectionFromSlug(d.direction).value_or(OutcomeDirection::kIncrease);
        d.progress = OutcomeProgress(direction, d.baseline, d.target, d.latest);
        auto [it, fresh] = index.emplace(d.metric_name, out.size());
        if (fresh) {
            PublicValueMetricSummary s;
            s.metric_name = d.metric_name;
            s.unit = d.unit;
            out.push_back(std::move(s));
            progress_by_gov.emplace_back();
            changes.emplace_back();
            govs.emplace_back();
        }
        const size_t i = it->second;
        auto& s = out[i];
        ++s.deployments;
        govs[i].insert(d.government_code);
        if (d.latest) {
            ++s.measured;
            changes[i].push_back(*d.latest - d.baseline);
            if (d.progress) progress_by_gov[i][d.government_code].push_back(*d.progress);
        }
    }
    for (size_t i = 0; i < out.size(); ++i) {
        out[i].governments = static_cast<int>(govs[i].size());
        std::vector<double> per_gov;
        for (auto& [code, values] : progress_by_gov[i]) {
            if (auto m = CaseMedian(values)) per_gov.push_back(*m);
        }
        out[i].median_progress = CaseMedian(per_gov);
        out[i].median_change = CaseMedian(changes[i]);
    }
    return out;
}

std::string FormatOutcomeValue(double value, std::string_view unit) {
    const double rounded = std::round(value * 10.0) / 10.0;
    const bool whole = std::fabs(rounded - std::round(rounded)) < 1e-9;
    char buf[64];
    if (whole) {
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(rounded)));
    } else {
        std::snprintf(buf, sizeof buf, "%.1f", rounded);
    }
    std::string text(buf);
    // Thousands separators on the integer part.
    const size_t sign = text[0] == '-' ? 1 : 0;
    size_t end = text.find('.');
    if (end == std::string::npos) end = text.size();
    for (long long pos = static_cast<long long>(end) - 3; pos > static_cast<long long>(sign); pos -= 3) {
        text.insert(static_cast<size_t>(pos), ",");
    }
    return text + std::string(unit);
}

std::string PublicValueCitation(const PublicValueDeployment& d) {
    std::string out = d.government_name + "では " + d.metric_name + " " + FormatOutcomeValue(d.baseline, d.unit);
    if (d.latest && d.latest_on.size() >= 7) {
        const int year = std::stoi(d.latest_on.substr(0, 4));
        const int month = std::stoi(d.latest_on.substr(5, 2));
        out += " → " + FormatOutcomeValue(*d.latest, d.unit) + "（" + std::to_string(year) + "年" +
               std::to_string(month) + "月測定）";
    } else {
        out += "（目標 " + FormatOutcomeValue(d.target, d.unit) + "）";
    }
    return out;
}

}  // namespace kyoso::domain
