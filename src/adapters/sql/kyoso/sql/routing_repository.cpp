#include "kyoso/ports/routing_repository.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kOpenStages =
    "('discovery', 'qualified', 'budget_proposal', 'requested', 'budgeted', 'tender_prep', 'bidding')";
constexpr const char* kOpenLeadStatuses = "('new', 'working', 'qualified')";

Date DateOf(const std::string& text) { return ParseIsoDate(text).value_or(Date{}); }

// routing_rules.conditions_json: {"sources":[...],"government_kinds":[...],"prefectures":[...],
// "regions":[...],"policy_domains":[...],"population_bands":[...],"product_ids":[...],
// "in_team_territory":true}; empty lists and false are left out.
std::string ConditionsJson(const domain::RoutingConditions& c) {
    nlohmann::json j = nlohmann::json::object();
    auto put = [&](const char* key, const std::vector<std::string>& v) {
        if (!v.empty()) j[key] = v;
    };
    put("sources", c.sources);
    put("government_kinds", c.government_kinds);
    put("prefectures", c.prefectures);
    put("regions", c.regions);
    put("policy_domains", c.policy_domains);
    put("population_bands", c.population_bands);
    if (!c.product_ids.empty()) j["product_ids"] = c.product_ids;
    if (c.in_team_territory) j["in_team_territory"] = true;
    return j.dump();
}

// Reads what ConditionsJson wrote; members of another shape are ignored.
domain::RoutingConditions ParseConditions(const std::string& text) {
    domain::RoutingConditions c;
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return c;
    auto get = [&](const char* key, std::vector<std::string>* out) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_array()) return;
        for (const auto& v : *it) {
            if (v.is_string()) out->push_back(v.get<std::string>());
        }
    };
    get("sources", &c.sources);
    get("government_kinds", &c.government_kinds);
    get("prefectures", &c.prefectures);
    get("regions", &c.regions);
    get("policy_domains", &c.policy_domains);
    get("population_bands", &c.population_bands);
    if (auto it = j.find("product_ids"); it != j.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_number_integer()) c.product_ids.push_back(v.get<long long>());
        }
    }
    if (auto it = j.find("in_team_territory"); it != j.end() && it->is_boolean()) c.in_team_territory = it->get<bool>();
    return c;
}

class SqlRoutingRepository final : public ports::RoutingRepository {
public:
    explicit SqlRoutingRepository(SqlStore* store) : store_(store) {}

    // Runs a read query and collects rows with `row`.
    template <typename T, typename Bind, typename Row>
    Result<std::vector<T>> Read(const std::string& sql, Bind bind, Row row) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), sql);
        bind(q);
        std::vector<T> out;
        Status st;
        while (q.Step(&st)) out.push_back(row(q));
        if (!st.ok()) return st;
        return out;
    }

    static ports::Team TeamRow(Statement& q) {
        return {q.Int(0), q.Text(1), q.Text(2), q.OptInt(3).value_or(0), q.Text(4)};
    }

    Result<std::vector<ports::Team>> ListTeams() override {
        return Read<ports::Team>(
            "SELECT id, name, role, manager_id, created_at FROM teams ORDER BY name, id", [](Statement&) {}, TeamRow);
    }

    Result<ports::Team> GetTeam(long long id) override {
        auto rows = Read<ports::Team>(
            "SELECT id, name, role, manager_id, created_at FROM teams WHERE id = ?",
            [&](Statement& q) { q.Bind(1, id); }, TeamRow);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no team with id " + std::to_string(id));
        return rows->front();
    }

    Result<long long> InsertTeam(const ports::Team& t) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            KYOSO_RETURN_IF_ERROR(CheckNameFree(db, t.name, 0));
            Statement ins(db, "INSERT INTO teams(name, role, manager_id, created_at) VALUES (?,?,?,?)");
            ins.Bind(1, t.name).Bind(2, t.role).Bind(3, Opt(t.manager_id)).Bind(4, t.created_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto new_id = db->LastInsertId();
            if (!new_id.ok()) return new_id.status();
            id = *new_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status UpdateTeam(const ports::Team& t) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement old(db, "SELECT name FROM teams WHERE id = ?");
            old.Bind(1, t.id);
            Status step;
            if (!old.Step(&step)) {
                KYOSO_RETURN_IF_ERROR(step);
                return NotFound("no team with id " + std::to_string(t.id));
            }
            const std::string old_name = old.Text(0);
            KYOSO_RETURN_IF_ERROR(CheckNameFree(db, t.name, t.id));
            Statement up(db, "UPDATE teams SET name = ?, role = ?, manager_id = ? WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, t.name).Bind(2, t.role).Bind(3, Opt(t.manager_id)).Bind(4, t.id).Run());
            if (old_name != t.name) {
                Statement users(db, "UPDATE users SET team = ? WHERE team = ?");
                KYOSO_RETURN_IF_ERROR(users.Bind(1, t.name).Bind(2, old_name).Run());
            }
            return Status::Ok();
        });
    }

    Result<int> SyncTeamsFromUsers(const std::string& now) override {
        int added = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(
                db,
                "INSERT INTO teams(name, role, manager_id, created_at)"
                " SELECT u.team,"
                "  COALESCE((SELECT CASE WHEN COUNT(DISTINCT r.role) = 1 THEN MIN(r.role) ELSE '' END"
                "   FROM users r WHERE r.team = u.team AND r.role <> 'manager'), ''),"
                "  (SELECT MIN(m.id) FROM users m WHERE m.team = u.team AND m.role = 'manager'), CAST(? AS TEXT)"
                " FROM users u WHERE u.team <> ''"
                "  AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.name = u.team)"
                " GROUP BY u.team");
            KYOSO_RETURN_IF_ERROR(ins.Bind(1, now).Run());
            added = static_cast<int>(db->Changes());
            Statement mgr(db,
                          "UPDATE teams SET manager_id = (SELECT MIN(m.id) FROM users m WHERE m.team = teams.name"
                          " AND m.role = 'manager') WHERE manager_id IS NULL");
            return mgr.Run();
        });
        if (!st.ok()) return st;
        return added;
    }

    Result<std::vector<ports::TeamMember>> ListUsers() override {
        return Read<ports::TeamMember>(
            "SELECT id, name, role, team, disabled FROM users ORDER BY id", [](Statement&) {},
            [](Statement& q) -> ports::TeamMember {
                return {q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4) != 0};
            });
    }

    Status SetUserTeam(long long user_id, const std::string& team) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE users SET team = ? WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, team).Bind(2, user_id).Run());
            if (db->Changes() == 0) return NotFound("no user with id " + std::to_string(user_id));
            return Status::Ok();
        });
    }

    static domain::Territory TerritoryRow(Statement& q) {
        domain::Territory t;
        t.id = q.Int(0);
        t.team_id = q.Int(1);
        t.user_id = q.OptInt(2).value_or(0);
        t.prefecture_code = q.Text(3);
        t.government_code = q.Text(4);
        t.region = q.Text(5);
        t.government_kind = q.Text(6);
        t.policy_domain = q.Text(7);
        return t;
    }
    static constexpr const char* kTerritoryColumns =
        "SELECT id, team_id, user_id, prefecture_code, government_code, region, government_kind, policy_domain"
        " FROM territories";

    Result<std::vector<domain::Territory>> ListTerritories() override {
        return Read<domain::Territory>(
            std::string(kTerritoryColumns) + " ORDER BY team_id, id", [](Statement&) {}, TerritoryRow);
    }

    Result<domain::Territory> GetTerritory(long long id) override {
        auto rows = Read<domain::Territory>(
            std::string(kTerritoryColumns) + " WHERE id = ?", [&](Statement& q) { q.Bind(1, id); }, TerritoryRow);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no territory with id " + std::to_string(id));
        return rows->front();
    }

    Result<long long> InsertTerritory(const domain::Territory& t) override {
        return InsertReturningId(
            "INSERT INTO territories(team_id, user_id, prefecture_code, government_code, region, government_kind,"
            " policy_domain) VALUES (?,?,?,?,?,?,?)",
            [&](Statement& q) {
                q.Bind(1, t.team_id).Bind(2, Opt(t.user_id)).Bind(3, t.prefecture_code).Bind(4, t.government_code);
                q.Bind(5, t.region).Bind(6, t.government_kind).Bind(7, t.policy_domain);
            });
    }

    Status DeleteTerritory(long long id) override { return DeleteById("territories", "territory", id); }

    static ports::Absence AbsenceRow(Statement& q) {
        return {q.Int(0), q.Int(1), DateOf(q.Text(2)), DateOf(q.Text(3)), q.Text(4), q.OptInt(5).value_or(0),
                q.Text(6)};
    }
    static constexpr const char* kAbsenceColumns =
        "SELECT id, user_id, starts_on, ends_on, reason, created_by, created_at FROM absences";

    Result<std::vector<ports::Absence>> ListAbsences(std::optional<Date> from) override {
        const std::string sql =
            std::string(kAbsenceColumns) + (from ? " WHERE ends_on >= ?" : "") + " ORDER BY starts_on, user_id, id";
        return Read<ports::Absence>(
            sql,
            [&](Statement& q) {
                if (from) q.Bind(1, FormatIsoDate(*from));
            },
            AbsenceRow);
    }

    Result<ports::Absence> GetAbsence(long long id) override {
        auto rows = Read<ports::Absence>(
            std::string(kAbsenceColumns) + " WHERE id = ?", [&](Statement& q) { q.Bind(1, id); }, AbsenceRow);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no absence with id " + std::to_string(id));
        return rows->front();
    }

    Result<long long> InsertAbsence(const ports::Absence& a) override {
        return InsertReturningId(
            "INSERT INTO absences(user_id, starts_on, ends_on, reason, created_by, created_at) VALUES (?,?,?,?,?,?)",
            [&](Statement& q) {
                q.Bind(1, a.user_id).Bind(2, FormatIsoDate(a.starts_on)).Bind(3, FormatIsoDate(a.ends_on));
                q.Bind(4, a.reason).Bind(5, Opt(a.created_by)).Bind(6, a.created_at);
            });
    }

    Status DeleteAbsence(long long id) override { return DeleteById("absences", "absence", id); }

    static ports::RoutingRuleRecord RuleRow(Statement& q) {
        ports::RoutingRuleRecord r;
        r.id = q.Int(0);
        r.position = static_cast<int>(q.Int(1));
        r.name = q.Text(2);
        r.conditions = ParseConditions(q.Text(3));
        r.team_id = q.Int(4);
        r.strategy = q.Text(5);
        r.owner_id = q.OptInt(6).value_or(0);
        r.reroute_after_business_days = static_cast<int>(q.Int(7));
        r.active = q.Int(8) != 0;
        return r;
    }
    static constexpr const char* kRuleColumns =
        "SELECT id, position, name, conditions_json, team_id, strategy, owner_id, reroute_after_business_days, active"
        " FROM routing_rules";

    Result<std::vector<ports::RoutingRuleRecord>> ListRules() override {
        return Read<ports::RoutingRuleRecord>(
            std::string(kRuleColumns) + " ORDER BY position, id", [](Statement&) {}, RuleRow);
    }

    Result<ports::RoutingRuleRecord> GetRule(long long id) override {
        auto rows = Read<ports::RoutingRuleRecord>(
            std::string(kRuleColumns) + " WHERE id = ?", [&](Statement& q) { q.Bind(1, id); }, RuleRow);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no routing rule with id " + std::to_string(id));
        return rows->front();
    }

    Result<long long> InsertRule(const ports::RoutingRuleRecord& r) override {
        return InsertReturningId(
            "INSERT INTO routing_rules(position, name, conditions_json, team_id, strategy, owner_id,"
            " reroute_after_business_days, active) VALUES (?,?,?,?,?,?,?,?)",
            [&](Statement& q) { BindRule(q, r); });
    }

    Status UpdateRule(const ports::RoutingRuleRecord& r) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE routing_rules SET position = ?, name = ?, conditions_json = ?, team_id = ?,"
                         " strategy = ?, owner_id = ?, reroute_after_business_days = ?, active = ? WHERE id = ?");
            BindRule(up, r);
            KYOSO_RETURN_IF_ERROR(up.Bind(9, r.id).Run());
            if (db->Changes() == 0) return NotFound("no routing rule with id " + std::to_string(r.id));
            return Status::Ok();
        });
    }

    Status DeleteRule(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement w(db, "DELETE FROM routing_weights WHERE rule_id = ?");
            KYOSO_RETURN_IF_ERROR(w.Bind(1, id).Run());
            Statement s(db, "DELETE FROM routing_round_robin WHERE rule_id = ?");
            KYOSO_RETURN_IF_ERROR(s.Bind(1, id).Run());
            Statement a(db, "UPDATE lead_assignments SET rule_id = NULL WHERE rule_id = ?");
            KYOSO_RETURN_IF_ERROR(a.Bind(1, id).Run());
            Statement del(db, "DELETE FROM routing_rules WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no routing rule with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Status SetRulePositions(const std::vector<long long>& ids) override {
        return store_->Write([&](Connection* db) -> Status {
            for (size_t i = 0; i < ids.size(); ++i) {
                Statement up(db, "UPDATE routing_rules SET position = ? WHERE id = ?");
                KYOSO_RETURN_IF_ERROR(up.Bind(1, static_cast<long long>(i + 1)).Bind(2, ids[i]).Run());
                if (db->Changes() == 0) return NotFound("no routing rule with id " + std::to_string(ids[i]));
            }
            return Status::Ok();
        });
    }

    Result<std::vector<ports::RoutingWeight>> ListWeights() override {
        return Read<ports::RoutingWeight>(
            "SELECT rule_id, team_id, user_id, weight FROM routing_weights ORDER BY rule_id, team_id, user_id",
            [](Statement&) {},
            [](Statement& q) -> ports::RoutingWeight {
                return {q.OptInt(0).value_or(0), q.OptInt(1).value_or(0), q.Int(2), static_cast<int>(q.Int(3))};
            });
    }

    Status ReplaceWeights(long long rule_id, long long team_id,
                          const std::vector<ports::RoutingWeight>& weights) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, rule_id ? "DELETE FROM routing_weights WHERE rule_id = ?"
                                      : "DELETE FROM routing_weights WHERE rule_id IS NULL AND team_id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, rule_id ? rule_id : team_id).Run());
            for (const auto& w : weights) {
                Statement ins(db, "INSERT INTO routing_weights(rule_id, team_id, user_id, weight) VALUES (?,?,?,?)");
                ins.Bind(1, Opt(rule_id)).Bind(2, Opt(rule_id ? 0 : team_id)).Bind(3, w.user_id).Bind(4, w.weight);
                KYOSO_RETURN_IF_ERROR(ins.Run());
            }
            return Status::Ok();
        });
    }

    Result<std::map<long long, domain::RoundRobinState>> LoadRoundRobin() override {
        struct Row {
            long long rule, user, current;
        };
        auto rows = Read<Row>(
            "SELECT rule_id, user_id, current_weight FROM routing_round_robin", [](Statement&) {},
            [](Statement& q) -> Row {
                return {q.Int(0), q.Int(1), q.Int(2)};
            });
        if (!rows.ok()) return rows.status();
        std::map<long long, domain::RoundRobinState> out;
        for (const auto& r : *rows) out[r.rule][r.user] = r.current;
        return out;
    }

    Status SaveRoundRobin(long long rule_id, const domain::RoundRobinState& state) override {
        return store_->Write([&](Connection* db) -> Status {
            for (const auto& [user, current] : state) {
                Statement up(db, "UPDATE routing_round_robin SET current_weight = ? WHERE rule_id = ? AND user_id = ?");
                KYOSO_RETURN_IF_ERROR(up.Bind(1, current).Bind(2, rule_id).Bind(3, user).Run());
                if (db->Changes() > 0) continue;
                Statement ins(db, "INSERT INTO routing_round_robin(rule_id, user_id, current_weight) VALUES (?,?,?)");
                KYOSO_RETURN_IF_ERROR(ins.Bind(1, rule_id).Bind(2, user).Bind(3, current).Run());
            }
            return Status::Ok();
        });
    }

    Result<long long> InsertAssignment(const ports::LeadAssignment& a) override {
        return InsertReturningId(
            "INSERT INTO lead_assignments(lead_id, user_id, previous_user_id, rule_id, kind, reason, assigned_on,"
            " created_at) VALUES (?,?,?,?,?,?,?,?)",
            [&](Statement& q) {
                q.Bind(1, a.lead_id).Bind(2, Opt(a.user_id)).Bind(3, Opt(a.previous_user_id)).Bind(4, Opt(a.rule_id));
                q.Bind(5, a.kind).Bind(6, a.reason).Bind(7, FormatIsoDate(a.assigned_on)).Bind(8, a.created_at);
            });
    }

    Result<std::vector<ports::LeadAssignment>> ListAssignments(long long lead_id) override {
        return Read<ports::LeadAssignment>(
            "SELECT id, lead_id, user_id, previous_user_id, rule_id, kind, reason, assigned_on, created_at"
            " FROM lead_assignments WHERE lead_id = ? ORDER BY id DESC",
            [&](Statement& q) { q.Bind(1, lead_id); },
            [](Statement& q) -> ports::LeadAssignment {
                return {q.Int(0),
                        q.Int(1),
                        q.OptInt(2).value_or(0),
                        q.OptInt(3).value_or(0),
                        q.OptInt(4).value_or(0),
                        q.Text(5),
                        q.Text(6),
                        DateOf(q.Text(7)),
                        q.Text(8)};
            });
    }

    Status SetLeadOwner(long long lead_id, long long owner_id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE leads SET owner_id = ? WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, Opt(owner_id)).Bind(2, lead_id).Run());
            if (db->Changes() == 0) return NotFound("no lead with id " + std::to_string(lead_id));
            return Status::Ok();
        });
    }

    Result<std::map<long long, long long>> OpenWorkCounts() override {
        struct Row {
            long long user, n;
        };
        auto rows = Read<Row>(
            std::string("SELECT owner_id, COUNT(*) FROM leads WHERE owner_id IS NOT NULL AND status IN ") +
                kOpenLeadStatuses + " GROUP BY owner_id UNION ALL SELECT owner_id, COUNT(*) FROM deals" +
                " WHERE owner_id IS NOT NULL AND stage IN " + kOpenStages + " GROUP BY owner_id",
            [](Statement&) {},
            [](Statement& q) -> Row {
                return {q.Int(0), q.Int(1)};
            });
        if (!rows.ok()) return rows.status();
        std::map<long long, long long> out;
        for (const auto& r : *rows) out[r.user] += r.n;
        return out;
    }

    Result<std::vector<long long>> OpenLeadsOwnedBy(const std::vector<long long>& owners) override {
        std::vector<long long> out;
        for (long long owner : owners) {
            auto ids = Read<long long>(
                std::string("SELECT id FROM leads WHERE owner_id = ? AND status IN ") + kOpenLeadStatuses +
                    " ORDER BY id",
                [&](Statement& q) { q.Bind(1, owner); }, [](Statement& q) { return q.Int(0); });
            if (!ids.ok()) return ids.status();
            out.insert(out.end(), ids->begin(), ids->end());
        }
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    static std::optional<long long> Opt(long long id) { return id ? std::optional<long long>(id) : std::nullopt; }

    static void BindRule(Statement& q, const ports::RoutingRuleRecord& r) {
        q.Bind(1, r.position)
            .Bind(2, r.name)
            .Bind(3, ConditionsJson(r.conditions))
            .Bind(4, r.team_id)
            .Bind(5, r.strategy);
        q.Bind(6, Opt(r.owner_id)).Bind(7, r.reroute_after_business_days).Bind(8, r.active ? 1 : 0);
    }

    static Status CheckNameFree(Connection* db, const std::string& name, long long id) {
        Statement taken(db, "SELECT id FROM teams WHERE name = ? AND id <> ?");
        taken.Bind(1, name).Bind(2, id);
        Status step;
        if (taken.Step(&step)) return AlreadyExists("another team is named '" + name + "'");
        return step;
    }

    template <typename Bind>
    Result<long long> InsertReturningId(const std::string& sql, Bind bind) {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db, sql);
            bind(ins);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto new_id = db->LastInsertId();
            if (!new_id.ok()) return new_id.status();
            id = *new_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status DeleteById(const std::string& table, const std::string& what, long long id) {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM " + table + " WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no " + what + " with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::RoutingRepository> MakeRoutingRepository(SqlStore* store) {
    return std::make_unique<SqlRoutingRepository>(store);
}

}  // namespace kyoso::sql
