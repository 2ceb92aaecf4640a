#include <array>
#include <map>
#include <optional>
#include <unordered_map>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

// Open stages, listed so the stage indexes serve the condition.
constexpr const char* kOpenStages =
    "('discovery', 'qualified', 'budget_proposal', 'requested', 'budgeted', 'tender_prep', 'bidding')";

// " AND ..." for the owner and product filters and the caller's sharing of deals,
// over the deals table as `d` ("" for no alias: "d." dropped). Every value is bound.
std::string DealFilter(const ports::DashboardFilter& f, const std::string& alias, BindList& args) {
    const std::string p = alias.empty() ? "" : alias + ".";
    std::string where;
    if (f.owner_id) {
        where += " AND " + p + "owner_id = ?";
        args.Add(*f.owner_id);
    }
    if (f.product_id) {
        where += " AND " + p + "product_id = ?";
        args.Add(*f.product_id);
    }
    return where + VisibilityWhere(f.deal_visible, p + "owner_id", p + "government_code",
                                   p + "id IN (SELECT deal_id FROM deal_team_members WHERE user_id = ?)", args);
}

// The condition of a restricted visibility without its leading " AND " ("1" for all).
std::string Condition(const ports::Visibility& visible, const std::string& owner_column,
                      const std::string& government_column, const std::string& member_sql, BindList& args) {
    const std::string where = VisibilityWhere(visible, owner_column, government_column, member_sql, args);
    return where.empty() ? "1" : where.substr(5);
}

// " AND ..." for activities: owner (who logged them), product (of their deal) and
// the caller's sharing (the activity's deal, or the activity itself).
std::string ActivityFilter(const ports::DashboardFilter& f, Dialect dialect, BindList& args) {
    std::string where;
    if (f.owner_id) {
        where += " AND user_id = ?";
        args.Add(*f.owner_id);
    }
    if (f.product_id) {
        where += " AND deal_id IN (SELECT id FROM deals WHERE product_id = ?)";
        args.Add(*f.product_id);
    }
    if (!f.deal_visible.all && !f.activity_visible.all) {
        // "+": one covering scan of the date range (activities_occurred), not
        // the multi-index OR that reads each matching row of the author index (4x slower).
        const std::string hint = NoIndexHint(dialect);
        const std::string own = Condition(f.activity_visible, hint + "user_id", hint + "government_code", "", args);
        const std::string of_deal = Condition(f.deal_visible, "owner_id", "government_code",
                                              "id IN (SELECT deal_id FROM deal_team_members WHERE user_id = ?)", args);
        where += " AND (" + own + " OR deal_id IN (SELECT id FROM deals WHERE " + of_deal + "))";
    }
    return where;
}

class SqlDashboardRepository final : public ports::DashboardRepository {
public:
    explicit SqlDashboardRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<ports::StageTotal>> StagesReached(int fiscal_year, const ports::DashboardFilter& f) override {
        // The year's deals with their current stage, then the two ends of each of their
        // moves: a deal reached a stage when either names it. Combined here rather than
        // with SQL UNIONs, which sort every (deal, stage) pair (measured 4x slower).
        constexpr size_t kStages = static_cast<size_t>(domain::Stage::kDeferred) + 1;
        struct Reach {
            long long amount = 0;
            std::array<bool, kStages> at{};
        };
        std::unordered_map<long long, Reach> deals;
        auto stage_index = [](const Statement& q, int column) -> std::optional<size_t> {
            auto stage = domain::StageFromSlug(q.Text(column));
            if (!stage) return std::nullopt;
            return static_cast<size_t>(*stage);
        };
        BindList args;
        args.Add(static_cast<long long>(fiscal_year));
        const std::string of_year = " FROM deals WHERE fiscal_year = ?" + DealFilter(f, "", args);
        KYOSO_RETURN_IF_ERROR(Query("SELECT id, amount, stage" + of_year, args, [&](const Statement& q) -> Status {
            Reach& r = deals[q.Int(0)];
            r.amount = q.Int(1);
            if (auto i = stage_index(q, 2)) r.at[*i] = true;
            return Status::Ok();
        }));
        KYOSO_RETURN_IF_ERROR(
            Query("SELECT deal_id, from_stage, to_stage FROM deal_stage_history"
                  " WHERE deal_id IN (SELECT id" +
                      of_year + ")",
                  args, [&](const Statement& q) -> Status {
                      auto it = deals.find(q.Int(0));
                      if (it == deals.end()) return Status::Ok();
                      if (auto i = stage_index(q, 1)) it->second.at[*i] = true;
                      if (auto i = stage_index(q, 2)) it->second.at[*i] = true;
                      return Status::Ok();
                  }));
        std::vector<ports::StageTotal> out;
        for (size_t i = 0; i < kStages; ++i) out.push_back({static_cast<domain::Stage>(i), 0, 0});
        for (const auto& [id, r] : deals) {
            for (size_t i = 0; i < kStages; ++i) {
                if (!r.at[i]) continue;
                ++out[i].count;
                out[i].amount += r.amount;
            }
        }
        return out;
    }

    Result<std::vector<ports::YearStageTotal>> TotalsByYearAndStage(const ports::DashboardFilter& f) override {
        BindList args;
        const std::string sql = "SELECT fiscal_year, stage, COUNT(*), COALESCE(SUM(amount), 0) FROM deals WHERE 1=1" +
                                DealFilter(f, "", args) + " GROUP BY fiscal_year, stage ORDER BY fiscal_year";
        std::vector<ports::YearStageTotal> out;
        KYOSO_RETURN_IF_ERROR(Query(sql, args, [&](const Statement& q) -> Status {
            auto stage = domain::StageFromSlug(q.Text(1));
            if (!stage) return Internal("stored deals have an unknown stage " + q.Text(1));
            out.push_back({static_cast<int>(q.Int(0)), *stage, q.Int(2), q.Int(3)});
            return Status::Ok();
        }));
        return out;
    }

    Result<std::vector<int>> YearsWithOutcomes(const ports::DashboardFilter& f, int limit) override {
        BindList args;
        // "+stage": not through the stage index, whose every won and lost deal would be
        // read; deals_board in fiscal-year order stops after `limit` years.
        std::string sql = "SELECT DISTINCT fiscal_year FROM deals WHERE " +
                          std::string(NoIndexHint(store_->dialect())) + "stage IN ('won', 'lost')" +
                          DealFilter(f, "", args) + " ORDER BY fiscal_year DESC LIMIT ?";
        args.Add(static_cast<long long>(limit));
        std::vector<int> out;
        KYOSO_RETURN_IF_ERROR(Query(sql, args, [&](const Statement& q) -> Status {
            out.push_back(static_cast<int>(q.Int(0)));
            return Status::Ok();
        }));
        return out;
    }

    Result<std::vector<ports::OutcomeCount>> OutcomesByKind(int from_fy, int to_fy,
                                                            const ports::DashboardFilter& f) override {
        BindList args;
        args.Add(static_cast<long long>(from_fy));
        args.Add(static_cast<long long>(to_fy));
        // Per government first (from deals_board alone; "+stage" keeps the planner off the
        // stage index), then per kind: one government lookup per government, not per deal.
        const std::string sql =
            "SELECT g.kind, SUM(x.won), SUM(x.lost) FROM (SELECT government_code, SUM(CASE WHEN stage = 'won' THEN 1 "
            "ELSE 0 END) AS won,"
            " SUM(CASE WHEN stage = 'lost' THEN 1 ELSE 0 END) AS lost FROM deals WHERE fiscal_year BETWEEN ? AND ? "
            "AND " +
            std::string(NoIndexHint(store_->dialect())) + "stage IN ('won', 'lost')" + DealFilter(f, "", args) +
            " GROUP BY government_code) x JOIN governments g ON g.code = x.government_code GROUP BY g.kind"
            " ORDER BY g.kind";
        std::vector<ports::OutcomeCount> out;
        KYOSO_RETURN_IF_ERROR(Query(sql, args, [&](const Statement& q) -> Status {
            ports::OutcomeCount c;
            c.kind = q.Text(0);
            c.won = q.Int(1);
            c.lost = q.Int(2);
            out.push_back(std::move(c));
            return Status::Ok();
        }));
        return out;
    }

    Result<std::vector<ports::OutcomeCount>> OutcomesByProduct(int from_fy, int to_fy,
                                                               const ports::DashboardFilter& f) override {
        BindList args;
        args.Add(static_cast<long long>(from_fy));
        args.Add(static_cast<long long>(to_fy));
        const std::string sql =
            "SELECT d.product_id, COALESCE(p.name, ''), SUM(CASE WHEN d.stage = 'won' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN d.stage = 'lost' THEN 1 ELSE 0 END) FROM deals d"
            " LEFT JOIN products p ON p.id = d.product_id"
            " WHERE d.fiscal_year BETWEEN ? AND ? AND " +
            std::string(NoIndexHint(store_->dialect())) + "d.stage IN ('won', 'lost')" + DealFilter(f, "d", args) +
            " GROUP BY d.product_id, p.name ORDER BY d.product_id";
        std::vector<ports::OutcomeCount> out;
        KYOSO_RETURN_IF_ERROR(Query(sql, args, [&](const Statement& q) -> Status {
            ports::OutcomeCount c;
            c.product_id = q.Int(0);
            c.product_name = q.Text(1);
            c.won = q.Int(2);
            c.lost = q.Int(3);
            out.push_back(std::move(c));
            return Status::Ok();
        }));
        return out;
    }

    Result<std::vector<ports::DayTypeCount>> ActivitiesByDayAndType(Date from, Date to,
                                                                    const ports::DashboardFilter& f) override {
        BindList args;
        args.Add(FormatIsoDate(from));
        args.Add(FormatIsoDate(to));
        // activities_occurred (migration 13) covers every column read here.
        const std::string sql =
            "SELECT occurred_on, type, COUNT(*) FROM activities WHERE occurred_on >= ? AND occurred_on <= ?" +
            ActivityFilter(f, store_->dialect(), args) + " GROUP BY occurred_on, type";
        std::vector<ports::DayTypeCount> out;
        KYOSO_RETURN_IF_ERROR(Query(sql, args, [&](const Statement& q) -> Status {
            auto day = ParseIsoDate(q.Text(0));
            if (!day) return Internal("an activity has a malformed date " + q.Text(0));
            out.push_back({*day, q.Text(1), q.Int(2)});
            return Status::Ok();
        }));
        return out;
    }

    Result<std::vector<ports::PrefectureTotals>> Prefectures(int fiscal_year,
                                                             const ports::DashboardFilter& f) override {
        // The bodies a vendor sells to: not the wards of designated cities, not 北方領土.
        constexpr const char* kBodies = "kind <> 'ward' AND no_government = 0";
        std::map<std::string, ports::PrefectureTotals> by_code;
        {
            BindList none;
            KYOSO_RETURN_IF_ERROR(Query(std::string("SELECT substr(code, 1, 2), COUNT(*),"
                                                    " MAX(CASE WHEN kind = 'prefecture' THEN name END)"
                                                    " FROM governments WHERE ") +
                                            kBodies + " GROUP BY 1",
                                        none, [&](const Statement& q) -> Status {
                                            auto& p = by_code[q.Text(0)];
                                            p.prefecture_code = q.Text(0);
                                            p.governments = q.Int(1);
                                            p.prefecture_name = q.Text(2);
                                            return Status::Ok();
                                        }));
        }
        {
            BindList args;
            const std::string sql =
                "SELECT substr(government_code, 1, 2), COUNT(DISTINCT government_code) FROM deals"
                " WHERE stage = 'won'" +
                DealFilter(f, "", args) + " AND government_code IN (SELECT code FROM governments WHERE " + kBodies +
                ") GROUP BY 1";
            KYOSO_RETURN_IF_ERROR(Query(sql, args, [&](const Statement& q) -> Status {
                if (auto it = by_code.find(q.Text(0)); it != by_code.end()) it->second.adopting = q.Int(1);
                return Status::Ok();
            }));
        }
        {
            BindList args;
            args.Add(static_cast<long long>(fiscal_year));
            const std::string sql = std::string(
                                        "SELECT substr(government_code, 1, 2), COUNT(*),"
                                        " COALESCE(SUM(amount), 0) FROM deals WHERE fiscal_year = ?"
                                        " AND stage IN ") +
                                    kOpenStages + DealFilter(f, "", args) + " GROUP BY 1";
            KYOSO_RETURN_IF_ERROR(Query(sql, args, [&](const Statement& q) -> Status {
                if (auto it = by_code.find(q.Text(0)); it != by_code.end()) {
                    it->second.open_count = q.Int(1);
                    it->second.open_amount = q.Int(2);
                }
                return Status::Ok();
            }));
        }
        std::vector<ports::PrefectureTotals> out;
        for (auto& [code, p] : by_code) out.push_back(std::move(p));
        return out;
    }

private:
    // Runs `sql` with `args` on a reader, calling `row` for each result row.
    Status Query(const std::string& sql, const BindList& args, const std::function<Status(const Statement&)>& row) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), sql);
        args.BindAll(q);
        Status st;
        while (q.Step(&st)) KYOSO_RETURN_IF_ERROR(row(q));
        return st;
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::DashboardRepository> MakeDashboardRepository(SqlStore* store) {
    return std::make_unique<SqlDashboardRepository>(store);
}

}  // namespace kyoso::sql
