#include "kyoso/domain/ml/tabular.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace kyoso::domain::ml {

namespace {

// Full-width forms (U+FF01–U+FF5E) are three UTF-8 bytes EF BC xx / EF BD xx; map the
// ones a number may contain to ASCII. Returns "" when another non-ASCII byte remains.
std::string AsciiNumberText(std::string_view s, bool* ok) {
    std::string out;
    out.reserve(s.size());
    *ok = true;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        const std::string_view rest = s.substr(i);
        auto starts = [&](std::string_view p) { return rest.substr(0, p.size()) == p; };
        if (rest.size() >= 3 && c == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            const auto b = static_cast<unsigned char>(s[i + 2]);
            if (b >= 0x90 && b <= 0x99) {
                out.push_back(static_cast<char>('0' + (b - 0x90)));  // ０–９
            } else if (b == 0x8C) {
                out.push_back(',');  // ，
            } else if (b == 0x8E) {
                out.push_back('.');  // ．
            } else if (b == 0x8D) {
                out.push_back('-');  // －
            } else if (b == 0x8B) {
                out.push_back('+');  // ＋
            } else if (b == 0x85) {
                out.push_back('%');  // ％
            } else {
                *ok = false;
                return {};
            }
            i += 3;
        } else if (starts("\xEF\xBF\xA5") || starts("\xC2\xA5")) {  // ￥ ¥
            out.push_back('Y');
            i += rest[0] == '\xC2' ? 2 : 3;
        } else if (starts("\xE5\x86\x86")) {  // 円
            out.push_back('E');
            i += 3;
        } else if (starts("\xE2\x88\x92")) {  // − (minus sign)
            out.push_back('-');
            i += 3;
        } else if (starts("\xE3\x80\x80")) {  // ideographic space
            out.push_back(' ');
            i += 3;
        } else {
            *ok = false;
            return {};
        }
    }
    return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::optional<int> DaysOf(int y, int m, int d) {
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 || !ymd.ok()) return std::nullopt;
    return static_cast<int>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

// Reads 1–4 ASCII digits at `i` (advancing it) into `out`.
bool ReadInt(std::string_view s, std::size_t& i, int max_digits, int* out) {
    int v = 0;
    int n = 0;
    while (i < s.size() && n < max_digits && s[i] >= '0' && s[i] <= '9') {
        v = v * 10 + (s[i] - '0');
        ++i;
        ++n;
    }
    if (n == 0) return false;
    *out = v;
    return true;
}

bool IsIdName(const std::string& name) {
    const std::string l = Lower(name);
    if (l == "id" || l == "no" || l == "no.") return true;
    if (l.size() > 3 && l.compare(l.size() - 3, 3, "_id") == 0) return true;
    if (name.size() > 2 && name.compare(name.size() - 2, 2, "ID") == 0) return true;
    const std::string bango = "\xE7\x95\xAA\xE5\x8F\xB7";  // 番号
    return name.size() >= bango.size() && name.compare(name.size() - bango.size(), bango.size(), bango) == 0;
}

std::string Escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

std::optional<std::string> Unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out.push_back(s[i]);
            continue;
        }
        if (++i >= s.size()) return std::nullopt;
        switch (s[i]) {
            case '\\':
                out.push_back('\\');
                break;
            case 't':
                out.push_back('\t');
                break;
            case 'n':
                out.push_back('\n');
                break;
            case 'r':
                out.push_back('\r');
                break;
            default:
                return std::nullopt;
        }
    }
    return out;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return out;
}

}  // namespace

std::string EscapeField(std::string_view text) { return Escape(text); }
std::optional<std::string> UnescapeField(std::string_view text) { return Unescape(text); }

std::string_view ColumnKindName(ColumnKind kind) {
    switch (kind) {
        case ColumnKind::kNumber:
            return "number";
        case ColumnKind::kDate:
            return "date";
        case ColumnKind::kCategory:
            return "category";
    }
    return "number";
}

std::string Trim(std::string_view text) {
    const std::string_view ideo = "\xE3\x80\x80";
    for (;;) {
        if (!text.empty() && IsSpace(text.front())) {
            text.remove_prefix(1);
        } else if (text.substr(0, 3) == ideo) {
            text.remove_prefix(3);
        } else if (!text.empty() && IsSpace(text.back())) {
            text.remove_suffix(1);
        } else if (text.size() >= 3 && text.substr(text.size() - 3) == ideo) {
            text.remove_suffix(3);
        } else {
            break;
        }
    }
    return std::string(text);
}

std::optional<double> ParseNumber(std::string_view text) {
    bool ok = false;
    std::string s = AsciiNumberText(Trim(text), &ok);
    if (!ok) return std::nullopt;
    s = Trim(s);
    if (!s.empty() && s.front() == 'Y') s.erase(0, 1);
    if (!s.empty() && (s.back() == 'E' || s.back() == '%')) s.pop_back();
    s = Trim(s);
    if (s.empty()) return std::nullopt;
    // Thousands separators: a comma must have three digits after it.
    std::string plain;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',') {
            if (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9') || i + 3 >= s.size() + 0 ||
                !(s[i + 1] >= '0' && s[i + 1] <= '9') || !(s[i + 2] >= '0' && s[i + 2] <= '9') ||
                !(s[i + 3] >= '0' && s[i + 3] <= '9') || (i + 4 < s.size() && s[i + 4] >= '0' && s[i + 4] <= '9'))
                return std::nullopt;
            continue;
        }
        const char c = s[i];
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return std::nullopt;
        plain.push_back(c);
    }
    if (plain.empty() || plain == "-" || plain == "+" || plain == ".") return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(plain.c_str(), &end);
    if (end != plain.c_str() + plain.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<int> ParseDate(std::string_view text) {
    const std::string t = Trim(text);
    std::string_view s = t;
    const std::string reiwa = "\xE4\xBB\xA4\xE5\x92\x8C";   // 令和
    const std::string heisei = "\xE5\xB9\xB3\xE6\x88\x90";  // 平成
    const std::string gan = "\xE5\x85\x83";                 // 元
    const std::string nen = "\xE5\xB9\xB4";                 // 年
    const std::string gatsu = "\xE6\x9C\x88";               // 月
    const std::string nichi = "\xE6\x97\xA5";               // 日
    if (s.substr(0, 6) == reiwa || s.substr(0, 6) == heisei) {
        const int base = s.substr(0, 6) == reiwa ? 2018 : 1988;
        s.remove_prefix(6);
        std::size_t i = 0;
        int era_year = 0;
        if (s.substr(0, 3) == gan) {
            era_year = 1;
            i = 3;
        } else if (!ReadInt(s, i, 2, &era_year)) {
            return std::nullopt;
        }
        int m = 0;
        int d = 0;
        if (s.substr(i, 3) != nen) return std::nullopt;
        i += 3;
        if (!ReadInt(s, i, 2, &m) || s.substr(i, 3) != gatsu) return std::nullopt;
        i += 3;
        if (!ReadInt(s, i, 2, &d) || s.substr(i, 3) != nichi) return std::nullopt;
        i += 3;
        if (i != s.size() || era_year < 1) return std::nullopt;
        return DaysOf(base + era_year, m, d);
    }
    std::size_t i = 0;
    int y = 0;
    int m = 0;
    int d = 0;
    const std::size_t y_start = i;
    if (!ReadInt(s, i, 4, &y) || i - y_start != 4 || i >= s.size()) return std::nullopt;
    const char sep = s[i];
    if (sep != '-' && sep != '/') return std::nullopt;
    ++i;
    if (!ReadInt(s, i, 2, &m) || i >= s.size() || s[i] != sep) return std::nullopt;
    ++i;
    if (!ReadInt(s, i, 2, &d)) return std::nullopt;
    if (i < s.size() && s[i] != ' ' && s[i] != 'T') return std::nullopt;
    return DaysOf(y, m, d);
}

Result<TargetRule> InferTargetRule(const std::vector<std::string>& values, const std::optional<std::string>& positive) {
    std::set<std::string> distinct;
    for (const auto& v : values) {
        std::string t = Trim(v);
        if (!t.empty()) distinct.insert(std::move(t));
    }
    auto list = [&] {
        std::string out;
        std::size_t n = 0;
        for (const auto& v : distinct) {
            if (n++ == 10) {
                out += ", …";
                break;
            }
            out += (out.empty() ? "'" : ", '") + v + "'";
        }
        return out;
    };
    if (positive) {
        const std::string p = Trim(*positive);
        if (distinct.count(p) == 0)
            return InvalidArgument("--positive '" + p + "' never occurs in the target; its values are " + list(),
                                   {{"positive", "not a value of the target"}});
        if (distinct.size() < 2)
            return InvalidArgument("every row of the target is '" + p + "': nothing to tell apart",
                                   {{"target", "one value only"}});
        return TargetRule{p};
    }
    static const std::set<std::string> kYes = {
        "1",
        "true",
        "yes",
        "y",
        "won",
        "win",
        "converted",
        "success",
        "t",
        "\xE5\x8F\x97\xE6\xB3\xA8",  // 受注
        "\xE6\x88\x90\xE7\xB4\x84",  // 成約
        "\xE6\x88\x90\xE7\xAB\x8B",  // 成立
        "\xE5\xA5\x91\xE7\xB4\x84",  // 契約
        "\xE6\x8E\xA1\xE6\x8A\x9E",  // 採択
        "\xE5\xB0\x8E\xE5\x85\xA5",  // 導入
        "\xE6\x9C\x89",              // 有
        "\xE3\x81\x82\xE3\x82\x8A",  // あり
        "\xE3\x81\xAF\xE3\x81\x84",  // はい
        "\xE2\x97\x8B",              // ○
        "\xE3\x80\x87",              // 〇
    };
    if (distinct.size() != 2)
        return InvalidArgument("the target has " + std::to_string(distinct.size()) + " distinct values (" + list() +
                                   "); it needs exactly two, or name the positive one with --positive",
                               {{"target", "not two values"}});
    std::vector<std::string> yes;
    for (const auto& v : distinct) {
        if (kYes.count(Lower(v))) yes.push_back(v);
    }
    if (yes.size() != 1)
        return InvalidArgument(
            "cannot tell which of the target's values " + list() + " means success; name it with --positive",
            {{"positive", "required"}});
    return TargetRule{yes.front()};
}

std::vector<FeatureInfo> TabularEncoding::Features() const {
    std::vector<FeatureInfo> out;
    for (const auto& c : columns) {
        switch (c.kind) {
            case ColumnKind::kNumber:
                out.push_back({c.name, c.name});
                break;
            case ColumnKind::kDate:
                out.push_back(
                    {c.name + "#days", c.name + "\xEF\xBC\x88\xE6\x97\xA5\xE4\xBB\x98\xEF\xBC\x89"});  // （日付）
                out.push_back({c.name + "#month", c.name + "\xEF\xBC\x88\xE6\x9C\x88\xEF\xBC\x89"});   // （月）
                out.push_back({c.name + "#fiscal_month",
                               c.name + "\xEF\xBC\x88\xE5\xB9\xB4\xE5\xBA\xA6\xE5\x86\x85\xE3\x81\xAE\xE6\x9C\x88"
                                        "\xEF\xBC\x89"});  // （年度内の月）
                break;
            case ColumnKind::kCategory:
                for (const auto& level : c.levels) out.push_back({c.name + "=" + level, c.name + " = " + level});
                out.push_back({c.name + "=#other", c.name + " = \xE3\x81\x9D\xE3\x81\xAE\xE4\xBB\x96"});  // その他
                break;
        }
    }
    return out;
}

std::vector<std::size_t> TabularEncoding::SourceOfFeatures() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::size_t n = columns[i].kind == ColumnKind::kNumber ? 1
                              : columns[i].kind == ColumnKind::kDate ? 3
                                                                     : columns[i].levels.size() + 1;
        out.insert(out.end(), n, i);
    }
    return out;
}

std::string TabularEncoding::Encode() const {
    std::string out;
    for (const auto& c : columns) {
        out += std::string(ColumnKindName(c.kind)) + "\t" + Escape(c.name);
        for (const auto& l : c.levels) out += "\t" + Escape(l);
        out += "\n";
    }
    return out;
}

Result<TabularEncoding> TabularEncoding::Decode(std::string_view text) {
    TabularEncoding enc;
    std::size_t line_no = 0;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        ++line_no;
        const auto parts = SplitTabs(line);
        const auto bad = [&] {
            return InvalidArgument("encoding line " + std::to_string(line_no) + " is malformed",
                                   {{"encoding line " + std::to_string(line_no), "malformed"}});
        };
        if (parts.size() < 2) return bad();
        ColumnEncoding c;
        if (parts[0] == "number") {
            c.kind = ColumnKind::kNumber;
        } else if (parts[0] == "date") {
            c.kind = ColumnKind::kDate;
        } else if (parts[0] == "category") {
            c.kind = ColumnKind::kCategory;
        } else {
            return bad();
        }
        auto name = Unescape(parts[1]);
        if (!name || name->empty()) return bad();
        c.name = std::move(*name);
        if (c.kind != ColumnKind::kCategory && parts.size() != 2) return bad();
        for (std::size_t i = 2; i < parts.size(); ++i) {
            auto level = Unescape(parts[i]);
            if (!level) return bad();
            c.levels.push_back(std::move(*level));
        }
        enc.columns.push_back(std::move(c));
    }
    if (enc.columns.empty()) return InvalidArgument("the encoding has no columns", {{"encoding", "empty"}});
    return enc;
}

Result<TabularEncoding> FitEncoding(const TextTable& table, const std::vector<std::size_t>& use, int max_levels,
                                    std::vector<std::string>* notes) {
    TabularEncoding enc;
    const int levels_cap = std::max(1, max_levels);
    for (const std::size_t col : use) {
        if (col >= table.header.size()) return InvalidArgument("column index out of range");
        const std::string& name = table.header[col];
        std::size_t nonempty = 0;
        bool all_number = true;
        bool all_date = true;
        std::unordered_map<std::string, std::size_t> counts;
        for (const auto& row : table.rows) {
            const std::string v = col < row.size() ? Trim(row[col]) : std::string();
            if (v.empty()) continue;
            ++nonempty;
            if (all_number && !ParseNumber(v)) all_number = false;
            if (all_date && !ParseDate(v)) all_date = false;
            ++counts[v];
        }
        const bool has_blanks = nonempty < table.rows.size();
        if (nonempty == 0) {
            notes->push_back("column '" + name + "' dropped: it is empty");
            continue;
        }
        if (counts.size() == 1 && !has_blanks) {
            notes->push_back("column '" + name + "' dropped: every row has the same value");
            continue;
        }
        const bool all_unique = counts.size() == nonempty && nonempty >= 2;
        if (all_unique && !all_date && (!all_number || IsIdName(name))) {
            notes->push_back("column '" + name + "' dropped: every value is different (an id?)");
            continue;
        }
        ColumnEncoding c;
        c.name = name;
        if (all_number) {
            c.kind = ColumnKind::kNumber;
        } else if (all_date) {
            c.kind = ColumnKind::kDate;
        } else {
            c.kind = ColumnKind::kCategory;
            std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
            std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
            // A level seen once cannot be learnt from; it joins "other".
            for (const auto& [level, n] : sorted) {
                if (static_cast<int>(c.levels.size()) >= levels_cap || n < 2) break;
                c.levels.push_back(level);
            }
            if (c.levels.size() < sorted.size())
                notes->push_back("column '" + name + "': " + std::to_string(sorted.size()) + " values, the " +
                                 std::to_string(c.levels.size()) + " most frequent kept, the rest as 'other'");
            std::sort(c.levels.begin(), c.levels.end());
        }
        enc.columns.push_back(std::move(c));
    }
    if (enc.columns.empty())
        return InvalidArgument("no usable feature column: every column was excluded or dropped",
                               {{"columns", "none usable"}});
    return enc;
}

Result<EncodedTable> ApplyEncoding(const TabularEncoding& encoding, const TextTable& table) {
    EncodedTable out;
    std::unordered_map<std::string, std::size_t> by_name;
    for (std::size_t i = 0; i < table.header.size(); ++i) by_name.emplace(Trim(table.header[i]), i);
    std::vector<std::string> missing;
    for (const auto& c : encoding.columns) {
        auto it = by_name.find(Trim(c.name));
        if (it == by_name.end()) {
            missing.push_back(c.name);
            out.column_index.push_back(0);
        } else {
            out.column_index.push_back(it->second);
        }
    }
    if (!missing.empty()) {
        std::string names;
        for (const auto& m : missing) names += (names.empty() ? "'" : ", '") + m + "'";
        return InvalidArgument("the input lacks the model's column(s) " + names, {{"columns", "missing " + names}});
    }
    std::size_t cols = 0;
    for (const auto& c : encoding.columns)
        cols += c.kind == ColumnKind::kNumber ? 1 : c.kind == ColumnKind::kDate ? 3 : c.levels.size() + 1;
    out.x = FeatureMatrix(table.rows.size(), cols);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        std::size_t f = 0;
        for (std::size_t ci = 0; ci < encoding.columns.size(); ++ci) {
            const auto& c = encoding.columns[ci];
            const std::size_t src = out.column_index[ci];
            const std::string v = src < row.size() ? Trim(row[src]) : std::string();
            switch (c.kind) {
                case ColumnKind::kNumber: {
                    if (v.empty()) {
                        ++out.missing_cells;
                    } else if (auto n = ParseNumber(v)) {
                        out.x.at(r, f) = static_cast<float>(*n);
                    } else {
                        ++out.unparseable[c.name];
                    }
                    f += 1;
                    break;
                }
                case ColumnKind::kDate: {
                    if (v.empty()) {
                        ++out.missing_cells;
                    } else if (auto d = ParseDate(v)) {
                        const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{*d}}};
                        const int m = static_cast<int>(static_cast<unsigned>(ymd.month()));
                        out.x.at(r, f) = static_cast<float>(*d);
                        out.x.at(r, f + 1) = static_cast<float>(m);
                        out.x.at(r, f + 2) = static_cast<float>((m + 8) % 12 + 1);
                    } else {
                        ++out.unparseable[c.name];
                    }
                    f += 3;
                    break;
                }
                case ColumnKind::kCategory: {
                    const std::size_t n = c.levels.size() + 1;
                    if (v.empty()) {
                        ++out.missing_cells;
                    } else {
                        const auto it = std::lower_bound(c.levels.begin(), c.levels.end(), v);
                        const std::size_t hit = it != c.levels.end() && *it == v
                                                    ? static_cast<std::size_t>(it - c.levels.begin())
                                                    : c.levels.size();
                        for (std::size_t k = 0; k < n; ++k) out.x.at(r, f + k) = k == hit ? 1.0f : 0.0f;
                    }
                    f += n;
                    break;
                }
            }
        }
    }
    return out;
}

}  // namespace kyoso::domain::ml
