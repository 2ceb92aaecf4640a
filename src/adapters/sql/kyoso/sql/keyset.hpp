#pragma once

#include <string>
#include <variant>
#include <vector>

#include "kyoso/core/status.hpp"
#include "kyoso/ports/list_query.hpp"
#include "kyoso/sql/connection.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

// Values bound in order to a statement built from fixed SQL fragments.
class BindList {
public:
    void Add(long long v) { values_.emplace_back(v); }
    void Add(std::string v) { values_.emplace_back(std::move(v)); }
    // Binds every value from parameter `first`; returns the next free index.
    int BindAll(Statement& s, int first = 1) const;
    // Appends every value, in order, to `out`.
    void AppendTo(std::vector<std::variant<long long, std::string>>& out) const {
        out.insert(out.end(), values_.begin(), values_.end());
    }

private:
    std::vector<std::variant<long long, std::string>> values_;
};

// " AND (col > ? OR (col = ? AND id > ?))" (or the descending form) for the rows
// after sort.after_*; binds its values. "" without a cursor. `column` is fixed SQL.
std::string KeysetWhere(const ports::SortSpec& sort, const std::string& column, BindList& binds);
// " ORDER BY col [DESC], id [DESC]".
std::string KeysetOrder(const ports::SortSpec& sort, const std::string& column);
// " AND (owner IN (...) OR <member> OR government in a prefecture's code range ...)" for a
// restricted visibility, "" for all; binds its values. `member_sql` is a fixed SQL
// condition with one parameter (the member user id), or "" when the kind has no team.
std::string VisibilityWhere(const ports::Visibility& visible, const std::string& owner_column,
                            const std::string& government_column, const std::string& member_sql, BindList& binds);
// Reads one keyset page of a simple list: counts every row of `table` + `where` (a
// " WHERE ..." bound by `filters`) into *total, then selects `columns` of the rows after
// the sort's cursor, in its order, limit + 1 of them to learn whether more follow.
// `row` turns a result row into an item. `table`, `columns`, `where` are fixed SQL.
template <typename Item, typename RowFn>
Status ReadKeysetPage(Connection* db, const std::string& table, const char* columns, const std::string& where,
                      const BindList& filters, const ports::SortSpec& sort, const std::string& column, int limit,
                      RowFn row, std::vector<Item>* items, long long* total, bool* has_more) {
    {
        Statement count(db, "SELECT COUNT(*) FROM " + table + where);
        filters.BindAll(count);
        Status st;
        if (!count.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
        *total = count.Int(0);
    }
    BindList after;
    Statement q(db, std::string("SELECT ") + columns + " FROM " + table + where + KeysetWhere(sort, column, after) +
                        KeysetOrder(sort, column) + " LIMIT ?");
    int next = after.BindAll(q, filters.BindAll(q));
    q.Bind(next, static_cast<long long>(limit) + 1);
    Status st;
    while (q.Step(&st)) items->push_back(row(q));
    if (!st.ok()) return st;
    if (items->size() > static_cast<size_t>(limit)) {
        items->resize(static_cast<size_t>(limit));
        *has_more = true;
    }
    return Status::Ok();
}

// ',' -joined list (list-valued text columns) and its inverse ("" → empty list).
std::string JoinList(const std::vector<std::string>& parts);
std::vector<std::string> SplitList(const std::string& text);

}  // namespace kyoso::sql
