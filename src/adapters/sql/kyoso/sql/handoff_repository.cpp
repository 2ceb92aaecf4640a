#include <nlohmann/json.hpp>
#include <variant>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using nlohmann::json;

std::string LabelsJson(const std::vector<std::string>& labels) { return json(labels).dump(); }

std::vector<std::string> LabelsFromJson(const std::string& text) {
    std::vector<std::string> out;
    auto parsed = json::parse(text, nullptr, false);
    if (!parsed.is_array()) return out;
    for (const auto& v : parsed) {
        if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

std::string ChecklistJson(const std::vector<domain::HandoffChecklistItem>& items) {
    json arr = json::array();
    for (const auto& i : items) {
        arr.push_back(
            {{"item", i.item}, {"checked", i.checked}, {"not_applicable", i.not_applicable}, {"notes", i.notes}});
    }
    return arr.dump();
}

std::vector<domain::HandoffChecklistItem> ChecklistFromJson(const std::string& text) {
    std::vector<domain::HandoffChecklistItem> out;
    auto parsed = json::parse(text, nullptr, false);
    if (!parsed.is_array()) return out;
    for (const auto& v : parsed) {
        if (!v.is_object()) continue;
        domain::HandoffChecklistItem i;
        i.item = v.value("item", std::string());
        i.checked = v.value("checked", false);
        i.not_applicable = v.value("not_applicable", false);
        i.notes = v.value("notes", std::string());
        out.push_back(std::move(i));
    }
    return out;
}

constexpr const char* kTypeColumns =
    "kind, name_ja, name_en, from_role, to_role, checklist_json, sla_business_days, escalate_after_business_days,"
    " active, updated_at";

ports::HandoffType TypeRow(const Statement& q) {
    ports::HandoffType t;
    t.kind = q.Text(0);
    t.name_ja = q.Text(1);
    t.name_en = q.Text(2);
    t.from_role = q.Text(3);
    t.to_role = q.Text(4);
    t.checklist = LabelsFromJson(q.Text(5));
    t.sla_business_days = static_cast<int>(q.Int(6));
    t.escalate_after_business_days = static_cast<int>(q.Int(7));
    t.active = q.Int(8) != 0;
    t.updated_at = q.Text(9);
    return t;
}

// The hand-off with its names: h = handoffs, t = its type, fu/tu/eu = users, l/d the
// subject, g its government.
constexpr const char* kRecordSelect =
    "SELECT h.id, h.kind, COALESCE(h.lead_id, 0), COALESCE(h.deal_id, 0), h.from_user_id, h.to_user_id, h.status,"
    " h.checklist_json, h.note, h.created_on, h.created_at, h.due_on, COALESCE(h.responded_on, ''),"
    " COALESCE(h.responded_at, ''), COALESCE(h.responded_by_user_id, 0), h.return_reason,"
    " COALESCE(h.breached_on, ''), COALESCE(h.escalated_to_user_id, 0), COALESCE(h.escalated_on, ''),"
    " t.name_ja, t.escalate_after_business_days, fu.name, tu.name, COALESCE(eu.name, ''),"
    " COALESCE(l.title, d.title, ''), COALESCE(l.government_code, d.government_code, ''), COALESCE(g.name, '')"
    " FROM handoffs h JOIN handoff_types t ON t.kind = h.kind"
    " JOIN users fu ON fu.id = h.from_user_id JOIN users tu ON tu.id = h.to_user_id"
    " LEFT JOIN users eu ON eu.id = h.escalated_to_user_id"
    " LEFT JOIN leads l ON l.id = h.lead_id LEFT JOIN deals d ON d.id = h.deal_id"
    " LEFT JOIN governments g ON g.code = COALESCE(l.government_code, d.government_code)";

ports::HandoffRecord RecordRow(const Statement& q) {
    ports::HandoffRecord r;
    r.id = q.Int(0);
    r.kind = q.Text(1);
    r.lead_id = q.Int(2);
    r.deal_id = q.Int(3);
    r.from_user_id = q.Int(4);
    r.to_user_id = q.Int(5);
    r.status = q.Text(6);
    r.checklist = ChecklistFromJson(q.Text(7));
    r.note = q.Text(8);
    r.created_on = q.Text(9);
    r.created_at = q.Text(10);
    r.due_on = q.Text(11);
    r.responded_on = q.Text(12);
    r.responded_at = q.Text(13);
    r.responded_by_user_id = q.Int(14);
    r.return_reason = q.Text(15);
    r.breached_on = q.Text(16);
    r.escalated_to_user_id = q.Int(17);
    r.escalated_on = q.Text(18);
    r.kind_name_ja = q.Text(19);
    r.escalate_after_business_days = static_cast<int>(q.Int(20));
    r.from_user_name = q.Text(21);
    r.to_user_name = q.Text(22);
    r.escalated_to_name = q.Text(23);
    r.subject_title = q.Text(24);
    r.government_code = q.Text(25);
    r.government_name = q.Text(26);
    return r;
}

Status NullableId(Statement& s, int index, long long id) {
    if (id > 0) {
        s.Bind(index, id);
    } else {
        s.BindNull(index);
    }
    return Status::Ok();
}

class SqlHandoffRepository final : public ports::HandoffRepository {
public:
    explicit SqlHandoffRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<ports::HandoffType>> ListTypes() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kTypeColumns + " FROM handoff_types ORDER BY " +
                                    "CASE kind WHEN 'bdr_to_is' THEN 1 WHEN 'is_to_fs' THEN 2 WHEN 'fs_to_cs' THEN 3 "
                                    "ELSE 4 END, kind");
        std::vector<ports::HandoffType> out;
        Status st;
        while (q.Step(&st)) out.push_back(TypeRow(q));
        if (!st.ok()) return st;
        return out;
    }

    Result<ports::HandoffType> GetType(const std::string& kind) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kTypeColumns + " FROM handoff_types WHERE kind = ?");
        q.Bind(1, kind);
        Status st;
        if (q.Step(&st)) return TypeRow(q);
        if (!st.ok()) return st;
        return NotFound("no hand-off type '" + kind + "'");
    }

    Status UpdateType(const ports::HandoffType& t) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement u(db,
                        "UPDATE handoff_types SET name_ja = ?, name_en = ?, checklist_json = ?, sla_business_days = ?,"
                        " escalate_after_business_days = ?, active = ?, updated_at = ? WHERE kind = ?");
            u.Bind(1, t.name_ja)
                .Bind(2, t.name_en)
                .Bind(3, LabelsJson(t.checklist))
                .Bind(4, t.sla_business_days)
                .Bind(5, t.escalate_after_business_days)
                .Bind(6, t.active ? 1 : 0)
                .Bind(7, t.updated_at)
                .Bind(8, t.kind);
            KYOSO_RETURN_IF_ERROR(u.Run());
            if (db->Changes() == 0) return NotFound("no hand-off type '" + t.kind + "'");
            return Status::Ok();
        });
    }

    Result<long long> Insert(const ports::HandoffRecord& r) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(
                db,
                "INSERT INTO handoffs(kind, lead_id, deal_id, from_user_id, to_user_id, status, checklist_json,"
                " note, created_on, created_at, due_on, responded_on, responded_at, responded_by_user_id,"
                " return_reason, breached_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            ins.Bind(1, r.kind);
            (void)NullableId(ins, 2, r.lead_id);
            (void)NullableId(ins, 3, r.deal_id);
            ins.Bind(4, r.from_user_id)
                .Bind(5, r.to_user_id)
                .Bind(6, r.status)
                .Bind(7, ChecklistJson(r.checklist))
                .Bind(8, r.note)
                .Bind(9, r.created_on)
                .Bind(10, r.created_at)
                .Bind(11, r.due_on);
            if (r.responded_on.empty()) {
                ins.BindNull(12).BindNull(13);
            } else {
                ins.Bind(12, r.responded_on).Bind(13, r.responded_at);
            }
            (void)NullableId(ins, 14, r.responded_by_user_id);
            ins.Bind(15, r.return_reason);
            if (r.breached_on.empty()) {
                ins.BindNull(16);
            } else {
                ins.Bind(16, r.breached_on);
            }
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<ports::HandoffRecord> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kRecordSelect) + " WHERE h.id = ?");
        q.Bind(1, id);
        Status st;
        if (q.Step(&st)) return RecordRow(q);
        if (!st.ok()) return st;
        return NotFound("no hand-off with id " + std::to_string(id));
    }

    Result<ports::HandoffPage> List(const ports::HandoffQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string where = " WHERE 1 = 1";
        std::vector<std::variant<long long, std::string>> binds;
        if (query.to_user_id) {
            where += " AND h.to_user_id = ?";
            binds.emplace_back(*query.to_user_id);
        }
        if (query.from_user_id) {
            where += " AND h.from_user_id = ?";
            binds.emplace_back(*query.from_user_id);
        }
        if (query.team) {
            where += " AND (fu.team = ? OR tu.team = ? OR h.escalated_to_user_id = ?)";
            binds.emplace_back(*query.team);
            binds.emplace_back(*query.team);
            binds.emplace_back(query.or_escalated_to.value_or(-1));
        }
        if (query.status) {
            where += " AND h.status = ?";
            binds.emplace_back(*query.status);
        }
        if (query.breached) where += *query.breached ? " AND h.breached_on IS NOT NULL" : " AND h.breached_on IS NULL";
        if (query.lead_id) {
            where += " AND h.lead_id = ?";
            binds.emplace_back(*query.lead_id);
        }
        if (query.deal_id) {
            where += " AND h.deal_id = ?";
            binds.emplace_back(*query.deal_id);
        }
        auto bind_all = [&](Statement& s) {
            int i = 1;
            for (const auto& b : binds) {
                if (std::holds_alternative<long long>(b)) {
                    s.Bind(i++, std::get<long long>(b));
                } else {
                    s.Bind(i++, std::get<std::string>(b));
                }
            }
            return i;
        };
        ports::HandoffPage page;
        {
            Statement c(lease.db(),
                        "SELECT COUNT(*) FROM handoffs h JOIN users fu ON fu.id = h.from_user_id"
                        " JOIN users tu ON tu.id = h.to_user_id" +
                            where);
            bind_all(c);
            Status st;
            if (!c.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
            page.total = c.Int(0);
        }
        const std::string after = query.after_id ? " AND h.id < ?" : "";
        Statement q(lease.db(), std::string(kRecordSelect) + where + after + " ORDER BY h.id DESC LIMIT ?");
        int next = bind_all(q);
        if (query.after_id) q.Bind(next++, *query.after_id);
        q.Bind(next, static_cast<long long>(query.limit) + 1);
        Status st;
        while (q.Step(&st)) page.items.push_back(RecordRow(q));
        if (!st.ok()) return st;
        if (page.items.size() > static_cast<size_t>(query.limit)) {
            page.items.resize(static_cast<size_t>(query.limit));
            page.has_more = true;
        }
        return page;
    }

    Status Respond(long long id, const std::string& status, const std::string& responded_on,
                   const std::string& responded_at, long long by_user_id, const std::string& return_reason) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement u(db,
                        "UPDATE handoffs SET status = ?, responded_on = ?, responded_at = ?, responded_by_user_id = ?,"
                        " return_reason = ? WHERE id = ? AND status = 'pending'");
            u.Bind(1, status).Bind(2, responded_on).Bind(3, responded_at).Bind(4, by_user_id).Bind(5, return_reason);
            u.Bind(6, id);
            KYOSO_RETURN_IF_ERROR(u.Run());
            if (db->Changes() == 0) {
                return Status(ErrorCode::kConflict, "hand-off " + std::to_string(id) + " is no longer pending");
            }
            return Status::Ok();
        });
    }

    Result<std::vector<ports::HandoffRecord>> OverduePending(const std::string& today) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kRecordSelect) +
                                    " WHERE h.status = 'pending' AND h.due_on < ?"
                                    " AND (h.breached_on IS NULL OR h.escalated_on IS NULL) ORDER BY h.id");
        q.Bind(1, today);
        std::vector<ports::HandoffRecord> out;
        Status st;
        while (q.Step(&st)) out.push_back(RecordRow(q));
        if (!st.ok()) return st;
        return out;
    }

    Result<bool> MarkBreached(long long id, const std::string& breached_on) override {
        bool changed = false;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement u(db, "UPDATE handoffs SET breached_on = ? WHERE id = ? AND breached_on IS NULL");
            KYOSO_RETURN_IF_ERROR(u.Bind(1, breached_on).Bind(2, id).Run());
            changed = db->Changes() > 0;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return changed;
    }

    Result<bool> MarkEscalated(long long id, long long manager_id, const std::string& escalated_on) override {
        bool changed = false;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement u(db,
                        "UPDATE handoffs SET escalated_to_user_id = ?, escalated_on = ? WHERE id = ?"
                        " AND escalated_on IS NULL");
            (void)NullableId(u, 1, manager_id);
            KYOSO_RETURN_IF_ERROR(u.Bind(2, escalated_on).Bind(3, id).Run());
            changed = db->Changes() > 0;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return changed;
    }

    Status InsertAlert(long long user_id, const std::string& kind, long long handoff_id,
                       const std::string& government_code, const std::string& message,
                       const std::string& created_at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO alerts(user_id, kind, handoff_id, government_code, message, created_at)"
                          " VALUES (?,?,?,?,?,?)");
            ins.Bind(1, user_id).Bind(2, kind).Bind(3, handoff_id);
            if (government_code.empty()) {
                ins.BindNull(4);
            } else {
                ins.Bind(4, government_code);
            }
            return ins.Bind(5, message).Bind(6, created_at).Run();
        });
    }

    Result<std::vector<long long>> ManagersOfTeam(const std::string& team) override {
        std::vector<long long> out;
        if (team.empty()) return out;
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        // The team's named manager (teams.manager_id, docs/division-of-labour.md) first, then
        // any other user with role manager in the team.
        Statement q(lease.db(),
                    "SELECT u.id FROM users u LEFT JOIN teams t ON t.name = u.team"
                    " WHERE u.team = ? AND (u.role = 'manager' OR u.id = t.manager_id) AND u.disabled = 0"
                    " ORDER BY CASE WHEN u.id = t.manager_id THEN 0 ELSE 1 END, u.id");
        q.Bind(1, team);
        Status st;
        while (q.Step(&st)) out.push_back(q.Int(0));
        if (!st.ok()) return st;
        return out;
    }

    Result<ports::HandoffSubject> Lead(long long lead_id) override {
        return Subject("SELECT COALESCE(owner_id, 0), status, title, government_code FROM leads WHERE id = ?", lead_id,
                       "lead");
    }

    Result<ports::HandoffSubject> Deal(long long deal_id) override {
        return Subject("SELECT owner_id, stage, title, government_code FROM deals WHERE id = ?", deal_id, "deal");
    }

    Status TransferLead(long long lead_id, long long owner_id, const std::string& status,
                        const std::string& updated_at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement u(db, "UPDATE leads SET owner_id = ?, status = ?, updated_at = ? WHERE id = ?");
            return u.Bind(1, owner_id).Bind(2, status).Bind(3, updated_at).Bind(4, lead_id).Run();
        });
    }

    Status TransferDeal(long long deal_id, long long owner_id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement u(db, "UPDATE deals SET owner_id = ? WHERE id = ?");
            return u.Bind(1, owner_id).Bind(2, deal_id).Run();
        });
    }

    Status JoinDealTeam(long long deal_id, long long user_id, const std::string& role) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(
                db, "INSERT INTO deal_team_members(deal_id, user_id, role) VALUES (?,?,?) ON CONFLICT DO NOTHING");
            return ins.Bind(1, deal_id).Bind(2, user_id).Bind(3, role).Run();
        });
    }

    Result<std::vector<ports::HandoffComplianceRow>> Compliance(const std::string& from,
                                                                const std::string& to) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(
            lease.db(),
            "SELECT t.kind,"
            " SUM(CASE WHEN h.status IN ('accepted','returned') THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN h.status IN ('accepted','returned') AND h.responded_on <= h.due_on THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN h.status = 'accepted' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN h.status = 'accepted' AND h.responded_on <= h.due_on THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN h.breached_on IS NOT NULL THEN 1 ELSE 0 END)"
            " FROM handoff_types t LEFT JOIN handoffs h ON h.kind = t.kind AND h.created_on >= ?"
            " AND h.created_on <= ?"
            " GROUP BY t.kind ORDER BY CASE t.kind WHEN 'bdr_to_is' THEN 1 WHEN 'is_to_fs' THEN 2"
            " WHEN 'fs_to_cs' THEN 3 ELSE 4 END, t.kind");
        q.Bind(1, from).Bind(2, to);
        std::vector<ports::HandoffComplianceRow> out;
        Status st;
        while (q.Step(&st)) {
            out.push_back({q.Text(0), q.OptInt(1).value_or(0), q.OptInt(2).value_or(0), q.OptInt(3).value_or(0),
                           q.OptInt(4).value_or(0), q.OptInt(5).value_or(0)});
        }
        if (!st.ok()) return st;
        return out;
    }

private:
    Result<ports::HandoffSubject> Subject(const char* sql, long long id, const char* what) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), sql);
        q.Bind(1, id);
        Status st;
        if (q.Step(&st)) return ports::HandoffSubject{q.Int(0), q.Text(1), q.Text(2), q.Text(3)};
        if (!st.ok()) return st;
        return NotFound(std::string("no ") + what + " with id " + std::to_string(id));
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::HandoffRepository> MakeHandoffRepository(SqlStore* store) {
    return std::make_unique<SqlHandoffRepository>(store);
}

}  // namespace kyoso::sql
