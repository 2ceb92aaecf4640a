#include <map>
#include <string>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kColumns =
    "id, source, government_code, COALESCE(official_id, 0), status, created_on, COALESCE(converted_deal_id, 0),"
    " COALESCE(department_id, 0), COALESCE(product_id, 0), COALESCE(owner_id, 0), title, notes,"
    " COALESCE(external_id, '')";

domain::Lead RowToLead(const Statement& q) {
    domain::Lead l;
    l.id = q.Int(0);
    l.source = q.Text(1);
    l.government_code = q.Text(2);
    l.official_id = q.Int(3);
    l.status = q.Text(4);
    l.created_on = ParseIsoDate(q.Text(5)).value_or(Date{});
    l.converted_deal_id = q.Int(6);
    l.department_id = q.Int(7);
    l.product_id = q.Int(8);
    l.owner_id = q.Int(9);
    l.title = q.Text(10);
    l.notes = q.Text(11);
    l.external_id = q.Text(12);
    return l;
}

std::optional<long long> NonZero(long long v) { return v == 0 ? std::nullopt : std::optional<long long>(v); }
std::optional<std::string> NonEmpty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// Binds the row's fields (all but id) from parameter 1: 12 values.
void BindLead(Statement& s, const domain::Lead& l) {
    s.Bind(1, l.source).Bind(2, l.government_code).Bind(3, NonZero(l.official_id)).Bind(4, l.status);
    s.Bind(5, FormatIsoDate(l.created_on)).Bind(6, NonZero(l.converted_deal_id)).Bind(7, NonZero(l.department_id));
    s.Bind(8, NonZero(l.product_id)).Bind(9, NonZero(l.owner_id)).Bind(10, l.title).Bind(11, l.notes);
    s.Bind(12, NonEmpty(l.external_id));
}

class SqlLeadRepository final : public ports::LeadRepository {
public:
    explicit SqlLeadRepository(SqlStore* store) : store_(store) {}

    Result<ports::LeadPage> List(const ports::LeadQuery& query) override {
        static const std::map<std::string, std::string> kSortColumns = {
            {"id", "id"}, {"created_on", "created_on"}, {"status", "status"}, {"source", "source"}};
        auto column = kSortColumns.find(query.sort.field);
        if (column == kSortColumns.end()) return Internal("unsupported lead sort " + query.sort.field);
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string where = " WHERE 1=1";
        BindList filters;
        if (query.government_code) {
            where += " AND government_code = ?";
            filters.Add(*query.government_code);
        }
        if (query.status) {
            where += " AND status = ?";
            filters.Add(*query.status);
        }
        if (query.source) {
            where += " AND source = ?";
            filters.Add(*query.source);
        }
        if (query.owner_id) {
            where += " AND owner_id = ?";
            filters.Add(*query.owner_id);
        }
        if (query.product_id) {
            where += " AND product_id = ?";
            filters.Add(*query.product_id);
        }
        where += VisibilityWhere(query.visible, "owner_id", "government_code", "", filters);
        ports::LeadPage page;
        KYOSO_RETURN_IF_ERROR(ReadKeysetPage(lease.db(), "leads", kColumns, where, filters, query.sort, column->second,
                                             query.limit, RowToLead, &page.items, &page.total, &page.has_more));
        return page;
    }

    Result<domain::Lead> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM leads WHERE id = ?");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no lead with id " + std::to_string(id)) : st;
        return RowToLead(q);
    }

    Result<long long> Insert(const domain::Lead& l) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "INSERT INTO leads(source, government_code, official_id, status, created_on,"
                        " converted_deal_id, department_id, product_id, owner_id, title, notes, external_id)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
            BindLead(s, l);
            KYOSO_RETURN_IF_ERROR(s.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status Update(const domain::Lead& l, const std::string& expected_status) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "UPDATE leads SET source = ?, government_code = ?, official_id = ?, status = ?,"
                        " created_on = ?, converted_deal_id = ?, department_id = ?, product_id = ?, owner_id = ?,"
                        " title = ?, notes = ?, external_id = ? WHERE id = ? AND status = ?");
            BindLead(s, l);
            s.Bind(13, l.id).Bind(14, expected_status);
            KYOSO_RETURN_IF_ERROR(s.Run());
            if (db->Changes() == 0) {
                Statement exists(db, "SELECT status FROM leads WHERE id = ?");
                exists.Bind(1, l.id);
                Status st;
                if (!exists.Step(&st)) return st.ok() ? NotFound("no lead with id " + std::to_string(l.id)) : st;
                return {ErrorCode::kConflict, "lead " + std::to_string(l.id) + " became " + exists.Text(0) +
                                                  " meanwhile; reload it and try again"};
            }
            return Status::Ok();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::LeadRepository> MakeLeadRepository(SqlStore* store) {
    return std::make_unique<SqlLeadRepository>(store);
}

}  // namespace kyoso::sql
