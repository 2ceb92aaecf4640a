#include "kyoso/sql/keyset.hpp"

#include <algorithm>

namespace kyoso::sql {

int BindList::BindAll(Statement& s, int first) const {
    int i = first;
    for (const auto& v : values_) {
        if (std::holds_alternative<long long>(v)) {
            s.Bind(i++, std::get<long long>(v));
        } else {
            s.Bind(i++, std::get<std::string>(v));
        }
    }
    return i;
}

std::string KeysetWhere(const ports::SortSpec& sort, const std::string& column, BindList& binds) {
    if (!sort.after_id) return "";
    const char* cmp = sort.descending ? "<" : ">";
    if (column == "id" || !sort.after_value) {
        binds.Add(*sort.after_id);
        return std::string(" AND id ") + cmp + " ?";
    }
    binds.Add(*sort.after_value);
    binds.Add(*sort.after_value);
    binds.Add(*sort.after_id);
    return " AND (" + column + " " + cmp + " ? OR (" + column + " = ? AND id " + cmp + " ?))";
}

std::string KeysetOrder(const ports::SortSpec& sort, const std::string& column) {
    const char* dir = sort.descending ? " DESC" : "";
    if (column == "id") return std::string(" ORDER BY id") + dir;
    return " ORDER BY " + column + dir + ", id" + dir;
}

std::string JoinList(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += ',';
        out += parts[i];
    }
    return out;
}

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    size_t start = 0;
    while (true) {
        const size_t pos = text.find(',', start);
        out.push_back(text.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
        if (pos == std::string::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string VisibilityWhere(const ports::Visibility& visible, const std::string& owner_column,
                            const std::string& government_column, const std::string& member_sql, BindList& binds) {
    if (visible.all) return "";
    std::vector<std::string> any;
    if (!visible.owner_ids.empty()) {
        std::string in;
        for (long long id : visible.owner_ids) {
            in += in.empty() ? "?" : ",?";
            binds.Add(id);
        }
        any.push_back(owner_column + " IN (" + in + ")");
    }
    if (visible.member_user_id > 0 && !member_sql.empty()) {
        any.push_back(member_sql);
        binds.Add(visible.member_user_id);
    }
    if (!visible.prefectures.empty()) {
        // Runs of consecutive prefectures ("01".."07", a region) become one range over
        // the code: cheaper per row than substr + IN, and usable by an index.
        std::vector<int> numbers;
        for (const auto& p : visible.prefectures) {
            if (p.size() == 2 && p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9') {
                numbers.push_back((p[0] - '0') * 10 + (p[1] - '0'));
            }
        }
        std::sort(numbers.begin(), numbers.end());
        numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
        auto two = [](int n) {
            return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
        };
        for (size_t i = 0; i < numbers.size();) {
            size_t j = i;
            while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
            any.push_back("(" + government_column + " >= ? AND " + government_column + " < ?)");
            binds.Add(two(numbers[i]));
            binds.Add(two(numbers[j] + 1));  // "48" after "47": codes start with 01-47
            i = j + 1;
        }
    }
    if (any.empty()) return " AND 0";  // restricted to nothing
    std::string out = " AND (";
    for (size_t i = 0; i < any.size(); ++i) out += (i ? " OR " : "") + any[i];
    return out + ")";
}

}  // namespace kyoso::sql
