#include <algorithm>
#include <string>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

class SqlNbaRepository final : public ports::NbaRepository {
public:
    explicit SqlNbaRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<ports::NbaGovernmentRow>> Governments() override {
        return Read<ports::NbaGovernmentRow>(
            "SELECT code, name, kind, prefecture_code, population, fiscal_strength_index, similar_group"
            " FROM governments WHERE no_government = 0 ORDER BY code",
            [](Statement& r) {
                return ports::NbaGovernmentRow{r.Text(0),   r.Text(1),    r.Text(2), r.Text(3),
                                               r.OptInt(4), r.OptReal(5), r.Text(6)};
            });
    }

    Result<std::vector<ports::NbaDealRow>> Deals() override {
        return Read<ports::NbaDealRow>(
            "SELECT d.id, d.government_code, d.product_id, p.name, d.owner_id, d.champion_id, d.title, d.amount,"
            " d.award_amount, d.fiscal_year, d.stage, d.budget_status, d.created_on, COALESCE(d.closed_on, '')"
            " FROM deals d JOIN products p ON p.id = d.product_id ORDER BY d.id",
            [](Statement& r) {
                ports::NbaDealRow d;
                d.id = r.Int(0);
                d.government_code = r.Text(1);
                d.product_id = r.Int(2);
                d.product_name = r.Text(3);
                d.owner_id = r.Int(4);
                d.champion_id = r.OptInt(5);
                d.title = r.Text(6);
                d.amount = r.Int(7);
                d.award_amount = r.OptInt(8);
                d.fiscal_year = static_cast<int>(r.Int(9));
                d.stage = r.Text(10);
                d.budget_status = r.Text(11);
                d.created_on = r.Text(12);
                d.closed_on = r.Text(13);
                return d;
            });
    }

    Result<std::vector<std::pair<long long, long long>>> DealTeam() override {
        return Read<std::pair<long long, long long>>(
            "SELECT deal_id, user_id FROM deal_team_members ORDER BY deal_id, user_id",
            [](Statement& r) { return std::make_pair(r.Int(0), r.Int(1)); });
    }

    Result<std::vector<std::pair<long long, std::string>>> LastActivityByDeal() override {
        return Read<std::pair<long long, std::string>>(
            "SELECT deal_id, MAX(occurred_on) FROM activities WHERE deal_id IS NOT NULL GROUP BY deal_id",
            [](Statement& r) { return std::make_pair(r.Int(0), r.Text(1)); });
    }

    Result<std::vector<std::pair<std::string, std::string>>> LastActivityByGovernment() override {
        return Read<std::pair<std::string, std::string>>(
            "SELECT government_code, MAX(occurred_on) FROM activities GROUP BY government_code",
            [](Statement& r) { return std::make_pair(r.Text(0), r.Text(1)); });
    }

    Result<std::vector<std::pair<long long, std::string>>> LastActivityByOfficial() override {
        return Read<std::pair<long long, std::string>>(
            "SELECT official_id, MAX(occurred_on) FROM activities WHERE official_id IS NOT NULL GROUP BY official_id",
            [](Statement& r) { return std::make_pair(r.Int(0), r.Text(1)); });
    }

    Result<std::vector<ports::NbaOfficialRow>> Officials(const std::vector<long long>& ids) override {
        std::vector<ports::NbaOfficialRow> out;
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        for (size_t start = 0; start < ids.size(); start += 200) {
            const size_t end = std::min(ids.size(), start + 200);
            std::string in;
            for (size_t i = start; i < end; ++i) in += in.empty() ? "?" : ",?";
            Statement q(lease.db(),
                        "SELECT id, government_code, name, department, title, COALESCE(posted_from, '')"
                        " FROM officials WHERE id IN (" +
                            in + ") ORDER BY id");
            int bind = 1;
            for (size_t i = start; i < end; ++i) q.Bind(bind++, ids[i]);
            auto rows = CollectRows<ports::NbaOfficialRow>(q, [](Statement& r) {
                return ports::NbaOfficialRow{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
            });
            if (!rows.ok()) return rows.status();
            out.insert(out.end(), rows->begin(), rows->end());
        }
        return out;
    }

    Result<std::vector<std::tuple<long long, long long, std::string>>> Successions() override {
        return Read<std::tuple<long long, long long, std::string>>(
            "SELECT predecessor_id, successor_id, effective_on FROM official_successions"
            " ORDER BY predecessor_id, effective_on, successor_id",
            [](Statement& r) { return std::make_tuple(r.Int(0), r.Int(1), r.Text(2)); });
    }

    Result<std::vector<ports::NbaHandoffRow>> PendingHandoffs() override {
        return Read<ports::NbaHandoffRow>(
            "SELECT h.id, h.kind, COALESCE(h.deal_id, 0), COALESCE(h.lead_id, 0),"
            " COALESCE(d.government_code, l.government_code, ''), h.from_user_id, h.to_user_id, h.due_on"
            " FROM handoffs h LEFT JOIN deals d ON d.id = h.deal_id LEFT JOIN leads l ON l.id = h.lead_id"
            " WHERE h.status = 'pending' ORDER BY h.id",
            [](Statement& r) {
                return ports::NbaHandoffRow{r.Int(0),  r.Text(1), r.Int(2), r.Int(3),
                                            r.Text(4), r.Int(5),  r.Int(6), r.Text(7)};
            });
    }

    Result<std::vector<ports::NbaTaskRow>> OpenTasksDueBefore(const std::string& day) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, user_id, title, due_on, government_code FROM tasks"
                    " WHERE status = 'open' AND due_on < ? ORDER BY due_on, id");
        q.Bind(1, day);
        return CollectRows<ports::NbaTaskRow>(q, [](Statement& r) {
            return ports::NbaTaskRow{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4)};
        });
    }

    Result<std::vector<ports::NbaLeadRow>> OpenLeads() override {
        return Read<ports::NbaLeadRow>(
            "SELECT id, government_code, COALESCE(owner_id, 0) FROM leads"
            " WHERE status IN ('new', 'working', 'qualified') ORDER BY id",
            [](Statement& r) {
                return ports::NbaLeadRow{r.Int(0), r.Text(1), r.Int(2)};
            });
    }

    Result<long long> InsertFeedback(const ports::NbaFeedbackRecord& f) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO nba_feedback(user_id, action_key, decision, reason, decided_on, created_at)"
                          " VALUES (?,?,?,?,?,?)");
            ins.Bind(1, f.user_id).Bind(2, f.action_key).Bind(3, f.decision).Bind(4, f.reason);
            KYOSO_RETURN_IF_ERROR(ins.Bind(5, f.decided_on).Bind(6, f.created_at).Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<std::vector<ports::NbaFeedbackRecord>> FeedbackOfUser(long long user_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, user_id, action_key, decision, reason, created_at, decided_on FROM nba_feedback"
                    " WHERE user_id = ? ORDER BY id DESC");
        q.Bind(1, user_id);
        return CollectRows<ports::NbaFeedbackRecord>(q, [](Statement& r) {
            return ports::NbaFeedbackRecord{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)};
        });
    }

private:
    template <typename T, typename F>
    Result<std::vector<T>> Read(const std::string& sql, F row) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), sql);
        return CollectRows<T>(q, row);
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::NbaRepository> MakeNbaRepository(SqlStore* store) {
    return std::make_unique<SqlNbaRepository>(store);
}

}  // namespace kyoso::sql
