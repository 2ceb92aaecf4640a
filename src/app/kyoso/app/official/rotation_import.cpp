#include "kyoso/app/official/rotation_import.hpp"

#include <algorithm>
#include <map>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

enum Column { kName, kKana, kGovernment, kFromDepartment, kFromTitle, kToDepartment, kToTitle, kEffective, kColumns };

struct ColumnSpec {
    const char* label;  // as messages name it
    std::vector<const char*> aliases;
};

const std::vector<ColumnSpec>& Specs() {
    static const std::vector<ColumnSpec> kSpecs = {
        {"氏名", {"氏名", "名前", "name"}},
        {"かな", {"かな", "カナ", "ふりがな", "よみ", "kana"}},
        {"団体コード", {"団体コード", "自治体コード", "government_code", "government"}},
        {"旧所属", {"旧所属", "from_department"}},
        {"旧職名", {"旧職名", "旧職", "from_title"}},
        {"新所属", {"新所属", "to_department"}},
        {"新職名", {"新職名", "新職", "to_title"}},
        {"発令日", {"発令日", "effective_date", "effective_on"}},
    };
    return kSpecs;
}

// "2027-04-01", "2027/4/1".
std::optional<Date> ParseLooseDate(const std::string& text) {
    if (auto d = ParseIsoDate(text)) return d;
    auto parts = Split(text, '/');
    if (parts.size() != 3) return std::nullopt;
    auto y = ParseInt(parts[0]);
    auto m = ParseInt(parts[1]);
    auto d = ParseInt(parts[2]);
    if (!y || !m || !d || *y < 1900 || *y > 2200 || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
    Date date = MakeDate(static_cast<int>(*y), static_cast<unsigned>(*m), static_cast<unsigned>(*d));
    if (!date.ok()) return std::nullopt;
    return date;
}

// Splits "総務部 情報政策課" (ASCII or ideographic spaces) into its segments.
std::vector<std::string> PathSegments(const std::string& text) {
    std::string s = text;
    for (size_t pos; (pos = s.find("\u3000")) != std::string::npos;) s.replace(pos, 3, " ");
    std::vector<std::string> out;
    for (const auto& part : Split(s, ' ')) {
        if (!part.empty()) out.push_back(part);
    }
    return out;
}

// The level its name suggests, made deeper than the parent when needed.
domain::DepartmentLevel LevelFromName(const std::string& name, long long parent_id,
                                      std::optional<domain::DepartmentLevel> parent_level) {
    domain::DepartmentLevel level = domain::GuessDepartmentLevel(name);
    if (parent_id != 0 && parent_level && !domain::MayNest(*parent_level, level)) {
        level = *parent_level == domain::DepartmentLevel::kBureau ? domain::DepartmentLevel::kDivision
                                                                  : domain::DepartmentLevel::kSection;
    }
    return level;
}

std::string Describe(const std::string& department, const std::string& title) {
    if (title.empty()) return department;
    if (department.empty()) return title;
    return department + " " + title;
}

}  // namespace

Result<std::vector<RotationRow>> ParseRotationTable(const ports::Table& table, const ports::TextNormalizer& normalizer,
                                                    std::optional<Date> default_effective) {
    std::vector<ErrorDetail> errors;
    std::vector<int> index(kColumns, -1);
    for (size_t c = 0; c < table.header.size(); ++c) {
        const std::string h = normalizer.Fold(Trim(table.header[c]));
        int found = -1;
        for (int k = 0; k < kColumns && found < 0; ++k) {
            for (const char* alias : Specs()[static_cast<size_t>(k)].aliases) {
                if (h == normalizer.Fold(alias)) {
                    found = k;
                    break;
                }
            }
        }
        if (found < 0) {
            if (!h.empty()) errors.push_back({"header", "unknown column '" + table.header[c] + "'"});
            continue;
        }
        if (index[static_cast<size_t>(found)] >= 0) {
            errors.push_back(
                {"header", "column " + std::string(Specs()[static_cast<size_t>(found)].label) + " appears twice"});
            continue;
        }
        index[static_cast<size_t>(found)] = static_cast<int>(c);
    }
    for (int k : {kName, kGovernment, kToDepartment}) {
        if (index[static_cast<size_t>(k)] < 0) {
            errors.push_back({"header", "missing column " + std::string(Specs()[static_cast<size_t>(k)].label) + "/" +
                                            Specs()[static_cast<size_t>(k)].aliases.back()});
        }
    }
    if (index[kEffective] < 0 && !default_effective) {
        errors.push_back({"header", "missing column 発令日/effective_date (or pass an effective date)"});
    }
    if (!errors.empty()) return InvalidArgument("the rotation list's header is not usable", std::move(errors));

    std::vector<RotationRow> rows;
    for (const auto& row : table.rows) {
        auto cell = [&](Column k) -> std::string {
            const int i = index[static_cast<size_t>(k)];
            if (i < 0 || static_cast<size_t>(i) >= row.cells.size()) return {};
            return Trim(row.cells[static_cast<size_t>(i)]);
        };
        bool blank = true;
        for (const auto& c : row.cells) blank = blank && Trim(c).empty();
        if (blank) continue;
        const std::string where = "row " + std::to_string(row.line) + ": ";
        RotationRow r;
        r.line = row.line;
        r.name = cell(kName);
        r.kana = cell(kKana);
        r.from_department = cell(kFromDepartment);
        r.from_title = cell(kFromTitle);
        r.to_department = cell(kToDepartment);
        r.to_title = cell(kToTitle);
        for (auto [k, value] : {std::pair{kName, &r.name},
                                {kKana, &r.kana},
                                {kFromDepartment, &r.from_department},
                                {kFromTitle, &r.from_title},
                                {kToDepartment, &r.to_department},
                                {kToTitle, &r.to_title}}) {
            if (value->size() > 200) errors.push_back({where + Specs()[k].label, "at most 200 bytes"});
        }
        if (r.name.empty()) errors.push_back({where + "氏名", "required"});
        if (r.to_department.empty()) errors.push_back({where + "新所属", "required"});
        auto code = domain::GovernmentCode::Parse(cell(kGovernment));
        if (!code.ok()) {
            errors.push_back({where + "団体コード", code.status().message()});
        } else {
            r.government_code = code->str();
        }
        const std::string date_text = cell(kEffective);
        if (date_text.empty()) {
            if (default_effective) {
                r.effective_on = *default_effective;
            } else {
                errors.push_back({where + "発令日", "required (YYYY-MM-DD)"});
            }
        } else if (auto d = ParseLooseDate(date_text)) {
            r.effective_on = *d;
        } else {
            errors.push_back({where + "発令日", "must be a date YYYY-MM-DD, got '" + date_text + "'"});
        }
        rows.push_back(std::move(r));
    }
    if (rows.empty() && errors.empty()) errors.push_back({"file", "no rows below the header"});
    if (!errors.empty()) {
        std::string message = std::to_string(errors.size()) + " problem(s) in the rotation list; nothing was written";
        return InvalidArgument(std::move(message), std::move(errors));
    }
    return rows;
}

Result<RotationReport> RotationImportService::ImportFile(const std::string& path, const RotationOptions& options) {
    auto table = reader_.ReadFile(path);
    if (!table.ok()) return table.status();
    return Import(*table, options);
}

Result<RotationReport> RotationImportService::ImportBytes(std::string_view bytes, const std::string& name,
                                                          const RotationOptions& options) {
    auto table = reader_.ReadBytes(bytes, name);
    if (!table.ok()) return table.status();
    return Import(*table, options);
}

Result<RotationReport> RotationImportService::Import(const ports::Table& table, const RotationOptions& options) {
    auto rows = ParseRotationTable(table, normalizer_, options.effective_date);
    if (!rows.ok()) return rows.status();

    RotationReport report;
    report.dry_run = options.dry_run;
    report.encoding = table.encoding;
    bool completed = false;
    const std::string actor = options.actor.empty() ? std::string(kSystemActor) : options.actor;

    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(officials_.BackfillNameKeys());

        // Pass 1: resolve every row against the database as it was before the list.
        struct Plan {
            long long official_id = 0;
            std::vector<long long> predecessors;
        };
        std::vector<Plan> plans(rows->size());
        std::vector<ErrorDetail> errors;
        std::map<long long, long long> seen;        // official id -> line
        std::map<std::string, long long> arriving;  // name key of a new person -> line
        std::map<std::string, bool> known_government;
        for (size_t i = 0; i < rows->size(); ++i) {
            const RotationRow& r = (*rows)[i];
            const std::string where = "row " + std::to_string(r.line) + ": ";
            auto known = known_government.find(r.government_code);
            if (known == known_government.end()) {
                auto gov = store_.governments().Get(r.government_code);
                if (!gov.ok() && gov.status().code() != ErrorCode::kNotFound) return gov.status();
                known = known_government.emplace(r.government_code, gov.ok()).first;
            }
            if (!known->second) {
                errors.push_back({where + "団体コード", "no government with code " + r.government_code});
                continue;
            }
            const std::string folded_name = normalizer_.Fold(r.name);
            auto found = r.kana.empty() ? store_.officials().FindByNameKey(r.government_code, folded_name + "|", true)
                                        : store_.officials().FindByNameKey(r.government_code,
                                                                           officials_.NameKey(r.name, r.kana), false);
            if (!found.ok()) return found.status();
            std::vector<domain::Official> candidates = std::move(*found);
            if (candidates.size() > 1 && !r.from_department.empty()) {
                const std::string from = normalizer_.Fold(r.from_department);
                std::vector<domain::Official> narrowed;
                for (const auto& o : candidates) {
                    const std::string dept = normalizer_.Fold(o.department);
                    if (!from.empty() && dept.size() >= from.size() &&
                        dept.compare(dept.size() - from.size(), from.size(), from) == 0) {
                        narrowed.push_back(o);
                    }
                }
                if (!narrowed.empty()) candidates = std::move(narrowed);
            }
            if (candidates.size() > 1) {
                std::string ids;
                for (const auto& o : candidates) ids += (ids.empty() ? "" : ", ") + std::to_string(o.id);
                errors.push_back({where + "氏名", "ambiguous: officials " + ids + " match " + r.name + " in " +
                                                      r.government_code + "; add かな or 旧所属"});
                continue;
            }
            if (candidates.size() == 1) {
                plans[i].official_id = candidates.front().id;
                auto [it, inserted] = seen.emplace(plans[i].official_id, r.line);
                if (!inserted) {
                    errors.push_back({where + "氏名", "official " + std::to_string(plans[i].official_id) +
                                                          " is already moved by row " + std::to_string(it->second)});
                    continue;
                }
            }
            if (candidates.empty()) {
                // A new person: the same one twice in the list would be created twice.
                auto [it, inserted] = arriving.emplace(officials_.NameKey(r.name, r.kana), r.line);
                if (!inserted) {
                    errors.push_back(
                        {where + "氏名", r.name + " is already created by row " + std::to_string(it->second)});
                    continue;
                }
            }
            // The destination as it stands; ambiguity of a one-segment name is an error.
            const auto segments = PathSegments(r.to_department);
            if (segments.empty()) {
                errors.push_back({where + "新所属", "required (a department name or path)"});
                continue;
            }
            long long dest = 0;
            if (segments.size() == 1) {
                auto named = store_.departments().FindByName(r.government_code, segments.front());
                if (!named.ok()) return named.status();
                if (named->size() > 1) {
                    errors.push_back({where + "新所属", "ambiguous: " + std::to_string(named->size()) +
                                                            " departments are named " + segments.front() +
                                                            "; give the path, e.g. 総務部 情報政策課"});
                    continue;
                }
                if (named->size() == 1) dest = named->front().id;
            } else {
                long long parent = 0;
                for (const auto& seg : segments) {
                    auto child = store_.departments().FindChild(r.government_code, parent, seg);
                    if (!child.ok()) return child.status();
                    if (!*child) {
                        parent = 0;
                        break;
                    }
                    parent = (*child)->id;
                }
                dest = parent;
            }
            if (dest != 0 && !r.to_title.empty()) {
                auto holders = store_.officials().OpenPostingsAt(r.government_code, dest, "", r.to_title);
                if (!holders.ok()) return holders.status();
                for (const auto& h : *holders) {
                    if (h.official_id != plans[i].official_id) plans[i].predecessors.push_back(h.official_id);
                }
            }
        }
        if (!errors.empty()) {
            std::string message =
                std::to_string(errors.size()) + " problem(s) in the rotation list; nothing was written";
            return InvalidArgument(std::move(message), std::move(errors));
        }

        // Pass 2: write.
        for (size_t i = 0; i < rows->size(); ++i) {
            const RotationRow& r = (*rows)[i];
            RotationOutcome out;
            out.line = r.line;
            out.name = r.name;
            // Destination department, created segment by segment when unknown.
            const auto segments = PathSegments(r.to_department);
            long long dest = 0;
            if (segments.size() == 1) {
                auto named = store_.departments().FindByName(r.government_code, segments.front());
                if (!named.ok()) return named.status();
                if (!named->empty()) dest = named->front().id;
            }
            if (dest == 0) {
                long long parent = 0;
                std::optional<domain::DepartmentLevel> parent_level;
                for (const auto& seg : segments) {
                    auto child = store_.departments().FindChild(r.government_code, parent, seg);
                    if (!child.ok()) return child.status();
                    if (*child) {
                        parent = (*child)->id;
                        parent_level = (*child)->level;
                        continue;
                    }
                    domain::Department d;
                    d.government_code = r.government_code;
                    d.parent_id = parent;
                    d.name = seg;
                    d.level = LevelFromName(seg, parent, parent_level);
                    auto id = store_.departments().Insert(d);
                    if (!id.ok()) return id.status();
                    d.id = *id;
                    KYOSO_RETURN_IF_ERROR(audit_.Append(
                        {actor, "department.create", "department", std::to_string(d.id), "", DepartmentAuditJson(d)}));
                    out.created_department = true;
                    ++report.departments_created;
                    parent = d.id;
                    parent_level = d.level;
                }
                dest = parent;
            }
            out.department_id = dest;
            auto path = departments_.PathName(dest);
            if (!path.ok()) return path.status();

            domain::Official before;
            domain::Official o;
            if (plans[i].official_id != 0) {
                auto got = store_.officials().Get(plans[i].official_id);
                if (!got.ok()) return got.status();
                before = *got;
                o = *got;
            } else {
                o.government_code = r.government_code;
                o.name = r.name;
                o.kana = r.kana;
                o.name_key = officials_.NameKey(r.name, r.kana);
                o.department = r.from_department;
                o.title = r.from_title;
                auto id = store_.officials().Insert(o);
                if (!id.ok()) return id.status();
                o.id = *id;
                out.created_official = true;
                ++report.created;
            }
            out.official_id = o.id;
            out.from = Describe(before.department, before.title);

            const Date last_day = AddDays(r.effective_on, -1);
            auto postings = store_.officials().Postings(o.id);
            if (!postings.ok()) return postings.status();
            if (postings->empty() && !out.created_official && before.posted_from &&
                std::chrono::sys_days{*before.posted_from} <= std::chrono::sys_days{last_day}) {
                // A row from before posting history: keep what it said as a closed posting.
                domain::Posting old{0,
                                    o.id,
                                    o.government_code,
                                    before.department_id,
                                    before.department,
                                    before.title,
                                    *before.posted_from,
                                    last_day};
                auto pid = store_.officials().InsertPosting(old);
                if (!pid.ok()) return pid.status();
            }
            for (const auto& p : *postings) {
                if (p.to) continue;
                Date to = last_day;
                if (std::chrono::sys_days{to} < std::chrono::sys_days{p.from}) to = p.from;
                KYOSO_RETURN_IF_ERROR(store_.officials().ClosePosting(p.id, to));
            }
            domain::Posting now{0, o.id, o.government_code, dest, *path, r.to_title, r.effective_on, std::nullopt};
            auto pid = store_.officials().InsertPosting(now);
            if (!pid.ok()) return pid.status();
            o.department_id = dest;
            o.department = *path;
            o.title = r.to_title;
            o.posted_from = r.effective_on;
            o.active = true;
            KYOSO_RETURN_IF_ERROR(store_.officials().Update(o));
            out.to = Describe(o.department, o.title);
            if (!out.created_official) ++report.moved;

            for (long long pred : plans[i].predecessors) {
                Status link = store_.officials().InsertSuccession({pred, o.id, dest, r.effective_on});
                if (!link.ok() && link.code() != ErrorCode::kAlreadyExists) return link;
                if (link.ok()) {
                    out.predecessor_ids.push_back(pred);
                    ++report.successions;
                }
            }

            if (!out.created_official) {
                auto deals = store_.officials().OpenDealsChampionedBy(o.id);
                if (!deals.ok()) return deals.status();
                const bool changed_department = before.department_id != dest ||
                                                normalizer_.Fold(before.department) != normalizer_.Fold(o.department);
                for (const auto& d : *deals) {
                    const bool moved_out = d.government_code != o.government_code ||
                                           (d.department_id != 0 ? d.department_id != dest : changed_department);
                    if (!moved_out || d.needs_follow_up) continue;
                    KYOSO_RETURN_IF_ERROR(store_.officials().FlagDealForFollowUp(d.deal_id));
                    out.flagged_deal_ids.push_back(d.deal_id);
                    ++report.deals_flagged;
                }
            }

            AuditJson after;
            after.Raw("official", OfficialAuditJson(o)).Str("effective_on", FormatIsoDate(r.effective_on));
            std::vector<std::string> flagged;
            for (long long id : out.flagged_deal_ids) flagged.push_back(std::to_string(id));
            after.Raw("flagged_deals", JsonStringArray(flagged));
            KYOSO_RETURN_IF_ERROR(audit_.Append({actor, out.created_official ? "official.arrive" : "official.rotate",
                                                 "official", std::to_string(o.id),
                                                 out.created_official ? "" : OfficialAuditJson(before), after.str()}));
            report.rows.push_back(std::move(out));
        }
        KYOSO_RETURN_IF_ERROR(audit_.Append({actor, "rotation.import", "official", "", "",
                                             AuditJson()
                                                 .Int("rows", static_cast<long long>(report.rows.size()))
                                                 .Int("moved", report.moved)
                                                 .Int("created", report.created)
                                                 .Int("departments_created", report.departments_created)
                                                 .Int("successions", report.successions)
                                                 .Int("deals_flagged", report.deals_flagged)
                                                 .str()}));
        completed = true;
        if (options.dry_run) return FailedPrecondition("dry run: rolled back");
        return Status::Ok();
    });
    if (!st.ok() && !(options.dry_run && completed)) return st;
    return report;
}

}  // namespace kyoso::app
