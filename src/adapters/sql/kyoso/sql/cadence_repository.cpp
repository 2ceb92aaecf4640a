#include "kyoso/ports/cadence_repository.hpp"

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

std::optional<long long> OptId(long long id) { return id > 0 ? std::optional<long long>(id) : std::nullopt; }

constexpr const char* kCadenceSelect =
    "SELECT c.id, c.name, c.description, c.target, c.owner_team, c.active, c.created_by, c.created_at,"
    " (SELECT COUNT(*) FROM cadence_steps s WHERE s.cadence_id = c.id),"
    " (SELECT COUNT(*) FROM cadence_enrolments e WHERE e.cadence_id = c.id AND e.status = 'active'),"
    " (SELECT COUNT(*) FROM cadence_enrolments e WHERE e.cadence_id = c.id)"
    " FROM cadences c";

ports::CadenceRow RowToCadence(Statement& q) {
    ports::CadenceRow r;
    r.id = q.Int(0);
    r.name = q.Text(1);
    r.description = q.Text(2);
    r.target = q.Text(3);
    r.owner_team = q.Text(4);
    r.active = q.Int(5) != 0;
    r.created_by = q.Int(6);
    r.created_at = q.Text(7);
    r.step_count = q.Int(8);
    r.active_enrolments = q.Int(9);
    r.enrolments = q.Int(10);
    return r;
}

domain::CadenceStep RowToStep(Statement& q) {
    domain::CadenceStep s;
    s.id = q.Int(0);
    s.position = static_cast<int>(q.Int(1));
    s.kind = domain::CadenceStepKindFromSlug(q.Text(2)).value_or(domain::CadenceStepKind::kCall);
    s.wait_business_days = static_cast<int>(q.Int(3));
    s.title = q.Text(4);
    s.template_text = q.Text(5);
    if (!q.IsNull(6)) s.variant_b_kind = domain::CadenceStepKindFromSlug(q.Text(6));
    if (!q.IsNull(7)) s.variant_b_title = q.Text(7);
    if (!q.IsNull(8)) s.variant_b_template = q.Text(8);
    return s;
}

constexpr const char* kEnrolmentSelect =
    "SELECT e.id, e.cadence_id, COALESCE(e.lead_id, 0), COALESCE(e.official_id, 0), e.user_id, e.variant,"
    " e.started_on, e.status, e.outcome, e.outcome_on, e.current_position, e.created_at, c.name, u.name,"
    " COALESCE(l.title, ''), COALESCE(o.name, ''), COALESCE(l.government_code, o.government_code, ''),"
    " COALESCE(g.name, '')"
    " FROM cadence_enrolments e JOIN cadences c ON c.id = e.cadence_id JOIN users u ON u.id = e.user_id"
    " LEFT JOIN leads l ON l.id = e.lead_id LEFT JOIN officials o ON o.id = e.official_id"
    " LEFT JOIN governments g ON g.code = COALESCE(l.government_code, o.government_code)";

ports::EnrolmentRow RowToEnrolment(Statement& q) {
    ports::EnrolmentRow r;
    r.id = q.Int(0);
    r.cadence_id = q.Int(1);
    r.lead_id = q.Int(2);
    r.official_id = q.Int(3);
    r.user_id = q.Int(4);
    r.variant = q.Text(5);
    r.started_on = q.Text(6);
    r.status = q.Text(7);
    r.outcome = q.Text(8);
    r.outcome_on = q.Text(9);
    r.current_position = static_cast<int>(q.Int(10));
    r.created_at = q.Text(11);
    r.cadence_name = q.Text(12);
    r.user_name = q.Text(13);
    r.lead_title = q.Text(14);
    r.official_name = q.Text(15);
    r.government_code = q.Text(16);
    r.government_name = q.Text(17);
    return r;
}

constexpr const char* kTaskSelect =
    "SELECT t.id, t.user_id, t.due_on, t.kind, t.title, t.body, COALESCE(t.lead_id, 0), COALESCE(t.official_id, 0),"
    " t.government_code, COALESCE(t.enrolment_id, 0), COALESCE(t.step_id, 0), t.variant, t.status, t.result,"
    " t.completed_on, COALESCE(t.activity_id, 0), t.created_at, COALESCE(g.name, ''), COALESCE(l.title, ''),"
    " COALESCE(o.name, ''), COALESCE(c.name, ''), u.name"
    " FROM tasks t JOIN users u ON u.id = t.user_id LEFT JOIN governments g ON g.code = t.government_code"
    " LEFT JOIN leads l ON l.id = t.lead_id LEFT JOIN officials o ON o.id = t.official_id"
    " LEFT JOIN cadence_enrolments e ON e.id = t.enrolment_id LEFT JOIN cadences c ON c.id = e.cadence_id";

ports::TaskRow RowToTask(Statement& q) {
    ports::TaskRow r;
    r.id = q.Int(0);
    r.user_id = q.Int(1);
    r.due_on = q.Text(2);
    r.kind = q.Text(3);
    r.title = q.Text(4);
    r.body = q.Text(5);
    r.lead_id = q.Int(6);
    r.official_id = q.Int(7);
    r.government_code = q.Text(8);
    r.enrolment_id = q.Int(9);
    r.step_id = q.Int(10);
    r.variant = q.Text(11);
    r.status = q.Text(12);
    r.result = q.Text(13);
    r.completed_on = q.Text(14);
    r.activity_id = q.Int(15);
    r.created_at = q.Text(16);
    r.government_name = q.Text(17);
    r.lead_title = q.Text(18);
    r.official_name = q.Text(19);
    r.cadence_name = q.Text(20);
    r.user_name = q.Text(21);
    return r;
}

template <typename T>
Result<T> One(Result<std::vector<T>> rows, const std::string& missing) {
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NotFound(missing);
    return std::move(rows->front());
}

Result<long long> CountOf(Statement& q) {
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("count: no row") : st;
    return q.Int(0);
}

class SqlCadenceRepository final : public ports::CadenceRepository {
public:
    explicit SqlCadenceRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<ports::CadenceRow>> ListCadences() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kCadenceSelect) + " ORDER BY c.name, c.id");
        return CollectRows<ports::CadenceRow>(q, RowToCadence);
    }

    Result<ports::CadenceRow> GetCadence(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kCadenceSelect) + " WHERE c.id = ?");
        q.Bind(1, id);
        return One(CollectRows<ports::CadenceRow>(q, RowToCadence), "no cadence with id " + std::to_string(id));
    }

    Result<long long> InsertCadence(const ports::CadenceRow& r) override {
        return Insert(
            "INSERT INTO cadences(name, description, target, owner_team, active, created_by, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            [&](Statement& s) {
                s.Bind(1, r.name).Bind(2, r.description).Bind(3, r.target).Bind(4, r.owner_team);
                s.Bind(5, r.active ? 1 : 0).Bind(6, r.created_by).Bind(7, r.created_at);
            });
    }

    Status UpdateCadence(const ports::CadenceRow& r) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE cadences SET name = ?, description = ?, target = ?, owner_team = ?, active = ?"
                         " WHERE id = ?");
            up.Bind(1, r.name).Bind(2, r.description).Bind(3, r.target).Bind(4, r.owner_team);
            KYOSO_RETURN_IF_ERROR(up.Bind(5, r.active ? 1 : 0).Bind(6, r.id).Run());
            if (db->Changes() == 0) return NotFound("no cadence with id " + std::to_string(r.id));
            return Status::Ok();
        });
    }

    Status DeleteCadence(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement steps(db, "DELETE FROM cadence_steps WHERE cadence_id = ?");
            KYOSO_RETURN_IF_ERROR(steps.Bind(1, id).Run());
            Statement del(db, "DELETE FROM cadences WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no cadence with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Result<std::vector<domain::CadenceStep>> Steps(long long cadence_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, position, kind, wait_business_days, title, template, variant_b_kind,"
                    " variant_b_title, variant_b_template FROM cadence_steps WHERE cadence_id = ? ORDER BY position");
        q.Bind(1, cadence_id);
        return CollectRows<domain::CadenceStep>(q, RowToStep);
    }

    Result<long long> InsertStep(long long cadence_id, const domain::CadenceStep& s) override {
        return Insert(
            "INSERT INTO cadence_steps(cadence_id, position, kind, wait_business_days, title, template,"
            " variant_b_kind, variant_b_title, variant_b_template) VALUES (?,?,?,?,?,?,?,?,?)",
            [&](Statement& q) {
                q.Bind(1, cadence_id).Bind(2, s.position).Bind(3, domain::CadenceStepKindSlug(s.kind));
                q.Bind(4, s.wait_business_days).Bind(5, s.title).Bind(6, s.template_text);
                if (s.variant_b_kind) {
                    q.Bind(7, domain::CadenceStepKindSlug(*s.variant_b_kind)).Bind(8, s.variant_b_title);
                    q.Bind(9, s.variant_b_template);
                } else {
                    q.BindNull(7).BindNull(8).BindNull(9);
                }
            });
    }

    Status UpdateStepTexts(const domain::CadenceStep& s) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE cadence_steps SET title = ?, template = ?, variant_b_title = ?, variant_b_template = ?"
                         " WHERE id = ?");
            up.Bind(1, s.title).Bind(2, s.template_text);
            if (s.variant_b_kind) {
                up.Bind(3, s.variant_b_title).Bind(4, s.variant_b_template);
            } else {
                up.BindNull(3).BindNull(4);
            }
            return up.Bind(5, s.id).Run();
        });
    }

    Status DeleteSteps(long long cadence_id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM cadence_steps WHERE cadence_id = ?");
            return del.Bind(1, cadence_id).Run();
        });
    }

    Result<long long> InsertEnrolment(const ports::EnrolmentRow& r) override {
        return Insert(
            "INSERT INTO cadence_enrolments(cadence_id, lead_id, official_id, user_id, variant, started_on, status,"
            " outcome, outcome_on, current_position, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [&](Statement& q) {
                q.Bind(1, r.cadence_id).Bind(2, OptId(r.lead_id)).Bind(3, OptId(r.official_id)).Bind(4, r.user_id);
                q.Bind(5, r.variant).Bind(6, r.started_on).Bind(7, r.status).Bind(8, r.outcome);
                q.Bind(9, r.outcome_on).Bind(10, r.current_position).Bind(11, r.created_at);
            });
    }

    Result<ports::EnrolmentRow> GetEnrolment(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kEnrolmentSelect) + " WHERE e.id = ?");
        q.Bind(1, id);
        return One(CollectRows<ports::EnrolmentRow>(q, RowToEnrolment), "no enrolment with id " + std::to_string(id));
    }

    Result<ports::EnrolmentPage> ListEnrolments(const ports::EnrolmentQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        const std::string where =
            " WHERE (CAST(? AS BIGINT) IS NULL OR e.cadence_id = ?) AND (CAST(? AS TEXT) IS NULL OR e.status = ?)"
            " AND (CAST(? AS BIGINT) IS NULL OR e.user_id = ?)";
        auto bind = [&](Statement& q) {
            q.Bind(1, query.cadence_id).Bind(2, query.cadence_id).Bind(3, query.status).Bind(4, query.status);
            q.Bind(5, query.user_id).Bind(6, query.user_id);
        };
        Statement count(lease.db(), "SELECT COUNT(*) FROM cadence_enrolments e" + where);
        bind(count);
        auto total = CountOf(count);
        if (!total.ok()) return total.status();
        Statement q(lease.db(), std::string(kEnrolmentSelect) + where + " ORDER BY e.id DESC LIMIT ? OFFSET ?");
        bind(q);
        q.Bind(7, query.limit).Bind(8, query.offset);
        auto rows = CollectRows<ports::EnrolmentRow>(q, RowToEnrolment);
        if (!rows.ok()) return rows.status();
        return ports::EnrolmentPage{std::move(*rows), *total};
    }

    Result<std::optional<long long>> FindActiveEnrolment(long long cadence_id, long long lead_id,
                                                         long long official_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), lead_id > 0 ? "SELECT id FROM cadence_enrolments WHERE cadence_id = ? AND lead_id = ?"
                                              " AND status = 'active'"
                                            : "SELECT id FROM cadence_enrolments WHERE cadence_id = ?"
                                              " AND official_id = ? AND lead_id IS NULL AND status = 'active'");
        q.Bind(1, cadence_id).Bind(2, lead_id > 0 ? lead_id : official_id);
        Status st;
        if (q.Step(&st)) return std::optional<long long>(q.Int(0));
        if (!st.ok()) return st;
        return std::optional<long long>();
    }

    Result<long long> CountEnrolments(long long cadence_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT COUNT(*) FROM cadence_enrolments WHERE cadence_id = ?");
        q.Bind(1, cadence_id);
        return CountOf(q);
    }

    Result<std::vector<long long>> ActiveEnrolmentIds(std::optional<long long> user_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id FROM cadence_enrolments WHERE status = 'active'"
                    " AND (CAST(? AS BIGINT) IS NULL OR user_id = ?) ORDER BY id");
        q.Bind(1, user_id).Bind(2, user_id);
        return CollectRows<long long>(q, [](Statement& s) { return s.Int(0); });
    }

    Status UpdateEnrolmentState(const ports::EnrolmentRow& r) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE cadence_enrolments SET status = ?, outcome = ?, outcome_on = ?, current_position = ?"
                         " WHERE id = ?");
            up.Bind(1, r.status).Bind(2, r.outcome).Bind(3, r.outcome_on).Bind(4, r.current_position);
            KYOSO_RETURN_IF_ERROR(up.Bind(5, r.id).Run());
            if (db->Changes() == 0) return NotFound("no enrolment with id " + std::to_string(r.id));
            return Status::Ok();
        });
    }

    Result<std::vector<domain::EnrolmentResult>> VariantResults(long long cadence_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT variant, status, outcome FROM cadence_enrolments WHERE cadence_id = ?");
        q.Bind(1, cadence_id);
        return CollectRows<domain::EnrolmentResult>(q, [](Statement& s) {
            return domain::EnrolmentResult{s.Text(0), s.Text(1), s.Text(2)};
        });
    }

    Result<long long> InsertTask(const ports::TaskRow& r) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO tasks(user_id, due_on, kind, title, body, lead_id, official_id, government_code,"
                          " enrolment_id, step_id, variant, status, result, completed_on, activity_id, created_at)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING");
            ins.Bind(1, r.user_id).Bind(2, r.due_on).Bind(3, r.kind).Bind(4, r.title).Bind(5, r.body);
            ins.Bind(6, OptId(r.lead_id)).Bind(7, OptId(r.official_id)).Bind(8, r.government_code);
            ins.Bind(9, OptId(r.enrolment_id)).Bind(10, OptId(r.step_id)).Bind(11, r.variant).Bind(12, r.status);
            ins.Bind(13, r.result).Bind(14, r.completed_on).Bind(15, OptId(r.activity_id)).Bind(16, r.created_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            if (db->Changes() == 0) return Status::Ok();
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<ports::TaskRow> GetTask(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kTaskSelect) + " WHERE t.id = ?");
        q.Bind(1, id);
        return One(CollectRows<ports::TaskRow>(q, RowToTask), "no task with id " + std::to_string(id));
    }

    Result<ports::TaskPage> ListTasks(const ports::TaskQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        const std::string where =
            " WHERE (CAST(? AS BIGINT) IS NULL OR t.user_id = ?) AND (CAST(? AS TEXT) IS NULL OR t.status = ?)"
            " AND (CAST(? AS TEXT) IS NULL OR t.due_on >= ?) AND (CAST(? AS TEXT) IS NULL OR t.due_on <= ?)"
            " AND (CAST(? AS BIGINT) IS NULL OR t.enrolment_id = ?)";
        auto bind = [&](Statement& q) {
            q.Bind(1, query.user_id).Bind(2, query.user_id).Bind(3, query.status).Bind(4, query.status);
            q.Bind(5, query.due_from).Bind(6, query.due_from).Bind(7, query.due_to).Bind(8, query.due_to);
            q.Bind(9, query.enrolment_id).Bind(10, query.enrolment_id);
        };
        Statement count(lease.db(), "SELECT COUNT(*) FROM tasks t" + where);
        bind(count);
        auto total = CountOf(count);
        if (!total.ok()) return total.status();
        Statement q(lease.db(), std::string(kTaskSelect) + where + " ORDER BY t.due_on, t.id LIMIT ? OFFSET ?");
        bind(q);
        q.Bind(11, query.limit).Bind(12, query.offset);
        auto rows = CollectRows<ports::TaskRow>(q, RowToTask);
        if (!rows.ok()) return rows.status();
        return ports::TaskPage{std::move(*rows), *total};
    }

    Status UpdateTaskState(const ports::TaskRow& r) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE tasks SET status = ?, result = ?, completed_on = ?, activity_id = ? WHERE id = ?");
            up.Bind(1, r.status).Bind(2, r.result).Bind(3, r.completed_on).Bind(4, OptId(r.activity_id));
            KYOSO_RETURN_IF_ERROR(up.Bind(5, r.id).Run());
            if (db->Changes() == 0) return NotFound("no task with id " + std::to_string(r.id));
            return Status::Ok();
        });
    }

    Result<long long> SkipOpenTasks(long long enrolment_id, const std::string& on, const std::string& note) override {
        long long changed = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE tasks SET status = 'skipped', result = ?, completed_on = ?"
                         " WHERE enrolment_id = ? AND status = 'open'");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, note).Bind(2, on).Bind(3, enrolment_id).Run());
            changed = db->Changes();
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return changed;
    }

private:
    template <typename F>
    Result<long long> Insert(const char* sql, F bind) {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db, sql);
            bind(ins);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::CadenceRepository> MakeCadenceRepository(SqlStore* store) {
    return std::make_unique<SqlCadenceRepository>(store);
}

}  // namespace kyoso::sql
