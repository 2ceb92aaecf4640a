// SQLite repositories of the department tree and officials (docs/crm-people.md).
#include <string>
#include <variant>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using Arg = std::variant<long long, std::string>;

int BindAll(Statement& s, const std::vector<Arg>& args) {
    int i = 1;
    for (const auto& a : args) {
        if (std::holds_alternative<long long>(a)) {
            s.Bind(i++, std::get<long long>(a));
        } else {
            s.Bind(i++, std::get<std::string>(a));
        }
    }
    return i;
}

void BindId(Statement& s, int index, long long id) {
    if (id == 0) {
        s.BindNull(index);
    } else {
        s.Bind(index, id);
    }
}

std::string JoinDomains(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& d : v) out += (out.empty() ? "" : ",") + d;
    return out;
}

std::vector<std::string> SplitDomains(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t pos = s.find(',', start);
        if (pos == std::string::npos) pos = s.size();
        if (pos > start) out.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
    return out;
}

constexpr const char* kDepartmentColumns =
    "id, government_code, COALESCE(parent_id, 0), name, level, policy_domains, phone";

domain::Department RowToDepartment(const Statement& q) {
    domain::Department d;
    d.id = q.Int(0);
    d.government_code = q.Text(1);
    d.parent_id = q.Int(2);
    d.name = q.Text(3);
    d.level = domain::DepartmentLevelFromSlug(q.Text(4)).value_or(domain::DepartmentLevel::kDivision);
    d.policy_domains = SplitDomains(q.Text(5));
    d.phone = q.Text(6);
    return d;
}

class SqlDepartmentRepository final : public ports::DepartmentRepository {
public:
    explicit SqlDepartmentRepository(SqlStore* store) : store_(store) {}

    Result<domain::Department> Get(long long id) override {
        auto rows = Query(" WHERE id = ?", {id});
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no department with id " + std::to_string(id));
        return std::move(rows->front());
    }

    Result<std::vector<domain::Department>> ListByGovernment(const std::string& code) override {
        return Query(" WHERE government_code = ? ORDER BY id", {code});
    }

    Result<std::vector<domain::Department>> FindByName(const std::string& code, const std::string& name) override {
        return Query(" WHERE government_code = ? AND name = ? ORDER BY id", {code, name});
    }

    Result<std::optional<domain::Department>> FindChild(const std::string& code, long long parent_id,
                                                        const std::string& name) override {
        auto rows =
            Query(" WHERE government_code = ? AND COALESCE(parent_id, 0) = ? AND name = ?", {code, parent_id, name});
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return std::optional<domain::Department>();
        return std::optional<domain::Department>(std::move(rows->front()));
    }

    Result<long long> Insert(const domain::Department& d) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            const std::string now = UtcNowSql(db->dialect());
            Statement ins(db,
                          "INSERT INTO departments(government_code, parent_id, name, level, policy_domains, phone,"
                          " created_at, updated_at) VALUES (?,?,?,?,?,?, " +
                              now + ", " + now + ")");
            ins.Bind(1, d.government_code);
            BindId(ins, 2, d.parent_id);
            ins.Bind(3, d.name).Bind(4, domain::DepartmentLevelSlug(d.level)).Bind(5, JoinDomains(d.policy_domains));
            ins.Bind(6, d.phone);
            Status run = ins.Run();
            if (!run.ok()) {
                if (run.code() == ErrorCode::kAlreadyExists) {
                    return {ErrorCode::kAlreadyExists, "a department named " + d.name + " already exists there"};
                }
                return run;
            }
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status Update(const domain::Department& d) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         std::string("UPDATE departments SET parent_id = ?, name = ?, level = ?, policy_domains = ?,"
                                     " phone = ?, updated_at = ") +
                             UtcNowSql(db->dialect()) + " WHERE id = ?");
            BindId(up, 1, d.parent_id);
            up.Bind(2, d.name).Bind(3, domain::DepartmentLevelSlug(d.level)).Bind(4, JoinDomains(d.policy_domains));
            up.Bind(5, d.phone).Bind(6, d.id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no department with id " + std::to_string(d.id));
            return Status::Ok();
        });
    }

    Status Delete(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM departments WHERE id = ?");
            del.Bind(1, id);
            KYOSO_RETURN_IF_ERROR(del.Run());
            if (db->Changes() == 0) return NotFound("no department with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Result<ports::DepartmentUsage> Usage(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT (SELECT COUNT(*) FROM departments WHERE parent_id = ?1),"
                    " (SELECT COUNT(*) FROM officials WHERE department_id = ?1)"
                    " + (SELECT COUNT(*) FROM official_postings WHERE department_id = ?1)"
                    " + (SELECT COUNT(*) FROM official_successions WHERE department_id = ?1),"
                    " (SELECT COUNT(*) FROM deals WHERE department_id = ?1),"
                    " (SELECT COUNT(*) FROM leads WHERE department_id = ?1)");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("usage query returned no row") : st;
        return ports::DepartmentUsage{q.Int(0), q.Int(1), q.Int(2), q.Int(3)};
    }

private:
    Result<std::vector<domain::Department>> Query(const std::string& where, const std::vector<Arg>& args) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kDepartmentColumns + " FROM departments" + where);
        BindAll(q, args);
        std::vector<domain::Department> out;
        Status st;
        while (q.Step(&st)) out.push_back(RowToDepartment(q));
        if (!st.ok()) return st;
        return out;
    }

    SqlStore* store_;
};

constexpr const char* kOfficialColumns =
    "id, government_code, department, name, kana, title, decision_role, posted_from, COALESCE(department_id, 0),"
    " email, phone, do_not_contact, active, name_key";

domain::Official RowToOfficial(const Statement& q) {
    domain::Official o;
    o.id = q.Int(0);
    o.government_code = q.Text(1);
    o.department = q.Text(2);
    o.name = q.Text(3);
    o.kana = q.Text(4);
    o.title = q.Text(5);
    o.decision_role = q.Text(6);
    if (!q.IsNull(7)) o.posted_from = ParseIsoDate(q.Text(7));
    o.department_id = q.Int(8);
    o.email = q.Text(9);
    o.phone = q.Text(10);
    o.do_not_contact = q.Int(11) != 0;
    o.active = q.Int(12) != 0;
    o.name_key = q.Text(13);
    return o;
}

constexpr const char* kPostingColumns =
    "id, official_id, government_code, COALESCE(department_id, 0), department_name, title, from_date, to_date";

domain::Posting RowToPosting(const Statement& q) {
    domain::Posting p;
    p.id = q.Int(0);
    p.official_id = q.Int(1);
    p.government_code = q.Text(2);
    p.department_id = q.Int(3);
    p.department_name = q.Text(4);
    p.title = q.Text(5);
    p.from = ParseIsoDate(q.Text(6)).value_or(Date{});
    if (!q.IsNull(7)) p.to = ParseIsoDate(q.Text(7));
    return p;
}

class SqlOfficialRepository final : public ports::OfficialRepository {
public:
    explicit SqlOfficialRepository(SqlStore* store) : store_(store) {}

    Result<domain::Official> Get(long long id) override {
        auto rows = Officials(" WHERE id = ?", {id});
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no official with id " + std::to_string(id));
        return std::move(rows->front());
    }

    Result<ports::OfficialPage> List(const ports::OfficialQuery& query) override {
        std::string where = " WHERE 1=1";
        std::vector<Arg> args;
        if (query.government_code) {
            where += " AND government_code = ?";
            args.emplace_back(*query.government_code);
        }
        if (query.department_id) {
            where += " AND department_id = ?";
            args.emplace_back(*query.department_id);
        }
        if (query.decision_role) {
            where += " AND decision_role = ?";
            args.emplace_back(*query.decision_role);
        }
        if (query.folded_text) {
            where += std::string(" AND ") + PositionFunction(store_->dialect()) + "(name_key, ?) > 0";
            args.emplace_back(*query.folded_text);
        }
        if (query.do_not_contact) {
            where += " AND do_not_contact = ?";
            args.emplace_back(static_cast<long long>(*query.do_not_contact ? 1 : 0));
        }
        ports::OfficialPage page;
        {
            auto lease = store_->Reader();
            if (!lease) return Unavailable("no database connection for reading");
            Statement count(lease.db(), "SELECT COUNT(*) FROM officials" + where);
            BindAll(count, args);
            Status st;
            if (!count.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
            page.total = count.Int(0);
        }
        using S = ports::OfficialSort;
        std::vector<Arg> page_args = args;
        std::string sql = where;
        if (query.after_id) {
            switch (query.sort) {
                case S::kIdAsc:
                    sql += " AND id > ?";
                    break;
                case S::kIdDesc:
                    sql += " AND id < ?";
                    break;
                case S::kNameAsc:
                    sql += " AND (name_key, id) > (?, ?)";
                    break;
                case S::kNameDesc:
                    sql += " AND (name_key, id) < (?, ?)";
                    break;
            }
            if (query.sort == S::kNameAsc || query.sort == S::kNameDesc) {
                page_args.emplace_back(query.after_key.value_or(""));
            }
            page_args.emplace_back(*query.after_id);
        }
        switch (query.sort) {
            case S::kIdAsc:
                sql += " ORDER BY id";
                break;
            case S::kIdDesc:
                sql += " ORDER BY id DESC";
                break;
            case S::kNameAsc:
                sql += " ORDER BY name_key, id";
                break;
            case S::kNameDesc:
                sql += " ORDER BY name_key DESC, id DESC";
                break;
        }
        sql += " LIMIT ?";
        page_args.emplace_back(static_cast<long long>(query.limit) + 1);
        auto rows = Officials(sql, page_args);
        if (!rows.ok()) return rows.status();
        page.items = std::move(*rows);
        if (page.items.size() > static_cast<size_t>(query.limit)) {
            page.items.resize(static_cast<size_t>(query.limit));
            page.has_more = true;
        }
        return page;
    }

    Result<std::vector<domain::Official>> FindByNameKey(const std::string& code, const std::string& key,
                                                        bool prefix) override {
        if (prefix) {
            return Officials(" WHERE government_code = ? AND substr(name_key, 1, length(?)) = ? ORDER BY id",
                             {code, key, key});
        }
        return Officials(" WHERE government_code = ? AND name_key = ? ORDER BY id", {code, key});
    }

    Result<std::vector<domain::Official>> WithoutNameKey(int limit) override {
        return Officials(" WHERE name_key = '' ORDER BY id LIMIT ?", {static_cast<long long>(limit)});
    }

    Status SetNameKey(long long id, const std::string& key) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE officials SET name_key = ? WHERE id = ?");
            up.Bind(1, key).Bind(2, id);
            return up.Run();
        });
    }

    Result<long long> Insert(const domain::Official& o) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO officials(government_code, department, name, kana, title, decision_role,"
                          " posted_from, department_id, email, phone, do_not_contact, active, name_key)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
            BindOfficial(ins, o);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status Update(const domain::Official& o) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE officials SET government_code = ?, department = ?, name = ?, kana = ?, title = ?,"
                         " decision_role = ?, posted_from = ?, department_id = ?, email = ?, phone = ?,"
                         " do_not_contact = ?, active = ?, name_key = ? WHERE id = ?");
            BindOfficial(up, o);
            up.Bind(14, o.id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no official with id " + std::to_string(o.id));
            return Status::Ok();
        });
    }

    Result<std::vector<domain::Posting>> Postings(long long official_id) override {
        return PostingRows(" WHERE official_id = ? ORDER BY from_date DESC, id DESC", {official_id});
    }

    Result<long long> InsertPosting(const domain::Posting& p) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO official_postings(official_id, government_code, department_id, department_name,"
                          " title, from_date, to_date) VALUES (?,?,?,?,?,?,?)");
            ins.Bind(1, p.official_id).Bind(2, p.government_code);
            BindId(ins, 3, p.department_id);
            ins.Bind(4, p.department_name).Bind(5, p.title).Bind(6, FormatIsoDate(p.from));
            if (p.to) {
                ins.Bind(7, FormatIsoDate(*p.to));
            } else {
                ins.BindNull(7);
            }
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status ClosePosting(long long posting_id, Date to) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE official_postings SET to_date = ? WHERE id = ?");
            up.Bind(1, FormatIsoDate(to)).Bind(2, posting_id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no posting with id " + std::to_string(posting_id));
            return Status::Ok();
        });
    }

    Result<std::vector<domain::Posting>> OpenPostingsAt(const std::string& code, long long department_id,
                                                        const std::string& department_name,
                                                        const std::string& title) override {
        if (department_id != 0) {
            return PostingRows(
                " WHERE government_code = ? AND department_id = ? AND title = ? AND to_date IS NULL ORDER BY id",
                {code, department_id, title});
        }
        return PostingRows(
            " WHERE government_code = ? AND department_name = ? AND title = ? AND to_date IS NULL ORDER BY id",
            {code, department_name, title});
    }

    Status InsertSuccession(const domain::Succession& s) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO official_successions(predecessor_id, successor_id, department_id, effective_on)"
                          " VALUES (?,?,?,?)");
            ins.Bind(1, s.predecessor_id).Bind(2, s.successor_id);
            BindId(ins, 3, s.department_id);
            ins.Bind(4, FormatIsoDate(s.effective_on));
            return ins.Run();
        });
    }

    Result<std::vector<domain::Succession>> Predecessors(long long official_id) override {
        return Successions(" WHERE successor_id = ? ORDER BY effective_on, predecessor_id", official_id);
    }

    Result<std::vector<domain::Succession>> Successors(long long official_id) override {
        return Successions(" WHERE predecessor_id = ? ORDER BY effective_on, successor_id", official_id);
    }

    Result<std::vector<ports::ChampionedDeal>> OpenDealsChampionedBy(long long official_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, government_code, COALESCE(department_id, 0), needs_follow_up, stage FROM deals"
                    " WHERE champion_id = ? ORDER BY id");
        q.Bind(1, official_id);
        std::vector<ports::ChampionedDeal> out;
        Status st;
        while (q.Step(&st)) {
            auto stage = domain::StageFromSlug(q.Text(4));
            if (!stage) return Internal("stored deal " + std::to_string(q.Int(0)) + " has unknown stage");
            if (domain::IsClosed(*stage)) continue;
            out.push_back({q.Int(0), q.Text(1), q.Int(2), q.Int(3) != 0});
        }
        if (!st.ok()) return st;
        return out;
    }

    Status FlagDealForFollowUp(long long deal_id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE deals SET needs_follow_up = 1 WHERE id = ?");
            up.Bind(1, deal_id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no deal with id " + std::to_string(deal_id));
            return Status::Ok();
        });
    }

private:
    static void BindOfficial(Statement& s, const domain::Official& o) {
        s.Bind(1, o.government_code).Bind(2, o.department).Bind(3, o.name).Bind(4, o.kana).Bind(5, o.title);
        s.Bind(6, o.decision_role);
        if (o.posted_from) {
            s.Bind(7, FormatIsoDate(*o.posted_from));
        } else {
            s.BindNull(7);
        }
        BindId(s, 8, o.department_id);
        s.Bind(9, o.email).Bind(10, o.phone).Bind(11, o.do_not_contact ? 1 : 0).Bind(12, o.active ? 1 : 0);
        s.Bind(13, o.name_key);
    }

    Result<std::vector<domain::Official>> Officials(const std::string& rest, const std::vector<Arg>& args) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kOfficialColumns + " FROM officials" + rest);
        BindAll(q, args);
        std::vector<domain::Official> out;
        Status st;
        while (q.Step(&st)) out.push_back(RowToOfficial(q));
        if (!st.ok()) return st;
        return out;
    }

    Result<std::vector<domain::Posting>> PostingRows(const std::string& rest, const std::vector<Arg>& args) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kPostingColumns + " FROM official_postings" + rest);
        BindAll(q, args);
        std::vector<domain::Posting> out;
        Status st;
        while (q.Step(&st)) out.push_back(RowToPosting(q));
        if (!st.ok()) return st;
        return out;
    }

    Result<std::vector<domain::Succession>> Successions(const std::string& rest, long long id) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT predecessor_id, successor_id, COALESCE(department_id, 0), effective_on"
                    " FROM official_successions" +
                        rest);
        q.Bind(1, id);
        std::vector<domain::Succession> out;
        Status st;
        while (q.Step(&st)) out.push_back({q.Int(0), q.Int(1), q.Int(2), ParseIsoDate(q.Text(3)).value_or(Date{})});
        if (!st.ok()) return st;
        return out;
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::DepartmentRepository> MakeDepartmentRepository(SqlStore* store) {
    return std::make_unique<SqlDepartmentRepository>(store);
}

std::unique_ptr<ports::OfficialRepository> MakeOfficialRepository(SqlStore* store) {
    return std::make_unique<SqlOfficialRepository>(store);
}

}  // namespace kyoso::sql
