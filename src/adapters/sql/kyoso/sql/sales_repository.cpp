#include <string>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += ',';
        out += parts[i];
    }
    return out;
}

template <typename T>
std::optional<T> NonZero(T v) {
    return v == 0 ? std::nullopt : std::optional<T>(v);
}

class SqlSalesRepository final : public ports::SalesRepository {
public:
    explicit SqlSalesRepository(SqlStore* store) : store_(store) {}

    template <typename Row, typename BindFn>
    Status Insert(const std::vector<Row>& rows, const char* what, const char* sql, BindFn bind) {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db, sql);
            KYOSO_RETURN_IF_ERROR(ins.prepare_status());
            for (const Row& r : rows) {
                ins.Reset();
                bind(ins, r);
                Status st = ins.Run();
                if (!st.ok()) return {st.code(), std::string(what) + " " + std::to_string(r.id) + ": " + st.message()};
            }
            // The rows brought their own ids: later inserts must not reuse them.
            const std::string_view text(sql);
            const size_t from = text.find("INTO ") + 5;
            return db->SyncIdentity(text.substr(from, text.find('(', from) - from));
        });
    }

    // Like Insert, for rows without an id of their own: errors name the row's position.
    template <typename Row, typename BindFn>
    Status InsertRows(const std::vector<Row>& rows, const char* what, const char* sql, BindFn bind) {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db, sql);
            KYOSO_RETURN_IF_ERROR(ins.prepare_status());
            for (size_t i = 0; i < rows.size(); ++i) {
                ins.Reset();
                bind(ins, rows[i]);
                Status st = ins.Run();
                if (!st.ok()) {
                    return {st.code(), std::string(what) + " #" + std::to_string(i + 1) + ": " + st.message()};
                }
            }
            return Status::Ok();
        });
    }

    Status InsertProducts(const std::vector<domain::Product>& rows) override {
        return Insert(rows, "product",
                      "INSERT INTO products(id, name, policy_domains, price_min, price_max, keywords)"
                      " VALUES (?,?,?,?,?,?)",
                      [](Statement& s, const domain::Product& p) {
                          s.Bind(1, p.id).Bind(2, p.name).Bind(3, Join(p.policy_domains)).Bind(4, p.price_min);
                          s.Bind(5, p.price_max).Bind(6, Join(p.keywords));
                      });
    }
    Status InsertUsers(const std::vector<domain::SalesUser>& rows) override {
        return Insert(rows, "user", "INSERT INTO users(id, name, role, team) VALUES (?,?,?,?)",
                      [](Statement& s, const domain::SalesUser& u) {
                          s.Bind(1, u.id).Bind(2, u.name).Bind(3, domain::SalesRoleSlug(u.role)).Bind(4, u.team);
                      });
    }
    Status InsertOfficials(const std::vector<domain::Official>& rows) override {
        return Insert(rows, "official",
                      "INSERT INTO officials(id, government_code, department, name, kana, title, decision_role,"
                      " posted_from, department_id, email, phone, do_not_contact, active, name_key)"
                      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      [](Statement& s, const domain::Official& o) {
                          if (o.department_id != 0) {
                              s.Bind(9, o.department_id);
                          } else {
                              s.BindNull(9);
                          }
                          s.Bind(10, o.email).Bind(11, o.phone).Bind(12, o.do_not_contact ? 1 : 0);
                          s.Bind(13, o.active ? 1 : 0).Bind(14, o.name_key);
                          s.Bind(1, o.id).Bind(2, o.government_code).Bind(3, o.department).Bind(4, o.name);
                          s.Bind(5, o.kana).Bind(6, o.title).Bind(7, o.decision_role);
                          if (o.posted_from) {
                              s.Bind(8, FormatIsoDate(*o.posted_from));
                          } else {
                              s.BindNull(8);
                          }
                      });
    }
    Status InsertLeads(const std::vector<domain::Lead>& rows) override {
        return Insert(rows, "lead",
                      "INSERT INTO leads(id, source, government_code, official_id, status, created_on,"
                      " converted_deal_id, department_id, product_id, owner_id, title, notes)"
                      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                      [](Statement& s, const domain::Lead& l) {
                          s.Bind(1, l.id).Bind(2, l.source).Bind(3, l.government_code);
                          s.Bind(4, NonZero(l.official_id)).Bind(5, l.status).Bind(6, FormatIsoDate(l.created_on));
                          s.Bind(7, NonZero(l.converted_deal_id)).Bind(8, NonZero(l.department_id));
                          s.Bind(9, NonZero(l.product_id)).Bind(10, NonZero(l.owner_id)).Bind(11, l.title);
                          s.Bind(12, l.notes);
                      });
    }
    Status InsertDeals(const std::vector<domain::Deal>& rows) override {
        return Insert(rows, "deal",
                      "INSERT INTO deals(id, government_code, product_id, owner_id, champion_id, title, amount,"
                      " fiscal_year, stage, procurement_method, budget_status, created_on, closed_on, lost_reason,"
                      " competitor, award_amount, department_id, budget_amount, needs_follow_up) VALUES"
                      " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      [](Statement& s, const domain::Deal& d) {
                          s.Bind(1, d.id).Bind(2, d.government_code).Bind(3, d.product_id).Bind(4, d.owner_id);
                          s.Bind(5, NonZero(d.champion_id)).Bind(6, d.title).Bind(7, d.amount).Bind(8, d.fiscal_year);
                          s.Bind(9, domain::StageSlug(d.stage)).Bind(10, domain::ProcurementSlug(d.procurement));
                          s.Bind(11, domain::BudgetStatusSlug(d.budget_status)).Bind(12, FormatIsoDate(d.created_on));
                          if (d.closed_on) {
                              s.Bind(13, FormatIsoDate(*d.closed_on));
                          } else {
                              s.BindNull(13);
                          }
                          s.Bind(14, d.lost_reason).Bind(15, d.competitor).Bind(16, d.award_amount);
                          s.Bind(17, NonZero(d.department_id)).Bind(18, d.budget_amount);
                          s.Bind(19, d.needs_follow_up ? 1 : 0);
                      });
    }
    Status InsertActivities(const std::vector<domain::Activity>& rows) override {
        return Insert(rows, "activity",
                      "INSERT INTO activities(id, deal_id, government_code, user_id, official_id, type, occurred_on,"
                      " notes, outcome) VALUES (?,?,?,?,?,?,?,?,?)",
                      [](Statement& s, const domain::Activity& a) {
                          s.Bind(1, a.id).Bind(2, NonZero(a.deal_id)).Bind(3, a.government_code).Bind(4, a.user_id);
                          s.Bind(5, NonZero(a.official_id)).Bind(6, domain::ActivityTypeSlug(a.type));
                          s.Bind(7, FormatIsoDate(a.occurred_on)).Bind(8, a.notes).Bind(9, a.outcome);
                      });
    }

    Status InsertDepartments(const std::vector<ports::DepartmentRow>& rows) override {
        return Insert(rows, "department",
                      "INSERT INTO departments(id, government_code, parent_id, name, level, policy_domains)"
                      " VALUES (?,?,?,?,?,?)",
                      [](Statement& s, const ports::DepartmentRow& d) {
                          s.Bind(1, d.id).Bind(2, d.government_code).Bind(3, NonZero(d.parent_id)).Bind(4, d.name);
                          s.Bind(5, d.level).Bind(6, Join(d.policy_domains));
                      });
    }
    Status InsertPostings(const std::vector<ports::PostingRow>& rows) override {
        return InsertRows(rows, "posting",
                          "INSERT INTO official_postings(official_id, government_code, department_id,"
                          " department_name, title, from_date, to_date) VALUES (?,?,?,?,?,?,?)",
                          [](Statement& s, const ports::PostingRow& p) {
                              s.Bind(1, p.official_id).Bind(2, p.government_code).Bind(3, NonZero(p.department_id));
                              s.Bind(4, p.department_name).Bind(5, p.title).Bind(6, FormatIsoDate(p.from));
                              if (p.to) {
                                  s.Bind(7, FormatIsoDate(*p.to));
                              } else {
                                  s.BindNull(7);
                              }
                          });
    }
    Status InsertSuccessions(const std::vector<ports::SuccessionRow>& rows) override {
        return InsertRows(rows, "succession",
                          "INSERT INTO official_successions(predecessor_id, successor_id, department_id,"
                          " effective_on) VALUES (?,?,?,?)",
                          [](Statement& s, const ports::SuccessionRow& r) {
                              s.Bind(1, r.predecessor_id).Bind(2, r.successor_id).Bind(3, NonZero(r.department_id));
                              s.Bind(4, FormatIsoDate(r.effective_on));
                          });
    }
    Status InsertStageHistory(const std::vector<ports::StageHistoryRow>& rows) override {
        return InsertRows(rows, "stage history entry",
                          "INSERT INTO deal_stage_history(deal_id, from_stage, to_stage, moved_by, moved_on, note)"
                          " VALUES (?,?,?,?,?,?)",
                          [](Statement& s, const ports::StageHistoryRow& h) {
                              s.Bind(1, h.deal_id).Bind(2, domain::StageSlug(h.from)).Bind(3, domain::StageSlug(h.to));
                              s.Bind(4, h.moved_by).Bind(5, FormatIsoDate(h.moved_on)).Bind(6, h.note);
                          });
    }
    Status InsertLineItems(const std::vector<ports::LineItemRow>& rows) override {
        return InsertRows(rows, "line item",
                          "INSERT INTO deal_line_items(deal_id, product_id, description, quantity, unit_price)"
                          " VALUES (?,?,?,?,?)",
                          [](Statement& s, const ports::LineItemRow& l) {
                              s.Bind(1, l.deal_id).Bind(2, NonZero(l.product_id)).Bind(3, l.description);
                              s.Bind(4, l.quantity).Bind(5, l.unit_price);
                          });
    }
    Status InsertTeamMembers(const std::vector<ports::TeamMemberRow>& rows) override {
        return InsertRows(rows, "team member",
                          "INSERT INTO deal_team_members(deal_id, user_id, role) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                          [](Statement& s, const ports::TeamMemberRow& m) {
                              s.Bind(1, m.deal_id).Bind(2, m.user_id).Bind(3, domain::SalesRoleSlug(m.role));
                          });
    }
    Status InsertParticipants(const std::vector<ports::ParticipantRow>& rows) override {
        return InsertRows(rows, "activity participant",
                          "INSERT INTO activity_participants(activity_id, user_id, official_id) VALUES (?,?,?)",
                          [](Statement& s, const ports::ParticipantRow& p) {
                              s.Bind(1, p.activity_id).Bind(2, NonZero(p.user_id)).Bind(3, NonZero(p.official_id));
                          });
    }

    Result<ports::SalesCounts> Counts() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT (SELECT COUNT(*) FROM products), (SELECT COUNT(*) FROM users),"
                    " (SELECT COUNT(*) FROM officials), (SELECT COUNT(*) FROM leads), (SELECT COUNT(*) FROM deals),"
                    " (SELECT COUNT(*) FROM activities)");
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("counts returned no row") : st;
        return ports::SalesCounts{q.Int(0), q.Int(1), q.Int(2), q.Int(3), q.Int(4), q.Int(5)};
    }

    Result<std::vector<domain::Deal>> DealsForGovernment(const std::string& code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, product_id, owner_id, COALESCE(champion_id, 0), title, amount, fiscal_year, stage,"
                    " created_on FROM deals WHERE government_code = ? ORDER BY fiscal_year DESC, id");
        q.Bind(1, code);
        std::vector<domain::Deal> out;
        Status st;
        while (q.Step(&st)) {
            domain::Deal d;
            d.id = q.Int(0);
            d.government_code = code;
            d.product_id = q.Int(1);
            d.owner_id = q.Int(2);
            d.champion_id = q.Int(3);
            d.title = q.Text(4);
            d.amount = q.Int(5);
            d.fiscal_year = static_cast<int>(q.Int(6));
            d.stage = domain::StageFromSlug(q.Text(7)).value_or(domain::Stage::kDiscovery);
            d.created_on = ParseIsoDate(q.Text(8)).value_or(Date{});
            out.push_back(std::move(d));
        }
        if (!st.ok()) return st;
        return out;
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::SalesRepository> MakeSalesRepository(SqlStore* store) {
    return std::make_unique<SqlSalesRepository>(store);
}

}  // namespace kyoso::sql
