#include "kyoso/app/import/import_service.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

using domain::FieldKind;
using domain::FieldSpec;
using domain::RecordType;
using ports::Cell;

struct SvHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StrMap = std::unordered_map<std::string, V, SvHash, std::equal_to<>>;

constexpr std::string_view kFullWidthSpace = "\xE3\x80\x80";

std::string_view Trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
            s.remove_prefix(1);
        } else if (s.substr(0, 3) == kFullWidthSpace) {
            s.remove_prefix(3);
        } else {
            break;
        }
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
            s.remove_suffix(1);
        } else if (s.size() >= 3 && s.substr(s.size() - 3) == kFullWidthSpace) {
            s.remove_suffix(3);
        } else {
            break;
        }
    }
    return s;
}

// "1,200", "１２００", "¥1,200", "1200円" → 1200.
bool ParseInteger(std::string_view s, long long* out) {
    char buf[32];
    size_t n = 0;
    if (s.substr(0, 2) == "\xC2\xA5") s.remove_prefix(2);                               // ¥
    if (s.substr(0, 3) == "\xEF\xBF\xA5") s.remove_prefix(3);                           // ￥
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE5\x86\x86") s.remove_suffix(3);  // 円
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == ',') continue;
        if (static_cast<unsigned char>(c) == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
            static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
            c = static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
            i += 2;
        } else if (static_cast<unsigned char>(c) == 0xEF && i + 2 < s.size() &&
                   static_cast<unsigned char>(s[i + 1]) == 0xBC && static_cast<unsigned char>(s[i + 2]) == 0x8C) {
            i += 2;  // full-width comma
            continue;
        }
        if (n == sizeof(buf)) return false;
        buf[n++] = c;
    }
    if (n == 0) return false;
    auto [end, ec] = std::from_chars(buf, buf + n, *out);
    return ec == std::errc() && end == buf + n;
}

bool ParseReal(std::string_view s, double* out) {
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && end == s.data() + s.size();
}

// YYYY-MM-DD, YYYY/M/D or YYYY-M-D → "YYYY-MM-DD" in `out`.
bool ParseDate(std::string_view s, std::string* out) {
    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    int part = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            parts[part] = parts[part] * 10 + (c - '0');
            if (++digits[part] > 4) return false;
        } else if ((c == '-' || c == '/') && part < 2 && digits[part] > 0) {
            ++part;
        } else {
            return false;
        }
    }
    if (part != 2 || digits[0] != 4 || digits[1] > 2 || digits[2] > 2 || digits[2] == 0) return false;
    // Formatted by hand: this runs once per date cell of a million-row import.
    char buf[10] = {static_cast<char>('0' + parts[0] / 1000),
                    static_cast<char>('0' + parts[0] / 100 % 10),
                    static_cast<char>('0' + parts[0] / 10 % 10),
                    static_cast<char>('0' + parts[0] % 10),
                    '-',
                    static_cast<char>('0' + parts[1] / 10),
                    static_cast<char>('0' + parts[1] % 10),
                    '-',
                    static_cast<char>('0' + parts[2] / 10),
                    static_cast<char>('0' + parts[2] % 10)};
    const std::string_view text(buf, sizeof(buf));
    if (!ParseIsoDate(text)) return false;
    out->assign(text);
    return true;
}

bool ParseBool(std::string_view s, bool* out) {
    static constexpr std::string_view kTrue[] = {"1", "true", "TRUE", "True", "yes", "YES", "y", "はい", "○", "✓"};
    static constexpr std::string_view kFalse[] = {"0", "false", "FALSE", "False", "no", "NO", "n", "いいえ", "×"};
    for (auto t : kTrue) {
        if (s == t) return *out = true, true;
    }
    for (auto f : kFalse) {
        if (s == f) return *out = false, true;
    }
    return false;
}

std::string ChoiceList(const FieldSpec& f) {
    std::string out;
    std::string_view list = f.choices;
    while (!list.empty()) {
        const size_t bar = list.find('|');
        const std::string_view piece = list.substr(0, bar);
        if (!out.empty()) out += ", ";
        out += piece.substr(0, piece.find('='));
        if (bar == std::string_view::npos) break;
        list.remove_prefix(bar + 1);
    }
    return out;
}

std::string FormatReal(double v) {
    char buf[64];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof(buf), "%.*g", precision, v);
        double back = 0;
        if (ParseReal(buf, &back) && back == v) break;
    }
    return buf;
}

// Resolves 団体コード or names to codes.
class GovernmentIndex {
public:
    // Takes the list: the name index points into it.
    explicit GovernmentIndex(std::vector<ports::GovernmentKey> all) : all_(std::move(all)) {
        for (const auto& g : all_) {
            codes_.insert(g.code);
            by_name_[g.name].push_back(&g);
            if (!g.is_prefecture) by_name_[g.prefecture_name + g.name].push_back(&g);
        }
    }

    // The code for `text`, or false with `why` set.
    bool Resolve(std::string_view text, std::string* code, std::string* why) const {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
        if (digits && (text.size() == 5 || text.size() == 6)) {
            auto parsed = domain::GovernmentCode::Parse(text);
            if (!parsed.ok()) return *why = parsed.status().message(), false;
            if (!codes_.count(parsed->str()))
                return *why = "団体コード " + parsed->str() + " is not in the master list", false;
            *code = parsed->str();
            return true;
        }
        auto it = by_name_.find(text);
        if (it == by_name_.end()) {
            *why = "no government with code or name '" + std::string(text) + "'";
            return false;
        }
        if (it->second.size() > 1) {
            *why = "'" + std::string(text) + "' is ambiguous:";
            for (const auto* g : it->second) *why += " " + g->code + " (" + g->prefecture_name + g->name + ")";
            *why += "; give the code or the prefecture and name";
            return false;
        }
        *code = it->second.front()->code;
        return true;
    }

private:
    std::vector<ports::GovernmentKey> all_;
    std::unordered_set<std::string, SvHash, std::equal_to<>> codes_;
    StrMap<std::vector<const ports::GovernmentKey*>> by_name_;
};

// Where each field's text comes from.
struct FieldPlan {
    int column = -1;           // index in the file's header
    std::string column_label;  // header text, for errors
    const std::string* constant = nullptr;
    const std::string* fallback = nullptr;  // mapping default
    struct TemplatePart {
        int column = -1;   // -1: a literal
        std::string text;  // the literal, or the column's fallback when its cell is empty
    };
    std::vector<TemplatePart> template_parts;
    bool has_template = false;
    StrMap<std::string> value_map;
};

struct Plan {
    std::vector<FieldPlan> fields;
    std::vector<std::string> columns;
    std::vector<std::string> ignored;
    size_t header_size = 0;
};

int FieldIndex(const domain::RecordSpec& spec, std::string_view name) {
    for (size_t i = 0; i < spec.fields.size(); ++i) {
        if (spec.fields[i].name == name && spec.fields[i].kind != FieldKind::kDerived) return static_cast<int>(i);
    }
    return -1;
}

Status UnknownField(const domain::RecordSpec& spec, const std::string& where, const std::string& name) {
    std::string known;
    for (const auto& f : spec.fields) {
        if (f.kind == FieldKind::kDerived) continue;
        known += (known.empty() ? "" : ", ") + std::string(f.name);
    }
    return InvalidArgument("mapping " + where + ": '" + name + "' is not a field of " + std::string(spec.slug) +
                               " (fields: " + known + ")",
                           {{where, "unknown field " + name}});
}

Result<Plan> BuildPlan(const domain::RecordSpec& spec, std::span<const std::string> header,
                       const ports::ImportMapping* mapping) {
    Plan plan;
    plan.fields.resize(spec.fields.size());
    plan.header_size = header.size();
    std::vector<std::string> names;
    for (const auto& h : header) names.emplace_back(Trim(h));
    std::vector<bool> used(names.size(), false);
    auto column_of = [&](const std::string& name) -> int {
        for (size_t i = 0; i < names.size(); ++i) {
            if (names[i] == name) return static_cast<int>(i);
        }
        return -1;
    };
    auto assign = [&](int field, int column) -> Status {
        FieldPlan& fp = plan.fields[static_cast<size_t>(field)];
        if (fp.column >= 0) {
            return InvalidArgument("columns '" + fp.column_label + "' and '" + names[static_cast<size_t>(column)] +
                                       "' both map to " + std::string(spec.fields[static_cast<size_t>(field)].name),
                                   {{names[static_cast<size_t>(column)], "duplicate column"}});
        }
        fp.column = column;
        fp.column_label = names[static_cast<size_t>(column)];
        used[static_cast<size_t>(column)] = true;
        plan.columns.push_back(std::string(spec.fields[static_cast<size_t>(field)].name) + " ← " + fp.column_label);
        return Status::Ok();
    };
    if (mapping) {
        for (const auto& [column, fields] : mapping->columns) {
            const int c = column_of(column);
            if (c < 0) {
                return InvalidArgument("the mapping names column '" + column + "' which the file does not have",
                                       {{column, "no such column in the file"}});
            }
            for (const auto& f : fields) {
                const int fi = FieldIndex(spec, f);
                if (fi < 0) return UnknownField(spec, "columns." + column, f);
                KYOSO_RETURN_IF_ERROR(assign(fi, c));
            }
        }
        for (const auto& [f, v] : mapping->constants) {
            const int fi = FieldIndex(spec, f);
            if (fi < 0) return UnknownField(spec, "constants", f);
            plan.fields[static_cast<size_t>(fi)].constant = &v;
        }
        for (const auto& [f, v] : mapping->defaults) {
            const int fi = FieldIndex(spec, f);
            if (fi < 0) return UnknownField(spec, "defaults", f);
            plan.fields[static_cast<size_t>(fi)].fallback = &v;
        }
        for (const auto& [f, text] : mapping->templates) {
            const int fi = FieldIndex(spec, f);
            if (fi < 0) return UnknownField(spec, "templates", f);
            FieldPlan& fp = plan.fields[static_cast<size_t>(fi)];
            fp.has_template = true;
            std::string literal;
            for (size_t i = 0; i < text.size(); ++i) {
                if (text[i] == '{') {
                    const size_t close = text.find('}', i);
                    if (close == std::string::npos) {
                        return InvalidArgument("templates." + f + ": unclosed '{'", {{"templates." + f, "unclosed {"}});
                    }
                    // {column} or {column|text used when the cell is empty}
                    const std::string inner = text.substr(i + 1, close - i - 1);
                    const size_t bar = inner.find('|');
                    const std::string col = inner.substr(0, bar);
                    const int c = column_of(col);
                    if (c < 0) {
                        return InvalidArgument(
                            "templates." + f + " uses column '" + col + "' which the file does not have",
                            {{"templates." + f, "no such column " + col}});
                    }
                    used[static_cast<size_t>(c)] = true;
                    if (!literal.empty()) fp.template_parts.push_back({-1, std::move(literal)});
                    literal.clear();
                    fp.template_parts.push_back({c, bar == std::string::npos ? "" : inner.substr(bar + 1)});
                    i = close;
                } else {
                    literal += text[i];
                }
            }
            if (!literal.empty()) fp.template_parts.push_back({-1, std::move(literal)});
            plan.columns.push_back(std::string(spec.fields[static_cast<size_t>(fi)].name) + " ← " + text);
        }
        for (const auto& [f, pairs] : mapping->values) {
            const int fi = FieldIndex(spec, f);
            if (fi < 0) return UnknownField(spec, "values", f);
            for (const auto& [from, to] : pairs) plan.fields[static_cast<size_t>(fi)].value_map.emplace(from, to);
        }
    }
    // Remaining headers by name or alias.
    for (size_t c = 0; c < names.size(); ++c) {
        if (used[c]) continue;
        int match = -1;
        for (size_t fi = 0; fi < spec.fields.size() && match < 0; ++fi) {
            if (plan.fields[fi].column < 0 && !plan.fields[fi].has_template &&
                domain::HeaderMatches(spec.fields[fi], names[c])) {
                match = static_cast<int>(fi);
            }
        }
        if (match >= 0) {
            KYOSO_RETURN_IF_ERROR(assign(match, static_cast<int>(c)));
        } else if (!names[c].empty()) {
            plan.ignored.push_back(names[c]);
        }
    }
    std::vector<ErrorDetail> missing;
    for (size_t fi = 0; fi < spec.fields.size(); ++fi) {
        const FieldSpec& f = spec.fields[fi];
        const FieldPlan& fp = plan.fields[fi];
        if (!f.required || fp.column >= 0 || fp.constant || fp.has_template || fp.fallback) continue;
        std::string aliases(f.aliases);
        for (auto& ch : aliases) {
            if (ch == '|') ch = '/';
        }
        missing.push_back({std::string(f.name), "required column missing (accepted headers: " + std::string(f.name) +
                                                    (aliases.empty() ? "" : "/" + aliases) + ")"});
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto& d : missing) list += (list.empty() ? "" : ", ") + d.field;
        return InvalidArgument("the file has no column for required field(s) " + list + " of " + std::string(spec.slug),
                               std::move(missing));
    }
    return plan;
}

// Reverse maps id → external id, per type, built on first use.
class ExternalIdNames {
public:
    explicit ExternalIdNames(ports::ImportRepository& repo) : repo_(repo) {}
    Result<const std::unordered_map<long long, std::string>*> For(RecordType type) {
        auto& slot = maps_[static_cast<size_t>(type)];
        if (!slot.loaded) {
            KYOSO_RETURN_IF_ERROR(repo_.ExternalIds(
                type, [&](std::string_view ext, long long id) { slot.names.emplace(id, std::string(ext)); }));
            slot.loaded = true;
        }
        return &slot.names;
    }

private:
    struct Slot {
        bool loaded = false;
        std::unordered_map<long long, std::string> names;
    };
    ports::ImportRepository& repo_;
    Slot maps_[8];
};

std::string SyntheticId(RecordType type, long long id) {
    return "kyoso:" + std::string(domain::RecordTypeSlug(type)) + ":" + std::to_string(id);
}

void AppendCsvField(std::string* out, std::string_view v) {
    const bool quote =
        v.find_first_of(",\"\r\n") != std::string_view::npos || (!v.empty() && (v.front() == ' ' || v.back() == ' '));
    if (!quote) {
        out->append(v);
        return;
    }
    out->push_back('"');
    for (char c : v) {
        if (c == '"') out->push_back('"');
        out->push_back(c);
    }
    out->push_back('"');
}

// Data rows to expect for progress: the lines of `csv` (LF, CRLF or CR line ends)
// less the header. An upper bound, since a quoted cell may hold a line break; one
// pass of memchr, so it costs nothing next to the import.
long long ExpectedRows(std::string_view csv) {
    auto count = [&](char c) {
        long long n = 0;
        size_t at = 0;
        while (at < csv.size()) {
            const void* hit = std::memchr(csv.data() + at, c, csv.size() - at);
            if (!hit) break;
            ++n;
            at = static_cast<size_t>(static_cast<const char*>(hit) - csv.data()) + 1;
        }
        return n;
    };
    long long lines = std::max(count('\n'), count('\r'));
    if (!csv.empty() && csv.back() != '\n' && csv.back() != '\r') ++lines;  // the last line has no line end
    return lines > 0 ? lines - 1 : 0;
}

}  // namespace

Result<ImportReport> ImportService::Import(std::string_view csv, const ImportOptions& options,
                                           ports::ProgressSink& progress) {
    const domain::RecordSpec& spec = domain::SpecFor(options.type);
    ImportReport report;
    report.type = std::string(spec.slug);
    report.dry_run = options.dry_run;
    report.sha256 = digest_.Sha256Hex(csv);
    // Rows are read, checked and written in one pass, so one phase covers them; it
    // is reported about every 1% of the expected rows, for a progress bar.
    const std::string phase = "import " + report.type;
    const long long expected_rows = ExpectedRows(csv);
    const long long report_every = std::max(1LL, expected_rows / 100);
    progress.Report(phase, 0, expected_rows);

    // Keys to resolve this type's relations, read inside the transaction (under the
    // write lock), so every reference written is to a row that exists.
    std::unique_ptr<GovernmentIndex> gov_index;
    StrMap<long long> ext_ids[8];
    std::unordered_map<long long, std::string> deal_governments;
    struct Known {
        long long id;
        std::string external_id;
        long long row;
    };
    StrMap<Known> officials_by_key;  // government \t name_key → official
    const size_t n = spec.fields.size();
    const int own_map = static_cast<int>(options.type);
    Plan plan;
    std::vector<std::string> raw(n);
    std::vector<Cell> cells(n);
    std::vector<bool> bad(n);
    // Keys stored before this import (government codes: every code seen) → the row
    // of this file that has it, 0 = none yet.
    StrMap<long long> stored_keys;
    const bool self_ref = options.type == RecordType::kDepartments;
    bool discard = false;
    std::unique_ptr<ports::ImportWriter> writer;
    std::vector<long long> updated_ids;

    auto load_keys = [&]() -> Status {
        auto governments = repo_.Governments();
        if (!governments.ok()) return governments.status();
        gov_index = std::make_unique<GovernmentIndex>(std::move(*governments));
        for (const auto& f : spec.fields) {
            if (f.kind == FieldKind::kRef) {
                auto& map = ext_ids[static_cast<size_t>(f.ref)];
                if (!map.empty()) continue;
                KYOSO_RETURN_IF_ERROR(repo_.ExternalIds(
                    f.ref, [&](std::string_view ext, long long id) { map.emplace(std::string(ext), id); }));
            }
        }
        if (options.type == RecordType::kActivities) {
            KYOSO_RETURN_IF_ERROR(repo_.DealGovernments(
                [&](long long id, std::string_view code) { deal_governments.emplace(id, std::string(code)); }));
        }
        if (options.type == RecordType::kOfficials) {
            auto keys = repo_.OfficialKeys();
            if (!keys.ok()) return keys.status();
            for (auto& k : *keys) {
                if (k.name_key.empty()) continue;
                officials_by_key.emplace(k.government_code + "\t" + k.name_key, Known{k.id, k.external_id, 0});
            }
        }
        return Status::Ok();
    };

    auto add_error = [&](long long row, std::string column, std::string reason) {
        ++report.error_count;
        if (report.errors.size() < kMaxListedErrors)
            report.errors.push_back({row, std::move(column), std::move(reason)});
    };

    auto on_record = [&](long long number, std::span<const std::string> rec) -> Status {
        if (number == 1) {
            auto built = BuildPlan(spec, rec, options.mapping);
            if (!built.ok()) return built.status();
            plan = std::move(*built);
            report.columns = plan.columns;
            report.ignored_columns = plan.ignored;
            // Keys already stored, read inside the transaction: a key not among them
            // is inserted without a lookup.
            KYOSO_RETURN_IF_ERROR(repo_.ExternalIds(
                options.type, [&](std::string_view ext, long long) { stored_keys.emplace(std::string(ext), 0); }));
            auto w = repo_.OpenWriter(options.type);
            if (!w.ok()) return w.status();
            writer = std::move(*w);
            return Status::Ok();
        }
        ++report.rows;
        if (report.rows % report_every == 0) {
            progress.Report(phase, report.rows, report.rows <= expected_rows ? expected_rows : 0);
        }
        if (rec.size() > plan.header_size) {
            add_error(
                number, "",
                "has " + std::to_string(rec.size()) + " cells but the header has " + std::to_string(plan.header_size));
            return Status::Ok();
        }
        bool row_ok = true;
        // 1. Text of each field.
        for (size_t i = 0; i < n; ++i) {
            const FieldPlan& fp = plan.fields[i];
            std::string& v = raw[i];
            v.clear();
            if (fp.constant) {
                v = *fp.constant;
            } else if (fp.has_template) {
                for (const auto& part : fp.template_parts) {
                    const std::string_view cell = part.column >= 0 && static_cast<size_t>(part.column) < rec.size()
                                                      ? Trim(rec[static_cast<size_t>(part.column)])
                                                      : std::string_view();
                    v += part.column < 0 || cell.empty() ? std::string_view(part.text) : cell;
                }
            } else if (fp.column >= 0 && static_cast<size_t>(fp.column) < rec.size()) {
                const std::string& cell = rec[static_cast<size_t>(fp.column)];
                if (spec.fields[i].kind == FieldKind::kText && i != 0) {
                    v.assign(cell);
                } else {
                    v.assign(Trim(cell));
                }
            }
            if (!fp.value_map.empty()) {
                auto it = fp.value_map.find(std::string_view(Trim(v)));
                if (it != fp.value_map.end()) v = it->second;
            }
            if (v.empty() && fp.fallback) v = *fp.fallback;
        }
        // 2. Typed values.
        for (size_t i = 0; i < n; ++i) {
            const FieldSpec& f = spec.fields[i];
            const FieldPlan& fp = plan.fields[i];
            Cell& c = cells[i];
            const std::string& v = raw[i];
            bad[i] = false;
            auto fail = [&](std::string why) {
                add_error(number, fp.column_label.empty() ? std::string(f.name) : fp.column_label, std::move(why));
                bad[i] = true;
                row_ok = false;
            };
            if (f.kind == FieldKind::kDerived) continue;
            std::string_view text = v;
            if (text.empty() && !f.default_value.empty()) text = f.default_value;
            if (text.empty()) {
                if (f.required) {
                    fail("required");
                } else if (f.kind == FieldKind::kText) {
                    c.SetText("");
                } else {
                    c.SetNull();
                }
                continue;
            }
            switch (f.kind) {
                case FieldKind::kText:
                    c.SetText(text);
                    break;
                case FieldKind::kInt: {
                    long long x = 0;
                    if (!ParseInteger(text, &x)) {
                        fail("'" + std::string(text) + "' is not a whole number");
                    } else {
                        c.SetInt(x);
                    }
                    break;
                }
                case FieldKind::kReal: {
                    double x = 0;
                    if (!ParseReal(text, &x)) {
                        fail("'" + std::string(text) + "' is not a number");
                    } else {
                        c.SetReal(x);
                    }
                    break;
                }
                case FieldKind::kDate:
                    c.kind = Cell::Kind::kText;
                    if (!ParseDate(text, &c.text)) fail("'" + std::string(text) + "' is not a date (YYYY-MM-DD)");
                    break;
                case FieldKind::kBool: {
                    bool b = false;
                    if (!ParseBool(text, &b)) {
                        fail("'" + std::string(text) + "' is not yes/no (1/0)");
                    } else {
                        c.SetInt(b ? 1 : 0);
                    }
                    break;
                }
                case FieldKind::kChoice: {
                    auto slug = domain::ChoiceSlug(f, text);
                    if (!slug) {
                        fail("'" + std::string(text) + "' is not one of " + ChoiceList(f));
                    } else {
                        c.SetText(*slug);
                    }
                    break;
                }
                case FieldKind::kGovernment: {
                    std::string why;
                    c.kind = Cell::Kind::kText;
                    if (!gov_index->Resolve(text, &c.text, &why)) fail(why);
                    break;
                }
                case FieldKind::kRef: {
                    const auto& map = ext_ids[static_cast<size_t>(f.ref)];
                    auto it = map.find(text);
                    if (it == map.end()) {
                        fail("no " + std::string(domain::RecordTypeSlug(f.ref)) + " record with external id '" +
                             std::string(text) + "'");
                    } else {
                        c.SetInt(it->second);
                    }
                    break;
                }
                case FieldKind::kDerived:
                    break;
            }
        }
        // 3. Rules across fields.
        if (options.type == RecordType::kActivities) {
            const size_t gov = 2, deal = 1;
            if (cells[gov].kind == Cell::Kind::kNull && !bad[gov]) {
                if (cells[deal].kind == Cell::Kind::kInt) {
                    auto it = deal_governments.find(cells[deal].integer);
                    cells[gov].SetText(it != deal_governments.end() ? std::string_view(it->second)
                                                                    : std::string_view());
                } else if (!bad[deal]) {
                    add_error(number, "government_code", "required when the activity has no deal");
                    row_ok = false;
                }
            }
        } else if (options.type == RecordType::kDeals) {
            const int fy = FieldIndex(spec, "fiscal_year");
            const int created = FieldIndex(spec, "created_on");
            const int closed = FieldIndex(spec, "closed_on");
            Cell& year = cells[static_cast<size_t>(fy)];
            if (year.kind == Cell::Kind::kNull && !bad[static_cast<size_t>(fy)]) {
                // The target fiscal year defaults to the one the deal closed (or was opened) in.
                const Cell& from = cells[static_cast<size_t>(closed)].kind == Cell::Kind::kText
                                       ? cells[static_cast<size_t>(closed)]
                                       : cells[static_cast<size_t>(created)];
                if (from.kind == Cell::Kind::kText && !bad[static_cast<size_t>(created)]) {
                    if (auto d = ParseIsoDate(from.text)) year.SetInt(domain::FiscalYear::Containing(*d).year());
                }
            }
        } else if (options.type == RecordType::kOfficials) {
            const int name = FieldIndex(spec, "name");
            const int kana = FieldIndex(spec, "kana");
            Cell& key = cells[n - 1];
            key.SetText(normalizer_.Fold(cells[static_cast<size_t>(name)].text) + "|" +
                        normalizer_.Fold(cells[static_cast<size_t>(kana)].text));
            if (row_ok) {
                std::string lookup = cells[1].text + "\t" + key.text;
                auto it = officials_by_key.find(lookup);
                if (it != officials_by_key.end() && it->second.external_id != cells[0].text) {
                    report.duplicates.push_back({number, cells[static_cast<size_t>(name)].text, cells[1].text,
                                                 it->second.id, it->second.external_id});
                } else if (it == officials_by_key.end()) {
                    officials_by_key.emplace(std::move(lookup), Known{0, cells[0].text, number});
                }
            }
        }
        if (!row_ok) return Status::Ok();
        // 4. One record per key in a file. Keys stored before this import are
        //    updated (and remembered, to catch a second row with the same key); others
        //    are inserted without a lookup, and the unique index refuses a repeat.
        bool known_new = options.type != RecordType::kGovernments;
        if (auto it = stored_keys.find(cells[0].text); it != stored_keys.end() || !known_new) {
            if (it == stored_keys.end()) it = stored_keys.emplace(cells[0].text, 0).first;
            if (it->second > 0) {
                add_error(number, plan.fields[0].column_label,
                          "'" + cells[0].text + "' already appears in row " + std::to_string(it->second));
                return Status::Ok();
            }
            it->second = number;
            known_new = false;
        }
        long long id = 0;
        auto outcome = writer->Upsert(cells, known_new, &id);
        if (!outcome.ok()) {
            const std::string& why = outcome.status().message();
            if (known_new && why.find("UNIQUE constraint failed: " + report.type + ".external_id") == 0) {
                add_error(number, plan.fields[0].column_label,
                          "'" + cells[0].text + "' already appears in an earlier row");
            } else {
                add_error(number, "", why);
            }
            return Status::Ok();
        }
        switch (*outcome) {
            case ports::UpsertOutcome::kInserted:
                ++report.inserted;
                if (!report.first_inserted_id) report.first_inserted_id = id;
                report.last_inserted_id = id;
                if (self_ref) ext_ids[own_map].emplace(cells[0].text, id);
                break;
            case ports::UpsertOutcome::kUpdated:
                ++report.updated;
                if (updated_ids.size() < 1000) updated_ids.push_back(id);
                break;
            case ports::UpsertOutcome::kUnchanged:
                ++report.unchanged;
                break;
        }
        return Status::Ok();
    };

    Status st = repo_.InBulkTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(load_keys());
        KYOSO_RETURN_IF_ERROR(reader_.Read(csv, options.encoding, options.source_name, on_record, &report.encoding));
        writer.reset();
        progress.Report(phase, report.rows, report.rows);
        if (report.error_count > 0 || options.dry_run) {
            discard = true;
            return FailedPrecondition("discarded");
        }
        AuditJson after;
        after.Str("type", report.type)
            .Str("file", options.source_name)
            .Str("sha256", report.sha256)
            .Str("encoding", report.encoding)
            .Int("rows", report.rows)
            .Int("inserted", report.inserted)
            .Int("updated", report.updated)
            .Int("unchanged", report.unchanged)
            .Int("first_inserted_id", report.first_inserted_id)
            .Int("last_inserted_id", report.last_inserted_id);
        std::string ids = "[";
        for (size_t i = 0; i < updated_ids.size(); ++i) ids += (i ? "," : "") + std::to_string(updated_ids[i]);
        after.Raw("updated_ids", ids + "]");
        AuditTrail trail(store_, clock_, digest_);
        return trail.Append(
            {options.actor, "import." + report.type, "import", report.sha256.substr(0, 16), "", after.str()});
    });
    writer.reset();
    if (!st.ok() && !discard) return st;
    if (report.error_count > 0) {
        // Counts of a rejected import would describe writes that did not happen.
        report.inserted = report.updated = report.unchanged = 0;
        report.first_inserted_id = report.last_inserted_id = 0;
    }
    report.applied = !discard;
    return report;
}

Status ImportService::Export(RecordType type, const std::function<Status(std::string_view)>& out) {
    const domain::RecordSpec& spec = domain::SpecFor(type);
    ExternalIdNames names(repo_);
    std::string buf = "\xEF\xBB\xBF";
    bool first = true;
    for (const auto& f : spec.fields) {
        if (f.kind == FieldKind::kDerived) continue;
        if (!first) buf += ',';
        buf += f.name;
        first = false;
    }
    buf += "\r\n";
    Status st = repo_.Scan(type, [&](long long id, const std::vector<Cell>& values) -> Status {
        for (size_t i = 0; i < spec.fields.size(); ++i) {
            const FieldSpec& f = spec.fields[i];
            if (f.kind == FieldKind::kDerived) continue;
            if (i) buf += ',';
            const Cell& c = values[i];
            if (i == 0 && type != RecordType::kGovernments && c.kind == Cell::Kind::kNull) {
                AppendCsvField(&buf, SyntheticId(type, id));
                continue;
            }
            if (f.kind == FieldKind::kRef && c.kind == Cell::Kind::kInt) {
                auto map = names.For(f.ref);
                if (!map.ok()) return map.status();
                auto it = (*map)->find(c.integer);
                AppendCsvField(&buf, it != (*map)->end() ? std::string_view(it->second)
                                                         : std::string_view(SyntheticId(f.ref, c.integer)));
                continue;
            }
            switch (c.kind) {
                case Cell::Kind::kNull:
                    break;
                case Cell::Kind::kInt:
                    buf += std::to_string(c.integer);
                    break;
                case Cell::Kind::kReal:
                    buf += FormatReal(c.real);
                    break;
                case Cell::Kind::kText:
                    AppendCsvField(&buf, c.text);
                    break;
            }
        }
        buf += "\r\n";
        if (buf.size() >= (1u << 20)) {
            KYOSO_RETURN_IF_ERROR(out(buf));
            buf.clear();
        }
        return Status::Ok();
    });
    KYOSO_RETURN_IF_ERROR(st);
    return buf.empty() ? Status::Ok() : out(buf);
}

}  // namespace kyoso::app
