#include <string>

#include "kyoso/domain/government/government.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using domain::Government;

constexpr const char* kColumns =
    "code, name, kana, parent_code, prefecture_code, prefecture_name, kind, is_core_city, is_former_special_city,"
    " no_government, population, fiscal_strength_index, secondary_tertiary_share, tertiary_share, population_band,"
    " similar_group";

Result<Government> RowToGovernment(const Statement& q) {
    auto code = domain::GovernmentCode::Parse(q.Text(0));
    if (!code.ok()) return Internal("stored government has a bad code: " + code.status().message());
    auto kind = domain::KindFromSlug(q.Text(6));
    if (!kind) return Internal("stored government " + q.Text(0) + " has unknown kind " + q.Text(6));
    Government g{*code, q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), *kind};
    g.is_core_city = q.Int(7) != 0;
    g.is_former_special_city = q.Int(8) != 0;
    g.has_no_functioning_government = q.Int(9) != 0;
    g.population = q.OptInt(10);
    g.fiscal_strength_index = q.OptReal(11);
    g.secondary_tertiary_share = q.OptReal(12);
    g.tertiary_share = q.OptReal(13);
    g.population_band = q.Text(14);
    g.similar_group = q.Text(15);
    return g;
}

std::string EscapeLike(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string Md(domain::MonthDay md) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u-%02u", md.month, md.day);
    return buf;
}
domain::MonthDay ParseMd(const std::string& s) {
    return {static_cast<unsigned>(std::stoi(s.substr(0, 2))), static_cast<unsigned>(std::stoi(s.substr(3, 2)))};
}

class SqlGovernmentRepository final : public ports::GovernmentRepository {
public:
    explicit SqlGovernmentRepository(SqlStore* store) : store_(store) {}

    Status UpsertMasterData(const std::vector<Government>& governments,
                            const std::vector<std::string>& search_keys) override {
        if (governments.size() != search_keys.size()) return Internal("search keys do not match governments");
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "INSERT INTO governments(code, name, kana, parent_code, prefecture_code, prefecture_name,"
                         " kind, is_core_city, is_former_special_city, no_government, population_band, similar_group,"
                         " search_key) VALUES (?,?,?,?,?,?,?,?,?,?,'','',?)"
                         " ON CONFLICT(code) DO UPDATE SET name=excluded.name, kana=excluded.kana,"
                         " parent_code=excluded.parent_code, prefecture_code=excluded.prefecture_code,"
                         " prefecture_name=excluded.prefecture_name, kind=excluded.kind,"
                         " is_core_city=excluded.is_core_city, is_former_special_city=excluded.is_former_special_city,"
                         " no_government=excluded.no_government, search_key=excluded.search_key");
            for (size_t i = 0; i < governments.size(); ++i) {
                const Government& g = governments[i];
                up.Reset();
                up.Bind(1, g.code.str()).Bind(2, g.name).Bind(3, g.kana);
                if (g.parent_code.empty()) {
                    up.BindNull(4);
                } else {
                    up.Bind(4, g.parent_code);
                }
                up.Bind(5, g.prefecture_code).Bind(6, g.prefecture_name).Bind(7, domain::KindSlug(g.kind));
                up.Bind(8, g.is_core_city ? 1 : 0).Bind(9, g.is_former_special_city ? 1 : 0);
                up.Bind(10, g.has_no_functioning_government ? 1 : 0).Bind(11, search_keys[i]);
                Status st = up.Run();
                if (!st.ok()) return {st.code(), "storing government " + g.code.str() + ": " + st.message()};
            }
            return Status::Ok();
        });
    }

    Result<ports::GovernmentPage> List(const ports::GovernmentQuery& query) override {
        std::string where = " WHERE 1=1";
        std::vector<std::function<void(Statement&, int&)>> binds;
        if (query.prefecture_code) {
            where += " AND prefecture_code = ?";
            binds.push_back([v = *query.prefecture_code](Statement& s, int& i) { s.Bind(i++, v); });
        }
        if (query.kinds.empty()) {
            where += " AND kind <> 'ward'";
        } else {
            where += " AND kind IN (";
            for (size_t k = 0; k < query.kinds.size(); ++k) {
                where += k ? ",?" : "?";
                binds.push_back(
                    [v = std::string(domain::KindSlug(query.kinds[k]))](Statement& s, int& i) { s.Bind(i++, v); });
            }
            where += ")";
        }
        if (!query.include_no_government) where += " AND no_government = 0";
        if (query.normalized_text && !query.normalized_text->empty()) {
            where += " AND search_key LIKE ? ESCAPE '\\'";
            binds.push_back(
                [v = "%" + EscapeLike(*query.normalized_text) + "%"](Statement& s, int& i) { s.Bind(i++, v); });
        }
        if (query.population_min) {
            where += " AND population >= ?";
            binds.push_back([v = *query.population_min](Statement& s, int& i) { s.Bind(i++, v); });
        }
        if (query.population_max) {
            where += " AND population <= ?";
            binds.push_back([v = *query.population_max](Statement& s, int& i) { s.Bind(i++, v); });
        }

        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        ports::GovernmentPage page;
        {
            Statement count(lease.db(), "SELECT COUNT(*) FROM governments" + where);
            int i = 1;
            for (auto& b : binds) b(count, i);
            Status st;
            if (!count.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
            page.total = count.Int(0);
        }

        std::string sort_expr = query.sort == ports::GovernmentSort::kKana         ? "kana"
                                : query.sort == ports::GovernmentSort::kPopulation ? "COALESCE(population, -1)"
                                                                                   : "code";
        const char* cmp = query.descending ? "<" : ">";
        const char* dir = query.descending ? " DESC" : " ASC";
        std::string page_where = where;
        if (query.after_code) {
            if (query.sort == ports::GovernmentSort::kCode) {
                page_where += std::string(" AND code ") + cmp + " ?";
                binds.push_back([v = *query.after_code](Statement& s, int& i) { s.Bind(i++, v); });
            } else {
                page_where +=
                    " AND (" + sort_expr + " " + cmp + " ? OR (" + sort_expr + " = ? AND code " + cmp + " ?))";
                const std::string value = query.after_sort_value.value_or("");
                if (query.sort == ports::GovernmentSort::kPopulation) {
                    const long long n = std::stoll(value);
                    binds.push_back([n](Statement& s, int& i) { s.Bind(i++, n); });
                    binds.push_back([n](Statement& s, int& i) { s.Bind(i++, n); });
                } else {
                    binds.push_back([value](Statement& s, int& i) { s.Bind(i++, value); });
                    binds.push_back([value](Statement& s, int& i) { s.Bind(i++, value); });
                }
                binds.push_back([v = *query.after_code](Statement& s, int& i) { s.Bind(i++, v); });
            }
        }
        std::string order = query.sort == ports::GovernmentSort::kCode
                                ? std::string(" ORDER BY code") + dir
                                : " ORDER BY " + sort_expr + dir + ", code" + dir;
        Statement q(lease.db(),
                    std::string("SELECT ") + kColumns + " FROM governments" + page_where + order + " LIMIT ?");
        int i = 1;
        for (auto& b : binds) b(q, i);
        q.Bind(i, static_cast<long long>(query.limit) + 1);
        Status st;
        while (q.Step(&st)) {
            auto g = RowToGovernment(q);
            if (!g.ok()) return g.status();
            page.items.push_back(std::move(*g));
        }
        if (!st.ok()) return st;
        if (static_cast<int>(page.items.size()) > query.limit) {
            page.items.pop_back();
            page.has_more = true;
        }
        return page;
    }

    Result<Government> Get(const std::string& code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM governments WHERE code = ?");
        q.Bind(1, code);
        Status st;
        if (!q.Step(&st)) {
            if (!st.ok()) return st;
            return NotFound("no government with code " + code);
        }
        return RowToGovernment(q);
    }

    Result<long long> Count() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT COUNT(*) FROM governments");
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
        return q.Int(0);
    }

    Status ApplyStats(const std::vector<ports::GovernmentStatsUpdate>& updates) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE governments SET population = COALESCE(?, population),"
                         " fiscal_strength_index = COALESCE(?, fiscal_strength_index),"
                         " secondary_tertiary_share = COALESCE(?, secondary_tertiary_share),"
                         " tertiary_share = COALESCE(?, tertiary_share), population_band = ?, similar_group = ?"
                         " WHERE code = ?");
            for (const auto& u : updates) {
                up.Reset();
                up.Bind(1, u.population).Bind(2, u.fiscal_strength_index).Bind(3, u.secondary_tertiary_share);
                up.Bind(4, u.tertiary_share).Bind(5, u.population_band).Bind(6, u.similar_group).Bind(7, u.code);
                KYOSO_RETURN_IF_ERROR(up.Run());
                if (db->Changes() != 1) return NotFound("no government with code " + u.code);
            }
            return Status::Ok();
        });
    }

    Result<std::vector<domain::MilestoneOverride>> ListMilestoneOverrides(const std::string& code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT kind, fiscal_year, start_md, end_md FROM milestone_overrides WHERE government_code = ?"
                    " ORDER BY kind, fiscal_year");
        q.Bind(1, code);
        std::vector<domain::MilestoneOverride> out;
        Status st;
        while (q.Step(&st)) {
            auto kind = domain::MilestoneFromSlug(q.Text(0));
            if (!kind) continue;  // written by a newer build; ignore rather than fail
            domain::MilestoneOverride o{*kind, std::nullopt, ParseMd(q.Text(2)), ParseMd(q.Text(3))};
            if (q.Int(1) != 0) o.fiscal_year = static_cast<int>(q.Int(1));
            out.push_back(o);
        }
        if (!st.ok()) return st;
        return out;
    }

    Status PutMilestoneOverride(const std::string& code, const domain::MilestoneOverride& o) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "INSERT INTO milestone_overrides(government_code, kind, fiscal_year, start_md, end_md)"
                         " VALUES (?,?,?,?,?) ON CONFLICT(government_code, kind, fiscal_year)"
                         " DO UPDATE SET start_md = excluded.start_md, end_md = excluded.end_md");
            up.Bind(1, code).Bind(2, domain::MilestoneSlug(o.kind)).Bind(3, o.fiscal_year.value_or(0));
            up.Bind(4, Md(o.start)).Bind(5, Md(o.end));
            Status st = up.Run();
            if (!st.ok() && st.code() == ErrorCode::kInvalidArgument)
                return NotFound("no government with code " + code);
            return st;
        });
    }

    Status DeleteMilestoneOverride(const std::string& code, domain::MilestoneKind kind,
                                   std::optional<int> fiscal_year) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db,
                          "DELETE FROM milestone_overrides WHERE government_code = ? AND kind = ? AND fiscal_year = ?");
            del.Bind(1, code).Bind(2, domain::MilestoneSlug(kind)).Bind(3, fiscal_year.value_or(0));
            KYOSO_RETURN_IF_ERROR(del.Run());
            if (db->Changes() == 0) {
                return NotFound("government " + code + " has no override of " +
                                std::string(domain::MilestoneSlug(kind)) +
                                (fiscal_year ? " for FY" + std::to_string(*fiscal_year) : " for every year"));
            }
            return Status::Ok();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::GovernmentRepository> MakeGovernmentRepository(SqlStore* store) {
    return std::make_unique<SqlGovernmentRepository>(store);
}

}  // namespace kyoso::sql
