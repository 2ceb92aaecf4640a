#include "kyoso/app/government/government_service.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/classification.hpp"

namespace kyoso::app {

namespace {

using domain::Government;
using domain::GovernmentCode;

constexpr int kMaxListedErrors = 20;

// Accepts "126,226,568" as well: statistics files often carry thousands separators.
std::optional<long long> ParseCount(std::string_view s) {
    std::string digits;
    for (char c : s) {
        if (c != ',') digits += c;
    }
    return ParseInt(digits);
}

std::optional<double> ParseReal(std::string_view s) {
    std::string t(s);
    if (t.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size()) return std::nullopt;
    return v;
}

const char* SortName(ports::GovernmentSort s) {
    switch (s) {
        case ports::GovernmentSort::kCode:
            return "code";
        case ports::GovernmentSort::kKana:
            return "kana";
        case ports::GovernmentSort::kPopulation:
            return "population";
    }
    return "code";
}

std::string SortValue(const Government& g, ports::GovernmentSort s) {
    switch (s) {
        case ports::GovernmentSort::kCode:
            return g.code.str();
        case ports::GovernmentSort::kKana:
            return g.kana;
        case ports::GovernmentSort::kPopulation:
            return std::to_string(g.population.value_or(-1));
    }
    return g.code.str();
}

}  // namespace

Result<MasterLoadSummary> GovernmentService::LoadMasterData(const ports::MasterDataSource& source) {
    auto records = source.Read();
    if (!records.ok()) return records.status();
    std::vector<Government> governments;
    std::vector<std::string> keys;
    std::vector<ErrorDetail> errors;
    std::set<std::string> seen;
    MasterLoadSummary summary;
    summary.source = source.Describe();
    for (const auto& r : *records) {
        auto code = GovernmentCode::Parse(r.code);
        if (!code.ok()) {
            errors.push_back({r.location + ".code", code.status().message()});
            continue;
        }
        if (r.code.size() != 6) {
            errors.push_back({r.location + ".code", "master data must carry 6-digit codes, got '" + r.code + "'"});
            continue;
        }
        if (!seen.insert(code->str()).second) {
            errors.push_back({r.location + ".code", "duplicate code " + code->str()});
            continue;
        }
        if (code->is_prefecture() != (r.position == domain::TreePosition::kPrefecture)) {
            errors.push_back({r.location + ".code", "code " + code->str() + " does not fit its place in the tree"});
            continue;
        }
        auto kind = domain::ClassifyKind(r.position, *code, r.name, r.has_wards);
        if (!kind) {
            errors.push_back({r.location + ".name", "cannot tell the kind of '" + r.name + "' (" + code->str() + ")"});
            continue;
        }
        Government g{*code, r.name, r.kana, r.parent_code, r.prefecture_code, r.prefecture_name, *kind};
        g.is_core_city = domain::IsCoreCity(*code);
        g.is_former_special_city = domain::IsFormerSpecialCity(*code);
        g.has_no_functioning_government = domain::IsNorthernTerritoriesVillage(*code);
        keys.push_back(normalizer_.Fold(r.name) + "|" + normalizer_.Fold(r.kana) + "|" +
                       normalizer_.Fold(r.prefecture_name + r.name));
        ++summary.by_kind[std::string(domain::KindSlug(*kind))];
        summary.core_cities += g.is_core_city;
        summary.former_special_cities += g.is_former_special_city;
        summary.no_government += g.has_no_functioning_government;
        governments.push_back(std::move(g));
    }
    if (!errors.empty()) {
        const size_t n = errors.size();
        const std::string message = source.Describe() + ": " + std::to_string(n) +
                                    " bad record(s); nothing was loaded. First: " + errors.front().field + ": " +
                                    errors.front().message;
        if (errors.size() > kMaxListedErrors) errors.resize(kMaxListedErrors);
        return InvalidArgument(message, std::move(errors));
    }
    summary.total = static_cast<long long>(governments.size());
    AuditJson by_kind;
    for (const auto& [kind, n] : summary.by_kind) by_kind.Int(kind, n);
    const std::string after =
        AuditJson().Str("source", summary.source).Int("total", summary.total).Raw("by_kind", by_kind.str()).str();
    const Status written = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.governments().UpsertMasterData(governments, keys));
        return audit_.Append({std::string(kSystemActor), "governments.load_master", "government", "", "", after});
    });
    if (!written.ok()) return written;
    return summary;
}

Result<GovernmentListResult> GovernmentService::List(const ListParams& params) {
    static const std::set<std::string> kKnown = {
        "prefecture", "kind",  "q",     "population_min", "population_max", "include_no_government",
        "sort",       "order", "limit", "cursor"};
    for (const auto& [key, value] : params) {
        if (!kKnown.count(key)) {
            return ParamError(key,
                              "unknown parameter (known: prefecture, kind, q, population_min, population_max, "
                              "include_no_government, sort, order, limit, cursor)");
        }
    }
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = params.find(key);
        if (it == params.end()) return std::nullopt;
        return it->second;
    };
    ports::GovernmentQuery q;
    if (auto pref = get("prefecture")) {
        const std::string v = Trim(*pref);
        std::optional<std::string> code;
        if (auto n = ParseInt(v); n && (v.size() <= 2)) {
            if (*n < 1 || *n > 47) return ParamError("prefecture", "unknown prefecture number '" + v + "' (01-47)");
            std::string five = (*n < 10 ? "0" : "") + std::to_string(*n) + "000";
            code = five + std::to_string(GovernmentCode::CheckDigit(five));
        } else if ((v.size() == 6 || v.size() == 5) && ParseInt(v)) {
            auto parsed = GovernmentCode::Parse(v);
            if (!parsed.ok()) return ParamError("prefecture", parsed.status().message());
            if (!parsed->is_prefecture()) return ParamError("prefecture", v + " is not a prefecture code");
            code = parsed->str();
        } else {
            // A name: 東京都 or 東京.
            ports::GovernmentQuery pq;
            pq.kinds = {domain::GovernmentKind::kPrefecture};
            pq.limit = 47;
            auto prefs = store_.governments().List(pq);
            if (!prefs.ok()) return prefs.status();
            const std::string folded = normalizer_.Fold(v);
            for (const auto& p : prefs->items) {
                const std::string name = normalizer_.Fold(p.name);
                if (name == folded || (name.size() > folded.size() && name.compare(0, folded.size(), folded) == 0 &&
                                       name.size() - folded.size() <= 3)) {
                    code = p.code.str();
                    break;
                }
            }
            if (!code) return ParamError("prefecture", "unknown prefecture '" + v + "'");
        }
        q.prefecture_code = code;
    }
    if (auto kinds = get("kind")) {
        for (const auto& slug : Split(*kinds, ',')) {
            auto k = domain::KindFromSlug(Trim(slug));
            if (!k) {
                return ParamError("kind", "unknown kind '" + slug +
                                              "' (prefecture, designated_city, ward, core_city, special_ward, city, "
                                              "town, village)");
            }
            q.kinds.push_back(*k);
        }
    }
    if (auto text = get("q")) {
        if (text->size() > 200) return ParamError("q", "at most 200 bytes");
        q.normalized_text = normalizer_.Fold(*text);
    }
    for (auto [key, target] : {std::pair{"population_min", &q.population_min}, {"population_max", &q.population_max}}) {
        if (auto v = get(key)) {
            auto n = ParseInt(*v);
            if (!n || *n < 0) return ParamError(key, "must be a non-negative integer, got '" + *v + "'");
            *target = *n;
        }
    }
    if (q.population_min && q.population_max && *q.population_min > *q.population_max) {
        return ParamError("population_min", "must not exceed population_max");
    }
    if (auto v = get("include_no_government")) {
        if (*v != "true" && *v != "false") return ParamError("include_no_government", "must be true or false");
        q.include_no_government = *v == "true";
    }
    if (auto v = get("sort")) {
        if (*v == "code") {
            q.sort = ports::GovernmentSort::kCode;
        } else if (*v == "kana") {
            q.sort = ports::GovernmentSort::kKana;
        } else if (*v == "population") {
            q.sort = ports::GovernmentSort::kPopulation;
        } else {
            return ParamError("sort", "must be code, kana or population, got '" + *v + "'");
        }
    }
    if (auto v = get("order")) {
        if (*v != "asc" && *v != "desc") return ParamError("order", "must be asc or desc, got '" + *v + "'");
        q.descending = *v == "desc";
    }
    if (auto v = get("limit")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1 || *n > 500) return ParamError("limit", "must be an integer from 1 to 500, got '" + *v + "'");
        q.limit = static_cast<int>(*n);
    }
    const std::string sort_tag = std::string(SortName(q.sort)) + (q.descending ? ":desc" : ":asc");
    if (auto v = get("cursor")) {
        auto raw = FromHex(*v, 512);
        auto parts = raw ? Split(*raw, '\x1f') : std::vector<std::string>{};
        if (!raw || parts.size() != 4 || parts[0] != "v1") {
            return ParamError("cursor", "not a cursor issued by this server; start again without it");
        }
        if (parts[1] != sort_tag) {
            return ParamError("cursor", "issued for sort " + parts[1] + " but this request sorts by " + sort_tag);
        }
        if (q.sort == ports::GovernmentSort::kPopulation && !ParseInt(parts[2])) {
            return ParamError("cursor", "corrupt sort value");
        }
        if (parts[3].size() != 6 || !ParseInt(parts[3])) return ParamError("cursor", "corrupt position");
        q.after_sort_value = parts[2];
        q.after_code = parts[3];
    }
    auto page = store_.governments().List(q);
    if (!page.ok()) return page.status();
    GovernmentListResult out;
    out.total = page->total;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back();
        out.next_cursor = ToHex("v1\x1f" + sort_tag + "\x1f" + SortValue(last, q.sort) + "\x1f" + last.code.str());
    }
    out.items = std::move(page->items);
    return out;
}

Result<GovernmentDetail> GovernmentService::Get(const std::string& raw_code) {
    auto code = GovernmentCode::Parse(raw_code);
    if (!code.ok()) return code.status();
    auto g = store_.governments().Get(code->str());
    if (!g.ok()) return g.status();
    auto overrides = store_.governments().ListMilestoneOverrides(code->str());
    if (!overrides.ok()) return overrides.status();
    const Date today = clock_.Today();
    const auto fy = domain::FiscalYear::Containing(today);
    GovernmentDetail d{*g, domain::FiscalCalendar::Build(fy, g->kind, *overrides, business_days_), today, {}, 0};
    const domain::Milestone* next = d.calendar.Next(today);
    if (next) {
        d.next_milestone = *next;
    } else {
        auto following = domain::FiscalCalendar::Build(fy.next(), g->kind, *overrides, business_days_);
        if (!following.milestones().empty()) d.next_milestone = following.milestones().front();
    }
    if (d.next_milestone) {
        const Date target = std::chrono::sys_days{d.next_milestone->start} > std::chrono::sys_days{today}
                                ? d.next_milestone->start
                                : today;
        d.business_days_to_next = business_days_.BusinessDaysBetween(today, target);
    }
    return d;
}

Status GovernmentService::PutMilestoneOverride(const std::string& raw_code, const domain::MilestoneOverride& o) {
    auto code = GovernmentCode::Parse(raw_code);
    if (!code.ok()) return code.status();
    for (auto [name, md] : {std::pair{"start", o.start}, {"end", o.end}}) {
        if (!MakeDate(2024, md.month, md.day).ok()) {
            return InvalidArgument(std::string(name) + " is not a valid month/day", {{name, "invalid month/day"}});
        }
    }
    auto json = [](const domain::MilestoneOverride& m) {
        char md[16];
        std::snprintf(md, sizeof md, "%02u-%02u", m.start.month, m.start.day);
        std::string start = md;
        std::snprintf(md, sizeof md, "%02u-%02u", m.end.month, m.end.day);
        return AuditJson()
            .Str("milestone", domain::MilestoneSlug(m.kind))
            .OptInt("fiscal_year", m.fiscal_year ? std::optional<long long>(*m.fiscal_year) : std::nullopt)
            .Str("start", start)
            .Str("end", md)
            .str();
    };
    return store_.InTransaction([&]() -> Status {
        auto existing = store_.governments().ListMilestoneOverrides(code->str());
        if (!existing.ok()) return existing.status();
        std::string before;
        for (const auto& e : *existing) {
            if (e.kind == o.kind && e.fiscal_year == o.fiscal_year) before = json(e);
        }
        KYOSO_RETURN_IF_ERROR(store_.governments().PutMilestoneOverride(code->str(), o));
        return audit_.Append(
            {std::string(kSystemActor), "government.milestone_override", "government", code->str(), before, json(o)});
    });
}

Result<StatsImportSummary> GovernmentService::ImportStats(const ports::Table& table, ports::ProgressSink& progress,
                                                          bool skip_unknown) {
    // Header aliases, compared after folding (so 全角/半角 and case do not matter).
    struct Column {
        const char* field;
        std::vector<const char*> aliases;
    };
    static const std::vector<Column> kColumns = {
        {"code",
         {"code", "lgcode", "area_code", "団体コード", "地方公共団体コード", "全国地方公共団体コード", "市区町村コード",
          "標準地域コード"}},
        {"population", {"population", "pop", "pop2020_census_prelim", "人口", "総人口", "人口総数"}},
        {"fiscal_strength_index",
         {"fiscal_strength_index", "zaiseiryoku_shisu", "zaiseiryoku_shisu_fy2021", "財政力指数"}},
        {"secondary_tertiary_share",
         {"secondary_tertiary_share", "第2次・第3次産業就業者比率", "第二次・第三次産業就業人口比率"}},
        {"tertiary_share", {"tertiary_share", "第3次産業就業者比率", "第三次産業就業人口比率"}},
        {"fiscal_year", {"fiscal_year", "年度"}},
    };
    std::map<std::string, size_t> index;  // field -> column
    StatsImportSummary summary;
    summary.encoding = table.encoding;
    for (size_t c = 0; c < table.header.size(); ++c) {
        const std::string h = normalizer_.Fold(Trim(table.header[c]));
        for (const auto& col : kColumns) {
            if (index.count(col.field)) continue;
            for (const char* alias : col.aliases) {
                if (h == normalizer_.Fold(alias)) {
                    index[col.field] = c;
                    summary.mapped_columns.push_back(std::string(col.field) + " <- " + table.header[c]);
                    break;
                }
            }
        }
    }
    if (!index.count("code")) {
        return InvalidArgument("no code column: the header needs one of code, lgcode, area_code, 団体コード",
                               {{"header", "missing code column"}});
    }
    if (index.size() == 1 || (index.size() == 2 && index.count("fiscal_year"))) {
        return InvalidArgument(
            "no statistics column: expected population, fiscal_strength_index, secondary_tertiary_share or "
            "tertiary_share (or 人口, 財政力指数)",
            {{"header", "no statistics column"}});
    }

    // Validate every row first; nothing is written unless all rows are good.
    struct Pending {
        ports::GovernmentStatsUpdate update;
        int fiscal_year = 0;
    };
    std::map<std::string, Pending> by_code;       // the latest fiscal year wins in long-format files
    std::map<std::string, long long> first_line;  // code -> first row it appears on
    std::vector<ErrorDetail> errors;
    const long long total = static_cast<long long>(table.rows.size());
    long long done = 0;
    for (const auto& row : table.rows) {
        ++done;
        if (done % 1000 == 0) progress.Report("validating rows", done, total);
        ++summary.rows;
        const std::string where = "row " + std::to_string(row.line);
        auto cell = [&](const char* field) -> std::optional<std::string> {
            auto it = index.find(field);
            if (it == index.end()) return std::nullopt;
            std::string v = Trim(row.cells[it->second]);
            if (v.empty() || v == "-" || v == "…" || v == "x" || v == "X") return std::nullopt;
            return v;
        };
        auto raw_code = cell("code");
        if (!raw_code) {
            errors.push_back({where + ", column " + table.header[index["code"]], "code is empty"});
            continue;
        }
        // Statistical aggregates, not bodies: 全国 and 東京都特別区部.
        if (*raw_code == "00000" || *raw_code == "000000" || *raw_code == "13100" || *raw_code == "131008") {
            ++summary.skipped_aggregates;
            continue;
        }
        auto code = GovernmentCode::Parse(*raw_code);
        if (!code.ok()) {
            errors.push_back({where + ", column " + table.header[index["code"]], code.status().message()});
            continue;
        }
        Pending p;
        p.update.code = code->str();
        if (auto v = cell("fiscal_year")) {
            auto y = ParseInt(*v);
            if (!y || *y < 1900 || *y > 2200) {
                errors.push_back(
                    {where + ", column " + table.header[index["fiscal_year"]], "not a year: '" + *v + "'"});
                continue;
            }
            p.fiscal_year = static_cast<int>(*y);
        }
        bool row_ok = true;
        if (auto v = cell("population")) {
            auto n = ParseCount(*v);
            if (!n || *n < 0) {
                errors.push_back({where + ", column " + table.header[index["population"]],
                                  "population must be a non-negative integer, got '" + *v + "'"});
                row_ok = false;
            } else {
                p.update.population = *n;
            }
        }
        for (auto [field, target] : {std::pair{"fiscal_strength_index", &p.update.fiscal_strength_index},
                                     {"secondary_tertiary_share", &p.update.secondary_tertiary_share},
                                     {"tertiary_share", &p.update.tertiary_share}}) {
            if (auto v = cell(field)) {
                auto x = ParseReal(*v);
                const bool share = std::string_view(field) != "fiscal_strength_index";
                if (x && share && *x > 1.0 && *x <= 100.0) *x /= 100.0;  // percentages
                if (!x || *x < 0 || (share && *x > 1.0) || (!share && *x > 10.0)) {
                    errors.push_back({where + ", column " + table.header[index[field]],
                                      std::string(field) + " is not a valid number: '" + *v + "'"});
                    row_ok = false;
                } else {
                    *target = *x;
                }
            }
        }
        if (!row_ok) continue;
        first_line.emplace(p.update.code, row.line);
        auto it = by_code.find(p.update.code);
        if (it == by_code.end() || p.fiscal_year >= it->second.fiscal_year) by_code[p.update.code] = p;
    }

    // Every code must name a known body; derive bands and groups.
    std::vector<ports::GovernmentStatsUpdate> updates;
    for (auto& [code, pending] : by_code) {
        auto g = store_.governments().Get(code);
        if (!g.ok()) {
            if (g.status().code() == ErrorCode::kNotFound) {
                if (skip_unknown) {
                    summary.skipped_unknown.push_back(code);
                } else {
                    errors.push_back({"row " + std::to_string(first_line[code]) + ", code " + code,
                                      "not a government in the master data (abolished or merged body?); pass "
                                      "--skip-unknown to import the other rows"});
                }
                continue;
            }
            return g.status();
        }
        Government merged = *g;
        auto& u = pending.update;
        if (u.population) merged.population = u.population;
        if (u.fiscal_strength_index) merged.fiscal_strength_index = u.fiscal_strength_index;
        if (u.secondary_tertiary_share) merged.secondary_tertiary_share = u.secondary_tertiary_share;
        if (u.tertiary_share) merged.tertiary_share = u.tertiary_share;
        u.population_band = merged.population ? domain::PopulationBand(*merged.population) : "";
        u.similar_group = domain::SimilarGroup(merged);
        if (!u.similar_group.empty()) ++summary.with_similar_group;
        updates.push_back(u);
    }
    if (!errors.empty()) {
        const size_t n = errors.size();
        const std::string first = errors.front().field + ": " + errors.front().message;
        if (errors.size() > kMaxListedErrors) errors.resize(kMaxListedErrors);
        return InvalidArgument(std::to_string(n) + " bad row(s); nothing was imported. First: " + first,
                               std::move(errors));
    }
    progress.Report("writing", 0, static_cast<long long>(updates.size()));
    std::vector<std::string> changed;
    changed.reserve(updates.size());
    for (const auto& u : updates) changed.push_back(u.code);
    const std::string after = AuditJson()
                                  .Str("encoding", summary.encoding)
                                  .Int("rows", summary.rows)
                                  .Int("skipped_aggregates", summary.skipped_aggregates)
                                  .Raw("skipped_unknown", JsonStringArray(summary.skipped_unknown))
                                  .Raw("mapped_columns", JsonStringArray(summary.mapped_columns))
                                  .Int("changed", static_cast<long long>(changed.size()))
                                  .Raw("codes", JsonStringArray(changed))
                                  .str();
    const Status written = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.governments().ApplyStats(updates));
        return audit_.Append({std::string(kSystemActor), "governments.import_stats", "government", "", "", after});
    });
    if (!written.ok()) return written;
    progress.Report("writing", static_cast<long long>(updates.size()), static_cast<long long>(updates.size()));
    summary.applied = static_cast<long long>(updates.size());
    return summary;
}

}  // namespace kyoso::app
