#include "kyoso/sql/diagnosis_repository.hpp"

#include <unordered_map>

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

Date DateOr(const std::string& text) {
    auto d = ParseIsoDate(text);
    return d ? *d : Date{};
}

class SqlDiagnosisRepository final : public ports::DiagnosisRepository {
public:
    explicit SqlDiagnosisRepository(SqlStore* store) : store_(store) {}

    Result<long long> InsertAssessment(const ports::DiagnosisAssessmentRecord& a) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO diagnosis_assessments(assessed_on, created_by, created_at, note)"
                          " VALUES (?, ?, ?, ?)");
            ins.Bind(1, a.assessed_on).Bind(2, a.created_by).Bind(3, a.created_at).Bind(4, a.note);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto last = db->LastInsertId();
            if (!last.ok()) return last.status();
            id = *last;
            for (const auto& answer : a.answers) {
                Statement q(db,
                            "INSERT INTO diagnosis_answers(assessment_id, question_key, level, comment)"
                            " VALUES (?, ?, ?, ?)");
                q.Bind(1, id).Bind(2, answer.question_key).Bind(3, answer.level).Bind(4, answer.comment);
                KYOSO_RETURN_IF_ERROR(q.Run());
            }
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<ports::DiagnosisAssessmentRecord> FindAssessment(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kSelect) + " WHERE a.id = ?");
        q.Bind(1, id);
        auto rows = CollectRows<ports::DiagnosisAssessmentRecord>(q, RowOf);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("assessment " + std::to_string(id) + " not found");
        auto out = std::move(rows->front());
        KYOSO_RETURN_IF_ERROR(LoadAnswers(lease.db(), out));
        return out;
    }

    Result<std::optional<ports::DiagnosisAssessmentRecord>> LatestAssessment() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kSelect) + " ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1");
        auto rows = CollectRows<ports::DiagnosisAssessmentRecord>(q, RowOf);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return std::optional<ports::DiagnosisAssessmentRecord>();
        auto out = std::move(rows->front());
        KYOSO_RETURN_IF_ERROR(LoadAnswers(lease.db(), out));
        return std::optional<ports::DiagnosisAssessmentRecord>(std::move(out));
    }

    Result<std::vector<ports::DiagnosisAssessmentRecord>> ListAssessments(int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kSelect) + " ORDER BY a.assessed_on DESC, a.id DESC LIMIT ?");
        q.Bind(1, static_cast<long long>(limit));
        return CollectRows<ports::DiagnosisAssessmentRecord>(q, RowOf);
    }

    Result<domain::DiagnosisSignalRows> ReadSignalRows(const std::string& from, const std::string& to) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Connection* db = lease.db();
        domain::DiagnosisSignalRows rows;
        rows.from = DateOr(from);
        rows.to = DateOr(to);
        Status st;
        // Creation times of activities logged through the API: their audit entry. A UTC
        // timestamp from the day before `from` can still be `from` in Japan.
        std::unordered_map<std::string, std::string> logged_at;
        {
            Statement q(db,
                        "SELECT entity_id, at FROM audit_log WHERE action = 'activity.log' AND entity = 'activity'"
                        " AND at >= ?");
            q.Bind(1, FormatIsoDate(AddDays(rows.from, -1)));
            while (q.Step(&st)) logged_at.emplace(q.Text(0), q.Text(1));
            if (!st.ok()) return st;
        }
        {
            Statement q(db,
                        "SELECT id, user_id, occurred_on, created_at FROM activities"
                        " WHERE occurred_on >= ? AND occurred_on <= ?");
            q.Bind(1, from).Bind(2, to);
            while (q.Step(&st)) {
                domain::DiagnosisActivityRow a;
                a.user_id = q.Int(1);
                a.occurred_on = DateOr(q.Text(2));
                a.created_at = q.Text(3);
                if (a.created_at.empty()) {
                    if (auto it = logged_at.find(std::to_string(q.Int(0))); it != logged_at.end()) {
                        a.created_at = it->second;
                    }
                }
                rows.activities.push_back(std::move(a));
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(db,
                        "SELECT id, stage, budget_status, amount, fiscal_year, champion_id, department_id,"
                        " award_amount, lost_reason, created_on, closed_on FROM deals"
                        " WHERE created_on <= ? AND (closed_on IS NULL OR closed_on >= ?)");
            q.Bind(1, to).Bind(2, from);
            while (q.Step(&st)) {
                domain::DiagnosisDealRow d;
                d.id = q.Int(0);
                d.stage = q.Text(1);
                d.budget_status = q.Text(2);
                d.amount = q.Int(3);
                d.fiscal_year = static_cast<int>(q.Int(4));
                d.has_champion = !q.IsNull(5) && q.Int(5) != 0;
                d.has_department = !q.IsNull(6) && q.Int(6) != 0;
                d.has_award_amount = !q.IsNull(7);
                d.has_lost_reason = !q.Text(8).empty();
                d.created_on = DateOr(q.Text(9));
                if (!q.IsNull(10)) d.closed_on = DateOr(q.Text(10));
                rows.deals.push_back(std::move(d));
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(db, "SELECT id, status, due_on, responded_on FROM handoffs WHERE due_on >= ? AND due_on <= ?");
            q.Bind(1, from).Bind(2, to);
            while (q.Step(&st)) {
                domain::DiagnosisHandoffRow h;
                h.id = q.Int(0);
                h.status = q.Text(1);
                h.due_on = DateOr(q.Text(2));
                if (!q.IsNull(3) && !q.Text(3).empty()) h.responded_on = DateOr(q.Text(3));
                rows.handoffs.push_back(std::move(h));
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(db, "SELECT id, role FROM users ORDER BY id");
            while (q.Step(&st)) rows.users.push_back({q.Int(0), q.Text(1)});
            if (!st.ok()) return st;
        }
        {
            Statement q(db, "SELECT user_id, decided_on FROM nba_feedback WHERE decided_on >= ? AND decided_on <= ?");
            q.Bind(1, from).Bind(2, to);
            while (q.Step(&st)) rows.score_uses.push_back({q.Int(0), DateOr(q.Text(1))});
            if (!st.ok()) return st;
        }
        return rows;
    }

    Result<std::vector<ActivityRef>> ActivityRefs(const std::string& from, const std::string& to) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT a.id, a.user_id, COALESCE(u.role, ''), a.occurred_on FROM activities a"
                    " LEFT JOIN users u ON u.id = a.user_id WHERE a.occurred_on >= ? AND a.occurred_on <= ?"
                    " ORDER BY a.id");
        q.Bind(1, from).Bind(2, to);
        return CollectRows<ActivityRef>(q, [](const Statement& r) {
            return ActivityRef{r.Int(0), r.Int(1), r.Text(2), r.Text(3)};
        });
    }

    Status SetActivityCreatedAt(const std::vector<std::pair<long long, std::string>>& stamps) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement q(db, "UPDATE activities SET created_at = ? WHERE id = ?");
            for (const auto& [id, at] : stamps) {
                q.Reset();
                q.Bind(1, at).Bind(2, id);
                KYOSO_RETURN_IF_ERROR(q.Run());
            }
            return Status::Ok();
        });
    }

private:
    static constexpr const char* kSelect =
        "SELECT a.id, a.assessed_on, a.created_by, COALESCE(u.name, ''), a.created_at, a.note"
        " FROM diagnosis_assessments a LEFT JOIN users u ON u.id = a.created_by";

    static ports::DiagnosisAssessmentRecord RowOf(const Statement& q) {
        ports::DiagnosisAssessmentRecord r;
        r.id = q.Int(0);
        r.assessed_on = q.Text(1);
        r.created_by = q.Int(2);
        r.created_by_name = q.Text(3);
        r.created_at = q.Text(4);
        r.note = q.Text(5);
        return r;
    }

    static Status LoadAnswers(Connection* db, ports::DiagnosisAssessmentRecord& r) {
        Statement q(db,
                    "SELECT question_key, level, comment FROM diagnosis_answers WHERE assessment_id = ?"
                    " ORDER BY question_key");
        q.Bind(1, r.id);
        Status st;
        while (q.Step(&st)) r.answers.push_back({q.Text(0), static_cast<int>(q.Int(1)), q.Text(2)});
        return st;
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::DiagnosisRepository> MakeDiagnosisRepository(SqlStore* store) {
    return std::make_unique<SqlDiagnosisRepository>(store);
}

}  // namespace kyoso::sql
