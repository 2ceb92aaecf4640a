#include <map>
#include <string>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using domain::Stage;

constexpr const char* kDealColumns =
    "id, government_code, product_id, owner_id, COALESCE(champion_id, 0), title, amount, fiscal_year, stage,"
    " procurement_method, budget_status, created_on, closed_on, lost_reason, competitor, award_amount,"
    " budget_amount, notice_url, COALESCE(carried_from_deal_id, 0), COALESCE(carried_to_deal_id, 0),"
    " needs_follow_up, COALESCE(department_id, 0), COALESCE(external_id, ''), support_phase";

template <typename T>
std::optional<T> NonZero(T v) {
    return v == 0 ? std::nullopt : std::optional<T>(v);
}

std::optional<std::string> NonEmpty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

Result<domain::Deal> RowToDeal(const Statement& q) {
    domain::Deal d;
    d.id = q.Int(0);
    d.government_code = q.Text(1);
    d.product_id = q.Int(2);
    d.owner_id = q.Int(3);
    d.champion_id = q.Int(4);
    d.title = q.Text(5);
    d.amount = q.Int(6);
    d.fiscal_year = static_cast<int>(q.Int(7));
    auto stage = domain::StageFromSlug(q.Text(8));
    if (!stage) return Internal("stored deal " + std::to_string(d.id) + " has unknown stage " + q.Text(8));
    d.stage = *stage;
    d.procurement = domain::ProcurementFromSlug(q.Text(9)).value_or(domain::ProcurementMethod::kOpenTender);
    d.budget_status = domain::BudgetStatusFromSlug(q.Text(10)).value_or(domain::BudgetStatus::kNone);
    d.created_on = ParseIsoDate(q.Text(11)).value_or(Date{});
    if (!q.IsNull(12)) d.closed_on = ParseIsoDate(q.Text(12));
    d.lost_reason = q.Text(13);
    d.competitor = q.Text(14);
    d.award_amount = q.OptInt(15);
    d.budget_amount = q.OptInt(16);
    d.notice_url = q.Text(17);
    d.carried_from_deal_id = q.Int(18);
    d.carried_to_deal_id = q.Int(19);
    d.needs_follow_up = q.Int(20) != 0;
    d.department_id = q.Int(21);
    d.external_id = q.Text(22);
    d.support_phase = q.Text(23);
    return d;
}

// The smallest string above every string starting with `prefix` ("13" -> "14").
std::string NextPrefix(std::string prefix) {
    while (!prefix.empty() && prefix.back() == '\xff') prefix.pop_back();
    if (!prefix.empty()) ++prefix.back();
    return prefix;
}

// " AND stage ..." for an outcome filter; fixed SQL.
std::string StatusWhere(ports::DealStatus status) {
    switch (status) {
        case ports::DealStatus::kOpen:  // listed (not NOT IN) so the stage indexes serve it
            return " AND stage IN ('discovery', 'qualified', 'budget_proposal', 'requested', 'budgeted',"
                   " 'tender_prep', 'bidding')";
        case ports::DealStatus::kWon:
            return " AND stage = 'won'";
        case ports::DealStatus::kLost:
            return " AND stage = 'lost'";
        case ports::DealStatus::kClosed:
            return " AND stage IN ('won', 'lost', 'deferred')";
    }
    return "";
}

// " WHERE ..." for every filter of `query` and the caller's visibility, over the
// deals table (unaliased); fixed SQL fragments, every value bound through `args`.
std::string DealWhere(const ports::DealQuery& query, BindList& args) {
    std::string where = " WHERE 1=1";
    if (query.government_code) {
        where += " AND government_code = ?";
        args.Add(*query.government_code);
    }
    if (query.stage) {
        where += " AND stage = ?";
        args.Add(std::string(domain::StageSlug(*query.stage)));
    }
    if (query.fiscal_year) {
        where += " AND fiscal_year = ?";
        args.Add(static_cast<long long>(*query.fiscal_year));
    }
    if (query.owner_id) {
        where += " AND owner_id = ?";
        args.Add(*query.owner_id);
    }
    if (query.product_id) {
        where += " AND product_id = ?";
        args.Add(*query.product_id);
    }
    if (!query.government_kinds.empty()) {
        std::string in;
        for (const auto& kind : query.government_kinds) {
            in += in.empty() ? "?" : ",?";
            args.Add(kind);
        }
        where += " AND government_code IN (SELECT code FROM governments WHERE kind IN (" + in + "))";
    }
    if (query.prefecture) {
        // A range over the code (not substr) so the government index serves it.
        where += " AND government_code >= ? AND government_code < ?";
        args.Add(*query.prefecture);
        args.Add(NextPrefix(*query.prefecture));
    }
    if (query.status) where += StatusWhere(*query.status);
    return where + VisibilityWhere(query.visible, "owner_id", "government_code",
                                   "id IN (SELECT deal_id FROM deal_team_members WHERE user_id = ?)", args);
}

// The condition of a restricted visibility without its leading " AND " ("1" for all).
std::string VisibilityCondition(const ports::Visibility& visible, const std::string& owner_column,
                                const std::string& government_column, const std::string& member_sql, BindList& args) {
    const std::string where = VisibilityWhere(visible, owner_column, government_column, member_sql, args);
    return where.empty() ? "1" : where.substr(5);
}

// " WHERE ..." for every filter of an activity query and the caller's sharing: an
// activity is visible with its deal, or by its own author and government.
std::string ActivityWhere(const ports::ActivityQuery& query, Dialect dialect, BindList& args) {
    std::string where = " WHERE 1=1";
    if (query.government_code) {
        where += " AND government_code = ?";
        args.Add(*query.government_code);
    }
    if (query.deal_id) {
        where += " AND deal_id = ?";
        args.Add(*query.deal_id);
    }
    if (query.user_id) {
        where += " AND user_id = ?";
        args.Add(*query.user_id);
    }
    if (query.type) {
        where += " AND type = ?";
        args.Add(std::string(domain::ActivityTypeSlug(*query.type)));
    }
    if (query.from) {
        where += " AND occurred_on >= ?";
        args.Add(FormatIsoDate(*query.from));
    }
    if (query.to) {
        where += " AND occurred_on <= ?";
        args.Add(FormatIsoDate(*query.to));
    }
    if (!query.deal_visible.all && !query.activity_visible.all) {
        // Two statements: the binds must be appended in the order the SQL names them.
        // "+": scanning activities_occurred and checking each row beats the
        // planner's multi-index OR, which reads every matching row of the author index.
        const std::string hint = NoIndexHint(dialect);
        const std::string own =
            VisibilityCondition(query.activity_visible, hint + "user_id", hint + "government_code", "", args);
        const std::string of_deal =
            VisibilityCondition(query.deal_visible, "owner_id", "government_code",
                                "id IN (SELECT deal_id FROM deal_team_members WHERE user_id = ?)", args);
        where += " AND (" + own + " OR deal_id IN (SELECT id FROM deals WHERE " + of_deal + "))";
    }
    return where;
}

class SqlDealRepository final : public ports::DealRepository {
public:
    explicit SqlDealRepository(SqlStore* store) : store_(store) {}

    Result<domain::Deal> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kDealColumns + " FROM deals WHERE id = ?");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no deal with id " + std::to_string(id)) : st;
        return RowToDeal(q);
    }

    Result<ports::DealPage> List(const ports::DealQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        BindList args;
        const std::string where = DealWhere(query, args);
        auto bind_all = [&](Statement& s) { return args.BindAll(s); };
        ports::DealPage page;
        if (query.count_total) {
            Statement count(lease.db(), "SELECT COUNT(*) FROM deals" + where);
            bind_all(count);
            Status st;
            if (!count.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
            page.total = count.Int(0);
        }
        static const std::map<std::string, std::string> kSortColumns = {{"id", "id"},
                                                                        {"amount", "amount"},
                                                                        {"fiscal_year", "fiscal_year"},
                                                                        {"created_on", "created_on"},
                                                                        {"title", "title"}};
        auto column = kSortColumns.find(query.sort.field);
        if (column == kSortColumns.end()) return Internal("unsupported deal sort " + query.sort.field);
        ports::SortSpec sort = query.sort;
        if (!sort.after_id && query.after_id) sort.after_id = query.after_id;
        BindList after;
        // The page's ids first, from whatever index covers the filters and the order,
        // then their rows: sorting whole rows of a large match costs a row read each.
        const std::string order = KeysetOrder(sort, column->second);
        std::string sql = std::string("SELECT ") + kDealColumns + " FROM deals WHERE id IN (SELECT id FROM deals" +
                          where + KeysetWhere(sort, column->second, after) + order + " LIMIT ?)" + order;
        Statement q(lease.db(), sql);
        int next = after.BindAll(q, bind_all(q));
        q.Bind(next, static_cast<long long>(query.limit) + 1);
        Status st;
        while (q.Step(&st)) {
            auto d = RowToDeal(q);
            if (!d.ok()) return d.status();
            page.items.push_back({std::move(*d), {}});
        }
        if (!st.ok()) return st;
        if (page.items.size() > static_cast<size_t>(query.limit)) {
            page.items.resize(static_cast<size_t>(query.limit));
            page.has_more = true;
        }
        auto named = FillNames(lease.db(), page.items);
        if (!named.ok()) return named.status();
        return page;
    }

    Result<std::vector<ports::StageTotal>> StageTotals(const ports::DealQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        BindList args;
        Statement q(lease.db(), "SELECT stage, COUNT(*), COALESCE(SUM(amount), 0) FROM deals" + DealWhere(query, args) +
                                    " GROUP BY stage");
        args.BindAll(q);
        std::vector<ports::StageTotal> out;
        Status st;
        while (q.Step(&st)) {
            auto stage = domain::StageFromSlug(q.Text(0));
            if (!stage) return Internal("stored deals have an unknown stage " + q.Text(0));
            out.push_back({*stage, q.Int(1), q.Int(2)});
        }
        if (!st.ok()) return st;
        return out;
    }

    Result<ports::DealNames> Names(long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::vector<ports::NamedDeal> one(1);
        one[0].deal.id = deal_id;
        auto found = FillNames(lease.db(), one);
        if (!found.ok()) return found.status();
        if (*found == 0) return NotFound("no deal with id " + std::to_string(deal_id));
        return one[0].names;
    }

    Status MoveStage(const ports::StageMove& m) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE deals SET stage = ?, closed_on = COALESCE(?, closed_on),"
                         " lost_reason = COALESCE(?, lost_reason), competitor = COALESCE(?, competitor),"
                         " award_amount = COALESCE(?, award_amount), budget_amount = COALESCE(?, budget_amount),"
                         " notice_url = COALESCE(?, notice_url) WHERE id = ? AND stage = ?");
            up.Bind(1, domain::StageSlug(m.to));
            if (m.closed_on) {
                up.Bind(2, FormatIsoDate(*m.closed_on));
            } else {
                up.BindNull(2);
            }
            up.Bind(3, m.lost_reason).Bind(4, m.competitor).Bind(5, m.award_amount).Bind(6, m.budget_amount);
            up.Bind(7, m.notice_url).Bind(8, m.deal_id).Bind(9, domain::StageSlug(m.from));
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) {
                Statement exists(db, "SELECT stage FROM deals WHERE id = ?");
                exists.Bind(1, m.deal_id);
                Status st;
                if (!exists.Step(&st)) return st.ok() ? NotFound("no deal with id " + std::to_string(m.deal_id)) : st;
                return {ErrorCode::kConflict, "deal " + std::to_string(m.deal_id) + " moved to " + exists.Text(0) +
                                                  " meanwhile; reload it and try again"};
            }
            Statement ins(db,
                          "INSERT INTO deal_stage_history(deal_id, from_stage, to_stage, moved_by, moved_on, note)"
                          " VALUES (?,?,?,?,?,?)");
            ins.Bind(1, m.deal_id).Bind(2, domain::StageSlug(m.from)).Bind(3, domain::StageSlug(m.to));
            ins.Bind(4, m.moved_by).Bind(5, FormatIsoDate(m.moved_on)).Bind(6, m.note);
            return ins.Run();
        });
    }

    Result<std::vector<ports::StageHistoryEntry>> History(long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, from_stage, to_stage, moved_by, moved_on, note FROM deal_stage_history"
                    " WHERE deal_id = ? ORDER BY id");
        q.Bind(1, deal_id);
        std::vector<ports::StageHistoryEntry> out;
        Status st;
        while (q.Step(&st)) {
            auto from = domain::StageFromSlug(q.Text(1));
            auto to = domain::StageFromSlug(q.Text(2));
            if (!from || !to) return Internal("stage history of deal " + std::to_string(deal_id) + " is corrupt");
            out.push_back(
                {q.Int(0), deal_id, *from, *to, q.Int(3), ParseIsoDate(q.Text(4)).value_or(Date{}), q.Text(5)});
        }
        if (!st.ok()) return st;
        return out;
    }

    Result<long long> InsertDeal(const domain::Deal& d) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "INSERT INTO deals(government_code, product_id, owner_id, champion_id, title, amount,"
                        " fiscal_year, stage, procurement_method, budget_status, created_on, closed_on, lost_reason,"
                        " competitor, award_amount, budget_amount, notice_url, carried_from_deal_id,"
                        " carried_to_deal_id, needs_follow_up, department_id, external_id)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            s.Bind(1, d.government_code).Bind(2, d.product_id).Bind(3, d.owner_id).Bind(4, NonZero(d.champion_id));
            s.Bind(5, d.title).Bind(6, d.amount).Bind(7, d.fiscal_year).Bind(8, domain::StageSlug(d.stage));
            s.Bind(9, domain::ProcurementSlug(d.procurement)).Bind(10, domain::BudgetStatusSlug(d.budget_status));
            s.Bind(11, FormatIsoDate(d.created_on));
            if (d.closed_on) {
                s.Bind(12, FormatIsoDate(*d.closed_on));
            } else {
                s.BindNull(12);
            }
            s.Bind(13, d.lost_reason).Bind(14, d.competitor).Bind(15, d.award_amount).Bind(16, d.budget_amount);
            s.Bind(17, d.notice_url).Bind(18, NonZero(d.carried_from_deal_id)).Bind(19, NonZero(d.carried_to_deal_id));
            s.Bind(20, d.needs_follow_up ? 1 : 0).Bind(21, NonZero(d.department_id)).Bind(22, NonEmpty(d.external_id));
            KYOSO_RETURN_IF_ERROR(s.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status LinkCarryOver(long long from_id, long long to_id) override {
        return store_->Write([&](Connection* db) -> Status {
            for (long long id : {from_id, to_id}) {
                Statement exists(db, "SELECT 1 FROM deals WHERE id = ?");
                exists.Bind(1, id);
                Status st;
                if (!exists.Step(&st)) return st.ok() ? NotFound("no deal with id " + std::to_string(id)) : st;
            }
            Statement a(db, "UPDATE deals SET carried_to_deal_id = ? WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(a.Bind(1, to_id).Bind(2, from_id).Run());
            if (db->Changes() == 0) return NotFound("no deal with id " + std::to_string(from_id));
            Statement b(db, "UPDATE deals SET carried_from_deal_id = ? WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(b.Bind(1, from_id).Bind(2, to_id).Run());
            if (db->Changes() == 0) return NotFound("no deal with id " + std::to_string(to_id));
            return Status::Ok();
        });
    }

    Result<long long> InsertActivity(const domain::Activity& a) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "INSERT INTO activities(deal_id, government_code, user_id, official_id, type, occurred_on,"
                        " notes, outcome, occurred_at) VALUES (?,?,?,?,?,?,?,?,?)");
            s.Bind(1, NonZero(a.deal_id)).Bind(2, a.government_code).Bind(3, a.user_id);
            s.Bind(4, NonZero(a.official_id)).Bind(5, domain::ActivityTypeSlug(a.type));
            s.Bind(6, FormatIsoDate(a.occurred_on)).Bind(7, a.notes).Bind(8, a.outcome).Bind(9, a.occurred_at);
            KYOSO_RETURN_IF_ERROR(s.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<domain::Activity> GetActivity(long long activity_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, COALESCE(deal_id, 0), government_code, user_id FROM activities WHERE id = ?");
        q.Bind(1, activity_id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no activity with id " + std::to_string(activity_id)) : st;
        domain::Activity a;
        a.id = q.Int(0);
        a.deal_id = q.Int(1);
        a.government_code = q.Text(2);
        a.user_id = q.Int(3);
        return a;
    }

    Result<std::vector<domain::Activity>> ActivitiesOfDeal(long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, government_code, user_id, COALESCE(official_id, 0), type, occurred_on, notes, outcome,"
                    " occurred_at FROM activities WHERE deal_id = ? ORDER BY occurred_on, occurred_at, id");
        q.Bind(1, deal_id);
        std::vector<domain::Activity> out;
        Status st;
        while (q.Step(&st)) {
            domain::Activity a;
            a.id = q.Int(0);
            a.deal_id = deal_id;
            a.government_code = q.Text(1);
            a.user_id = q.Int(2);
            a.official_id = q.Int(3);
            auto type = domain::ActivityTypeFromSlug(q.Text(4));
            if (!type) return Internal("activity " + std::to_string(a.id) + " has unknown type " + q.Text(4));
            a.type = *type;
            a.occurred_on = ParseIsoDate(q.Text(5)).value_or(Date{});
            a.notes = q.Text(6);
            a.outcome = q.Text(7);
            a.occurred_at = q.Text(8);
            out.push_back(std::move(a));
        }
        if (!st.ok()) return st;
        return out;
    }

    Result<ports::ActivityPage> ListActivities(const ports::ActivityQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        BindList args;
        const std::string where = ActivityWhere(query, store_->dialect(), args);
        ports::ActivityPage page;
        {
            // Without filters (but the type) and sharing, the per-type counts the
            // triggers keep (migration 14) answer at once.
            const bool summary = !query.government_code && !query.deal_id && !query.user_id && !query.from &&
                                 !query.to && (query.deal_visible.all || query.activity_visible.all);
            std::string sql = "SELECT COUNT(*) FROM activities" + where;
            if (summary) {  // `args` then holds the type alone, when filtered by it
                sql = std::string("SELECT COALESCE(SUM(n), 0) FROM activity_type_counts") +
                      (query.type ? " WHERE type = ?" : "");
            }
            Statement count(lease.db(), sql);
            args.BindAll(count);
            Status st;
            if (!count.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
            page.total = count.Int(0);
        }
        if (query.sort.field != "id" && query.sort.field != "occurred_on") {
            return Internal("unsupported activity sort " + query.sort.field);
        }
        const std::string& column = query.sort.field;
        const char* dir = query.sort.descending ? " DESC" : "";
        const std::string outer_order =
            column == "id" ? std::string(" ORDER BY a.id") + dir : " ORDER BY a." + column + dir + ", a.id" + dir;
        BindList after;
        // The page's ids from the covering indexes first, then their rows and names.
        Statement q(lease.db(),
                    "SELECT a.id, COALESCE(a.deal_id, 0), a.government_code, a.user_id, COALESCE(a.official_id, 0),"
                    " a.type, a.occurred_on, a.notes, a.outcome, a.occurred_at, COALESCE(g.name, ''),"
                    " COALESCE(u.name, ''), d.title FROM activities a"
                    " LEFT JOIN governments g ON g.code = a.government_code LEFT JOIN users u ON u.id = a.user_id"
                    " LEFT JOIN deals d ON d.id = a.deal_id WHERE a.id IN (SELECT id FROM activities" +
                        where + KeysetWhere(query.sort, column, after) + KeysetOrder(query.sort, column) + " LIMIT ?)" +
                        outer_order);
        int next = after.BindAll(q, args.BindAll(q));
        q.Bind(next, static_cast<long long>(query.limit) + 1);
        Status st;
        while (q.Step(&st)) {
            ports::ActivityListItem item;
            domain::Activity& a = item.activity;
            a.id = q.Int(0);
            a.deal_id = q.Int(1);
            a.government_code = q.Text(2);
            a.user_id = q.Int(3);
            a.official_id = q.Int(4);
            auto type = domain::ActivityTypeFromSlug(q.Text(5));
            if (!type) return Internal("activity " + std::to_string(a.id) + " has unknown type " + q.Text(5));
            a.type = *type;
            a.occurred_on = ParseIsoDate(q.Text(6)).value_or(Date{});
            a.notes = q.Text(7);
            a.outcome = q.Text(8);
            a.occurred_at = q.Text(9);
            item.government_name = q.Text(10);
            item.user_name = q.Text(11);
            if (!q.IsNull(12)) item.deal_title = q.Text(12);
            page.items.push_back(std::move(item));
        }
        if (!st.ok()) return st;
        if (page.items.size() > static_cast<size_t>(query.limit)) {
            page.items.resize(static_cast<size_t>(query.limit));
            page.has_more = true;
        }
        return page;
    }

    Result<std::vector<long long>> DealsInTender(const std::string& government_code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id FROM deals WHERE stage IN ('tender_prep', 'bidding') AND government_code = ?"
                    " ORDER BY id");
        q.Bind(1, government_code);
        std::vector<long long> out;
        Status st;
        while (q.Step(&st)) out.push_back(q.Int(0));
        if (!st.ok()) return st;
        return out;
    }

    Result<bool> UserExists(long long user_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT 1 FROM users WHERE id = ?");
        q.Bind(1, user_id);
        Status st;
        const bool found = q.Step(&st);
        if (!st.ok()) return st;
        return found;
    }

    Result<std::string> OfficialGovernment(long long official_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT government_code FROM officials WHERE id = ?");
        q.Bind(1, official_id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no official with id " + std::to_string(official_id)) : st;
        return q.Text(0);
    }

    Result<std::string> DepartmentGovernment(long long department_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT government_code FROM departments WHERE id = ?");
        q.Bind(1, department_id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no department with id " + std::to_string(department_id)) : st;
        return q.Text(0);
    }

    Status UpdateDeal(const domain::Deal& d) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "UPDATE deals SET government_code = ?, department_id = ?, product_id = ?, owner_id = ?,"
                        " champion_id = ?, title = ?, amount = ?, fiscal_year = ?, procurement_method = ?,"
                        " budget_status = ?, external_id = ? WHERE id = ?");
            s.Bind(1, d.government_code).Bind(2, NonZero(d.department_id)).Bind(3, d.product_id);
            s.Bind(4, d.owner_id).Bind(5, NonZero(d.champion_id)).Bind(6, d.title).Bind(7, d.amount);
            s.Bind(8, d.fiscal_year).Bind(9, domain::ProcurementSlug(d.procurement));
            s.Bind(10, domain::BudgetStatusSlug(d.budget_status)).Bind(11, NonEmpty(d.external_id)).Bind(12, d.id);
            KYOSO_RETURN_IF_ERROR(s.Run());
            if (db->Changes() == 0) return NotFound("no deal with id " + std::to_string(d.id));
            return Status::Ok();
        });
    }

    Result<std::vector<domain::DealLineItem>> LineItems(long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, COALESCE(product_id, 0), description, quantity, unit_price FROM deal_line_items"
                    " WHERE deal_id = ? ORDER BY id");
        q.Bind(1, deal_id);
        std::vector<domain::DealLineItem> out;
        Status st;
        while (q.Step(&st)) out.push_back({q.Int(0), deal_id, q.Int(1), q.Text(2), q.Int(3), q.Int(4)});
        if (!st.ok()) return st;
        return out;
    }

    Status ReplaceLineItems(long long deal_id, const std::vector<domain::DealLineItem>& items) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM deal_line_items WHERE deal_id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, deal_id).Run());
            Statement ins(db,
                          "INSERT INTO deal_line_items(deal_id, product_id, description, quantity, unit_price)"
                          " VALUES (?,?,?,?,?)");
            for (const auto& item : items) {
                ins.Reset();
                ins.Bind(1, deal_id).Bind(2, NonZero(item.product_id)).Bind(3, item.description);
                ins.Bind(4, item.quantity).Bind(5, item.unit_price);
                KYOSO_RETURN_IF_ERROR(ins.Run());
            }
            return Status::Ok();
        });
    }

    Result<std::vector<domain::DealTeamMember>> Team(long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT user_id, role FROM deal_team_members WHERE deal_id = ? ORDER BY role, user_id");
        q.Bind(1, deal_id);
        std::vector<domain::DealTeamMember> out;
        Status st;
        while (q.Step(&st)) {
            auto role = domain::SalesRoleFromSlug(q.Text(1));
            if (!role) return Internal("deal " + std::to_string(deal_id) + " has a team role " + q.Text(1));
            out.push_back({q.Int(0), *role});
        }
        if (!st.ok()) return st;
        return out;
    }

    Status ReplaceTeam(long long deal_id, const std::vector<domain::DealTeamMember>& team) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM deal_team_members WHERE deal_id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, deal_id).Run());
            Statement ins(db, "INSERT INTO deal_team_members(deal_id, user_id, role) VALUES (?,?,?)");
            for (const auto& m : team) {
                ins.Reset();
                KYOSO_RETURN_IF_ERROR(
                    ins.Bind(1, deal_id).Bind(2, m.user_id).Bind(3, domain::SalesRoleSlug(m.role)).Run());
            }
            return Status::Ok();
        });
    }

    Status InsertParticipants(long long activity_id, const ports::ActivityParticipants& p) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db, "INSERT INTO activity_participants(activity_id, user_id, official_id) VALUES (?,?,?)");
            for (long long id : p.user_ids) {
                ins.Reset();
                ins.Bind(1, activity_id).Bind(2, id).BindNull(3);
                KYOSO_RETURN_IF_ERROR(ins.Run());
            }
            for (long long id : p.official_ids) {
                ins.Reset();
                ins.Bind(1, activity_id).BindNull(2).Bind(3, id);
                KYOSO_RETURN_IF_ERROR(ins.Run());
            }
            return Status::Ok();
        });
    }

    Result<std::vector<std::pair<long long, ports::ActivityParticipants>>> ParticipantsOfDeal(
        long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT p.activity_id, p.user_id, p.official_id FROM activity_participants p"
                    " JOIN activities a ON a.id = p.activity_id WHERE a.deal_id = ?"
                    " ORDER BY p.activity_id, p.user_id, p.official_id");
        q.Bind(1, deal_id);
        std::vector<std::pair<long long, ports::ActivityParticipants>> out;
        Status st;
        while (q.Step(&st)) {
            const long long activity_id = q.Int(0);
            if (out.empty() || out.back().first != activity_id) out.push_back({activity_id, {}});
            if (!q.IsNull(1)) out.back().second.user_ids.push_back(q.Int(1));
            if (!q.IsNull(2)) out.back().second.official_ids.push_back(q.Int(2));
        }
        if (!st.ok()) return st;
        return out;
    }

private:
    // Sets the names of every deal in `deals` (by id) in one query and returns how
    // many were found; a deal that no longer exists keeps empty names.
    static Result<size_t> FillNames(Connection* db, std::vector<ports::NamedDeal>& deals) {
        if (deals.empty()) return size_t{0};
        std::string in;
        for (size_t i = 0; i < deals.size(); ++i) in += i ? ",?" : "?";
        Statement q(db,
                    "SELECT d.id, substr(d.government_code, 1, 2), COALESCE(g.name, ''), COALESCE(g.kind, ''),"
                    " COALESCE(p.name, ''), COALESCE(u.name, '') FROM deals d"
                    " LEFT JOIN governments g ON g.code = d.government_code"
                    " LEFT JOIN products p ON p.id = d.product_id LEFT JOIN users u ON u.id = d.owner_id"
                    " WHERE d.id IN (" +
                        in + ")");
        for (size_t i = 0; i < deals.size(); ++i) q.Bind(static_cast<int>(i) + 1, deals[i].deal.id);
        std::map<long long, ports::DealNames> found;
        Status st;
        while (q.Step(&st)) found[q.Int(0)] = {q.Text(2), q.Text(1), q.Text(3), q.Text(4), q.Text(5)};
        if (!st.ok()) return st;
        for (auto& d : deals) {
            if (auto it = found.find(d.deal.id); it != found.end()) d.names = it->second;
        }
        return found.size();
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::DealRepository> MakeDealRepository(SqlStore* store) {
    return std::make_unique<SqlDealRepository>(store);
}

}  // namespace kyoso::sql
