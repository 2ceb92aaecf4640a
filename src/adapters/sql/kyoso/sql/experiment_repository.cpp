#include "kyoso/sql/experiment_repository.hpp"

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using domain::Experiment;
using domain::ExperimentArmCounts;

constexpr const char* kColumns =
    "id, name, hypothesis, kind, COALESCE(cadence_id, 0), pilot_team, comparison_team, outcome, start_on,"
    " horizon_on, min_per_arm, COALESCE(stopped_on, ''), stop_reason, created_by, created_at";

Experiment RowToExperiment(const Statement& q) {
    Experiment e;
    e.id = q.Int(0);
    e.name = q.Text(1);
    e.hypothesis = q.Text(2);
    e.kind = domain::ExperimentKindFromSlug(q.Text(3)).value_or(domain::ExperimentKind::kCadenceAb);
    e.cadence_id = q.Int(4);
    e.pilot_team = q.Text(5);
    e.comparison_team = q.Text(6);
    e.outcome = q.Text(7);
    e.start_on = ParseIsoDate(q.Text(8)).value_or(Date{});
    e.horizon_on = ParseIsoDate(q.Text(9)).value_or(Date{});
    e.min_per_arm = q.OptInt(10);
    if (auto stopped = ParseIsoDate(q.Text(11))) e.stopped_on = *stopped;
    e.stop_reason = q.Text(12);
    e.created_by = q.Int(13);
    e.created_at = q.Text(14);
    return e;
}

std::optional<long long> OptId(long long id) { return id > 0 ? std::optional<long long>(id) : std::nullopt; }

// Binds the fields Insert and Update share, from index 1; returns the next index.
int BindDesign(Statement& q, const Experiment& e) {
    q.Bind(1, e.name)
        .Bind(2, e.hypothesis)
        .Bind(3, domain::ExperimentKindSlug(e.kind))
        .Bind(4, OptId(e.cadence_id))
        .Bind(5, e.pilot_team)
        .Bind(6, e.comparison_team)
        .Bind(7, e.outcome)
        .Bind(8, FormatIsoDate(e.start_on))
        .Bind(9, FormatIsoDate(e.horizon_on))
        .Bind(10, e.min_per_arm)
        .Bind(11, e.stopped_on ? std::optional<std::string>(FormatIsoDate(*e.stopped_on)) : std::nullopt)
        .Bind(12, e.stop_reason);
    return 13;
}

// One arm: COUNT(*) and the successes, from a statement that returns one row.
Result<ExperimentArmCounts> CountOne(Statement& q) {
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("experiment count: no row") : st;
    return ExperimentArmCounts{q.Int(0), q.Int(1)};
}

class SqlExperimentRepository final : public ports::ExperimentRepository {
public:
    explicit SqlExperimentRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<Experiment>> List() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM experiments ORDER BY id DESC");
        return CollectRows<Experiment>(q, RowToExperiment);
    }

    Result<Experiment> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM experiments WHERE id = ?");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no experiment with id " + std::to_string(id)) : st;
        return RowToExperiment(q);
    }

    Result<long long> Insert(const Experiment& e) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO experiments(name, hypothesis, kind, cadence_id, pilot_team, comparison_team,"
                          " outcome, start_on, horizon_on, min_per_arm, stopped_on, stop_reason, created_by,"
                          " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            const int next = BindDesign(ins, e);
            ins.Bind(next, e.created_by).Bind(next + 1, e.created_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status Update(const Experiment& e) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE experiments SET name = ?, hypothesis = ?, kind = ?, cadence_id = ?, pilot_team = ?,"
                         " comparison_team = ?, outcome = ?, start_on = ?, horizon_on = ?, min_per_arm = ?,"
                         " stopped_on = ?, stop_reason = ? WHERE id = ?");
            const int next = BindDesign(up, e);
            up.Bind(next, e.id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no experiment with id " + std::to_string(e.id));
            return Status::Ok();
        });
    }

    Result<std::optional<CadenceFacts>> Cadence(long long cadence_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT c.name, (SELECT COUNT(*) FROM cadence_steps s WHERE s.cadence_id = c.id"
                    " AND s.variant_b_kind IS NOT NULL) FROM cadences c WHERE c.id = ?");
        q.Bind(1, cadence_id);
        Status st;
        if (!q.Step(&st)) {
            if (!st.ok()) return st;
            return std::optional<CadenceFacts>();
        }
        return std::optional<CadenceFacts>(CadenceFacts{q.Text(0), q.Int(1) > 0});
    }

    Result<bool> TeamExists(const std::string& name) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT COUNT(*) FROM teams WHERE name = ?");
        q.Bind(1, name);
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("teams: no count row") : st;
        return q.Int(0) > 0;
    }

    Result<std::vector<ExperimentArmCounts>> CountCadenceArms(
        long long cadence_id, Date from, Date through, const std::vector<std::string>& success_outcomes) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        // The placeholders are ours; the outcome slugs are bound as values.
        std::string in;
        for (size_t i = 0; i < success_outcomes.size(); ++i) in += i == 0 ? "?" : ", ?";
        if (in.empty()) in = "''";
        const std::string through_text = FormatIsoDate(through);
        std::vector<ExperimentArmCounts> arms;
        for (const char* variant : {"A", "B"}) {
            Statement q(lease.db(), "SELECT COUNT(*), COUNT(CASE WHEN outcome IN (" + in +
                                        ") AND outcome_on <> '' AND outcome_on <= ? THEN 1 END)"
                                        " FROM cadence_enrolments WHERE cadence_id = ? AND variant = ?"
                                        " AND started_on >= ? AND started_on <= ?");
            int i = 1;
            for (const auto& o : success_outcomes) q.Bind(i++, o);
            q.Bind(i, through_text).Bind(i + 1, cadence_id).Bind(i + 2, variant);
            q.Bind(i + 3, FormatIsoDate(from)).Bind(i + 4, through_text);
            auto arm = CountOne(q);
            if (!arm.ok()) return arm.status();
            arms.push_back(*arm);
        }
        return arms;
    }

    Result<std::vector<ExperimentArmCounts>> CountTeamArms(const std::string& outcome, const std::string& pilot_team,
                                                           const std::string& comparison_team, Date from,
                                                           Date through) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string sql;
        if (outcome == "deal_won") {
            sql =
                "SELECT COUNT(*), COUNT(CASE WHEN d.stage = 'won' AND d.closed_on IS NOT NULL AND d.closed_on <= ?"
                " THEN 1 END) FROM deals d JOIN users u ON u.id = d.owner_id"
                " WHERE d.created_on >= ? AND d.created_on <= ?";
        } else if (outcome == "budget_requested") {
            sql =
                "SELECT COUNT(*), COUNT(CASE WHEN EXISTS (SELECT 1 FROM deal_stage_history h WHERE h.deal_id = d.id"
                " AND h.to_stage IN ('requested', 'budgeted', 'tender_prep', 'bidding', 'won') AND h.moved_on <= ?)"
                " THEN 1 END) FROM deals d JOIN users u ON u.id = d.owner_id"
                " WHERE d.created_on >= ? AND d.created_on <= ?";
        } else if (outcome == "lead_qualified") {
            // The first placeholder is unused (leads keep no status history); bound for symmetry.
            sql =
                "SELECT COUNT(*), COUNT(CASE WHEN l.status IN ('qualified', 'converted') AND ? <> '' THEN 1 END)"
                " FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.created_on >= ? AND l.created_on <= ?";
        } else {
            return InvalidArgument("unknown outcome", {{"outcome", "deal_won, budget_requested or lead_qualified"}});
        }
        const std::string through_text = FormatIsoDate(through);
        std::vector<ExperimentArmCounts> arms;
        for (int arm = 0; arm < 2; ++arm) {
            const bool everyone_else = arm == 1 && comparison_team.empty();
            Statement q(lease.db(), sql + (everyone_else ? " AND u.team <> ?" : " AND u.team = ?"));
            q.Bind(1, through_text).Bind(2, FormatIsoDate(from)).Bind(3, through_text);
            q.Bind(4, arm == 0 || everyone_else ? pilot_team : comparison_team);
            auto counts = CountOne(q);
            if (!counts.ok()) return counts.status();
            arms.push_back(*counts);
        }
        return arms;
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::ExperimentRepository> MakeExperimentRepository(SqlStore* store) {
    return std::make_unique<SqlExperimentRepository>(store);
}

}  // namespace kyoso::sql
