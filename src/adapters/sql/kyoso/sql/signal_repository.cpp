#include <map>
#include <string>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kColumns =
    "id, government_code, source_kind, session, spoken_on, speaker, role, passage, cue, cue_phrase, products_json,"
    " score, source_url, source_ref, COALESCE(lead_id, 0), dismissed";

domain::Signal RowToSignal(const Statement& q) {
    domain::Signal s;
    s.id = q.Int(0);
    s.government_code = q.Text(1);
    s.source_kind = q.Text(2);
    s.session = q.Text(3);
    s.spoken_on = q.Text(4);
    s.speaker = q.Text(5);
    s.role = q.Text(6);
    s.passage = q.Text(7);
    s.cue = q.Text(8);
    s.cue_phrase = q.Text(9);
    s.products = domain::ParseSignalProductsJson(q.Text(10));
    s.score = q.Real(11);
    s.source_url = q.Text(12);
    s.source_ref = q.Text(13);
    s.lead_id = q.Int(14);
    s.dismissed = q.Int(15) != 0;
    return s;
}

class SqlSignalRepository final : public ports::SignalRepository {
public:
    explicit SqlSignalRepository(SqlStore* store) : store_(store) {}

    Result<ports::SignalPage> List(const ports::SignalQuery& query) override {
        static const std::map<std::string, std::string> kSortColumns = {{"id", "id"}, {"spoken_on", "spoken_on"}};
        auto column = kSortColumns.find(query.sort.field);
        if (column == kSortColumns.end()) return Internal("unsupported signal sort " + query.sort.field);
        ports::SignalPage page;
        if (query.ids && query.ids->empty()) return page;
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string where = " WHERE 1=1";
        BindList filters;
        if (query.government_code) {
            where += " AND government_code = ?";
            filters.Add(*query.government_code);
        }
        if (query.product_id) {
            // products_json is written by domain::SignalProductsJson: {"product_id":N,...
            where += " AND products_json LIKE ?";
            filters.Add("%\"product_id\":" + std::to_string(*query.product_id) + ",%");
        }
        if (query.cue) {
            where += " AND cue = ?";
            filters.Add(*query.cue);
        }
        if (query.from) {
            where += " AND spoken_on >= ?";
            filters.Add(*query.from);
        }
        if (query.to) {
            where += " AND spoken_on <= ?";
            filters.Add(*query.to);
        }
        if (!query.include_dismissed) where += " AND dismissed = 0";
        if (query.ids) {
            where += " AND id IN (";
            for (size_t i = 0; i < query.ids->size(); ++i) {
                where += i ? ",?" : "?";
                filters.Add((*query.ids)[i]);
            }
            where += ")";
        }
        KYOSO_RETURN_IF_ERROR(ReadKeysetPage(lease.db(), "signals", kColumns, where, filters, query.sort,
                                             column->second, query.limit, RowToSignal, &page.items, &page.total,
                                             &page.has_more));
        return page;
    }

    Result<domain::Signal> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM signals WHERE id = ?");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no signal with id " + std::to_string(id)) : st;
        return RowToSignal(q);
    }

    Result<long long> InsertIfNew(const domain::Signal& s) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db, std::string("INSERT INTO signals(government_code, source_kind, session, spoken_on,"
                                          " speaker, role, passage, cue, cue_phrase, products_json, score, source_url,"
                                          " source_ref, lead_id, dismissed, created_at)"
                                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,0,") +
                                  UtcNowSql(store_->dialect()) +
                                  ") ON CONFLICT (government_code, source_ref) DO NOTHING");
            ins.Bind(1, s.government_code).Bind(2, s.source_kind).Bind(3, s.session).Bind(4, s.spoken_on);
            ins.Bind(5, s.speaker).Bind(6, s.role).Bind(7, s.passage).Bind(8, s.cue).Bind(9, s.cue_phrase);
            ins.Bind(10, domain::SignalProductsJson(s.products)).Bind(11, s.score).Bind(12, s.source_url);
            ins.Bind(13, s.source_ref);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            if (db->Changes() == 0) return Status::Ok();
            Statement q(db, "SELECT id FROM signals WHERE government_code = ? AND source_ref = ?");
            q.Bind(1, s.government_code).Bind(2, s.source_ref);
            Status qs;
            if (!q.Step(&qs)) return qs.ok() ? Internal("inserted signal not found") : qs;
            id = q.Int(0);
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status SetLead(long long id, long long lead_id) override {
        return Update("UPDATE signals SET lead_id = ? WHERE id = ?", id, lead_id);
    }

    Status SetDismissed(long long id, bool dismissed) override {
        return Update("UPDATE signals SET dismissed = ? WHERE id = ?", id, dismissed ? 1 : 0);
    }

private:
    Status Update(const char* sql, long long id, long long value) {
        return store_->Write([&](Connection* db) -> Status {
            Statement s(db, sql);
            s.Bind(1, value).Bind(2, id);
            KYOSO_RETURN_IF_ERROR(s.Run());
            if (db->Changes() == 0) return NotFound("no signal with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::SignalRepository> MakeSignalRepository(SqlStore* store) {
    return std::make_unique<SqlSignalRepository>(store);
}

}  // namespace kyoso::sql
