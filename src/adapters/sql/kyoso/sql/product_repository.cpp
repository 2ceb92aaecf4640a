#include <map>
#include <string>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kColumns = "id, name, policy_domains, price_min, price_max, keywords, COALESCE(external_id, '')";

domain::Product RowToProduct(const Statement& q) {
    domain::Product p;
    p.id = q.Int(0);
    p.name = q.Text(1);
    p.policy_domains = SplitList(q.Text(2));
    p.price_min = q.Int(3);
    p.price_max = q.Int(4);
    p.keywords = SplitList(q.Text(5));
    p.external_id = q.Text(6);
    return p;
}

std::optional<std::string> NonEmpty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

Result<long long> CountOf(Connection* db, const char* sql, long long id) {
    Statement q(db, sql);
    q.Bind(1, id);
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
    return q.Int(0);
}

class SqlProductRepository final : public ports::ProductRepository {
public:
    explicit SqlProductRepository(SqlStore* store) : store_(store) {}

    Result<ports::ProductPage> List(const ports::ProductQuery& query) override {
        static const std::map<std::string, std::string> kSortColumns = {
            {"id", "id"}, {"name", "name"}, {"price_min", "price_min"}, {"price_max", "price_max"}};
        auto column = kSortColumns.find(query.sort.field);
        if (column == kSortColumns.end()) return Internal("unsupported product sort " + query.sort.field);
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string where = " WHERE 1=1";
        BindList filters;
        if (query.name_contains) {
            where += std::string(" AND ") + PositionFunction(store_->dialect()) + "(name, ?) > 0";
            filters.Add(*query.name_contains);
        }
        if (query.policy_domain) {
            where += std::string(" AND ") + PositionFunction(store_->dialect()) +
                     "(',' || policy_domains || ',', ',' || ? || ',') > 0";
            filters.Add(*query.policy_domain);
        }
        ports::ProductPage page;
        KYOSO_RETURN_IF_ERROR(ReadKeysetPage(lease.db(), "products", kColumns, where, filters, query.sort,
                                             column->second, query.limit, RowToProduct, &page.items, &page.total,
                                             &page.has_more));
        return page;
    }

    Result<domain::Product> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM products WHERE id = ?");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no product with id " + std::to_string(id)) : st;
        return RowToProduct(q);
    }

    Result<long long> Insert(const domain::Product& p) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "INSERT INTO products(name, policy_domains, price_min, price_max, keywords, external_id)"
                        " VALUES (?,?,?,?,?,?)");
            s.Bind(1, p.name).Bind(2, JoinList(p.policy_domains)).Bind(3, p.price_min).Bind(4, p.price_max);
            s.Bind(5, JoinList(p.keywords)).Bind(6, NonEmpty(p.external_id));
            KYOSO_RETURN_IF_ERROR(s.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status Update(const domain::Product& p) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "UPDATE products SET name = ?, policy_domains = ?, price_min = ?, price_max = ?,"
                        " keywords = ?, external_id = ? WHERE id = ?");
            s.Bind(1, p.name).Bind(2, JoinList(p.policy_domains)).Bind(3, p.price_min).Bind(4, p.price_max);
            s.Bind(5, JoinList(p.keywords)).Bind(6, NonEmpty(p.external_id)).Bind(7, p.id);
            KYOSO_RETURN_IF_ERROR(s.Run());
            if (db->Changes() == 0) return NotFound("no product with id " + std::to_string(p.id));
            return Status::Ok();
        });
    }

    Result<ports::ProductUsage> Usage(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        ports::ProductUsage u;
        auto deals = CountOf(lease.db(), "SELECT COUNT(*) FROM deals WHERE product_id = ?", id);
        if (!deals.ok()) return deals.status();
        auto items = CountOf(lease.db(), "SELECT COUNT(*) FROM deal_line_items WHERE product_id = ?", id);
        if (!items.ok()) return items.status();
        auto leads = CountOf(lease.db(), "SELECT COUNT(*) FROM leads WHERE product_id = ?", id);
        if (!leads.ok()) return leads.status();
        u.deals = *deals;
        u.line_items = *items;
        u.leads = *leads;
        return u;
    }

    Status Delete(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement s(db, "DELETE FROM products WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(s.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no product with id " + std::to_string(id));
            return Status::Ok();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::ProductRepository> MakeProductRepository(SqlStore* store) {
    return std::make_unique<SqlProductRepository>(store);
}

}  // namespace kyoso::sql
