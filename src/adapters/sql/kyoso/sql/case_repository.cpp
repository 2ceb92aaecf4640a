// The case library on SQLite and PostgreSQL. Japanese search reuses the full-text
// index's bigrams (domain::IndexGrams): each case stores its folded grams space framed,
// and a phrase matches when " tok1 tok2 " occurs in them (a prefix phrase's last token
// as a prefix), checked with LIKE, which both backends evaluate identically on the
// folded (lower-case) text. The library is small (hundreds of cases), so the scan is
// cheap; filters on product and government use the indexes first.
#include "kyoso/sql/case_repository.hpp"

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

// `s` with LIKE's wildcards and escape character escaped (ESCAPE '\').
std::string CaseLikeEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string CasePhrasePattern(const domain::MatchPhrase& p) {
    std::string pattern = "% ";
    for (size_t t = 0; t < p.tokens.size(); ++t) {
        const bool last = t + 1 == p.tokens.size();
        pattern += CaseLikeEscape(p.tokens[t]);
        if (!(last && p.prefix)) pattern += ' ';
    }
    return pattern + "%";
}

constexpr const char* kCaseSelect =
    "SELECT c.id, c.kind, c.title, c.government_code, c.product_id, COALESCE(c.deal_id, 0), c.summary, c.approach,"
    " c.lessons, c.tags, c.created_by, c.created_on, c.created_at, c.updated_at, g.name, g.prefecture_code,"
    " g.prefecture_name, g.similar_group, p.name, COALESCE(u.name, ''), COALESCE(d.title, ''), COALESCE(d.stage, ''),"
    " d.amount, COALESCE(d.owner_id, 0)"
    " FROM case_studies c JOIN governments g ON g.code = c.government_code JOIN products p ON p.id = c.product_id"
    " LEFT JOIN users u ON u.id = c.created_by LEFT JOIN deals d ON d.id = c.deal_id";

ports::CaseStudyRecord RowToCase(const Statement& q) {
    ports::CaseStudyRecord c;
    c.id = q.Int(0);
    c.kind = q.Text(1);
    c.title = q.Text(2);
    c.government_code = q.Text(3);
    c.product_id = q.Int(4);
    c.deal_id = q.Int(5);
    c.summary = q.Text(6);
    c.approach = q.Text(7);
    c.lessons = q.Text(8);
    c.tags = q.Text(9);
    c.created_by = q.Int(10);
    c.created_on = q.Text(11);
    c.created_at = q.Text(12);
    c.updated_at = q.Text(13);
    c.government_name = q.Text(14);
    c.prefecture_code = q.Text(15);
    c.prefecture_name = q.Text(16);
    c.similar_group = q.Text(17);
    c.product_name = q.Text(18);
    c.created_by_name = q.Text(19);
    c.deal_title = q.Text(20);
    c.deal_stage = q.Text(21);
    c.deal_amount = q.OptInt(22);
    c.deal_owner_id = q.Int(23);
    return c;
}

class SqlCaseRepository final : public ports::CaseRepository {
public:
    explicit SqlCaseRepository(SqlStore* store) : store_(store) {}

    Result<long long> Insert(const ports::CaseStudyRecord& c) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(
                db,
                "INSERT INTO case_studies(kind, title, government_code, product_id, deal_id, summary, approach,"
                " lessons, tags, grams, created_by, created_on, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            ins.Bind(1, c.kind)
                .Bind(2, c.title)
                .Bind(3, c.government_code)
                .Bind(4, c.product_id)
                .Bind(5, c.deal_id == 0 ? std::optional<long long>() : std::optional<long long>(c.deal_id))
                .Bind(6, c.summary)
                .Bind(7, c.approach)
                .Bind(8, c.lessons)
                .Bind(9, c.tags)
                .Bind(10, c.grams)
                .Bind(11, c.created_by)
                .Bind(12, c.created_on)
                .Bind(13, c.created_at)
                .Bind(14, c.updated_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto last = db->LastInsertId();
            if (!last.ok()) return last.status();
            id = *last;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status Update(const ports::CaseStudyRecord& c) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(
                db,
                "UPDATE case_studies SET kind = ?, title = ?, government_code = ?, product_id = ?, deal_id = ?,"
                " summary = ?, approach = ?, lessons = ?, tags = ?, grams = ?, updated_at = ? WHERE id = ?");
            up.Bind(1, c.kind)
                .Bind(2, c.title)
                .Bind(3, c.government_code)
                .Bind(4, c.product_id)
                .Bind(5, c.deal_id == 0 ? std::optional<long long>() : std::optional<long long>(c.deal_id))
                .Bind(6, c.summary)
                .Bind(7, c.approach)
                .Bind(8, c.lessons)
                .Bind(9, c.tags)
                .Bind(10, c.grams)
                .Bind(11, c.updated_at)
                .Bind(12, c.id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no case with id " + std::to_string(c.id));
            return Status::Ok();
        });
    }

    Status Delete(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM case_studies WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no case with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Result<std::optional<ports::CaseStudyRecord>> Find(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kCaseSelect) + " WHERE c.id = ?");
        q.Bind(1, id);
        auto rows = CollectRows<ports::CaseStudyRecord>(q, RowToCase);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return std::optional<ports::CaseStudyRecord>();
        return std::optional<ports::CaseStudyRecord>(std::move(rows->front()));
    }

    Result<std::vector<ports::CaseStudyRecord>> List(const ports::CaseStudyFilter& f) override {
        std::string where = " WHERE 1 = 1";
        if (!f.kind.empty()) where += " AND c.kind = ?";
        if (f.product_id != 0) where += " AND c.product_id = ?";
        if (!f.government_codes.empty()) {
            where += " AND c.government_code IN (";
            for (size_t i = 0; i < f.government_codes.size(); ++i) where += i ? ", ?" : "?";
            where += ")";
        }
        // The first two digits of a 団体コード are its prefecture's (JIS X 0401).
        if (!f.prefecture_code.empty()) where += " AND c.government_code LIKE ?";
        if (!f.similar_group.empty()) where += " AND g.similar_group = ?";
        for (size_t i = 0; i < f.phrases.size(); ++i) where += " AND c.grams LIKE ? ESCAPE '\\'";
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string(kCaseSelect) + where + " ORDER BY c.created_on DESC, c.id DESC LIMIT ? OFFSET ?");
        int i = 1;
        if (!f.kind.empty()) q.Bind(i++, f.kind);
        if (f.product_id != 0) q.Bind(i++, f.product_id);
        for (const auto& code : f.government_codes) q.Bind(i++, code);
        if (!f.prefecture_code.empty()) q.Bind(i++, f.prefecture_code.substr(0, 2) + "%");
        if (!f.similar_group.empty()) q.Bind(i++, f.similar_group);
        for (const auto& p : f.phrases) q.Bind(i++, CasePhrasePattern(p));
        q.Bind(i++, static_cast<long long>(f.limit) + 1);
        q.Bind(i++, static_cast<long long>(f.offset));
        return CollectRows<ports::CaseStudyRecord>(q, RowToCase);
    }

    Result<long long> CountCreatedBetween(const std::string& from, const std::string& to) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT COUNT(*) FROM case_studies WHERE created_on >= ? AND created_on <= ?");
        q.Bind(1, from).Bind(2, to);
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("case_studies: no count row") : st;
        return q.Int(0);
    }

    Result<std::optional<ports::CaseGovernmentFacts>> Government(const std::string& code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT code, name, prefecture_code, similar_group FROM governments WHERE code = ?");
        q.Bind(1, code);
        Status st;
        if (!q.Step(&st)) {
            if (!st.ok()) return st;
            return std::optional<ports::CaseGovernmentFacts>();
        }
        return std::optional<ports::CaseGovernmentFacts>(
            ports::CaseGovernmentFacts{q.Text(0), q.Text(1), q.Text(2), q.Text(3)});
    }

    Result<std::optional<std::string>> ProductName(long long product_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT name FROM products WHERE id = ?");
        q.Bind(1, product_id);
        Status st;
        if (!q.Step(&st)) {
            if (!st.ok()) return st;
            return std::optional<std::string>();
        }
        return std::optional<std::string>(q.Text(0));
    }

    Result<std::optional<ports::CaseDealFacts>> Deal(long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, government_code, product_id, title, stage, owner_id FROM deals WHERE id = ?");
        q.Bind(1, deal_id);
        Status st;
        if (!q.Step(&st)) {
            if (!st.ok()) return st;
            return std::optional<ports::CaseDealFacts>();
        }
        return std::optional<ports::CaseDealFacts>(
            ports::CaseDealFacts{q.Int(0), q.Text(1), q.Int(2), q.Text(3), q.Text(4), q.Int(5)});
    }

    Result<std::vector<domain::PublicValueDeployment>> Deployments(long long product_id,
                                                                   const std::string& government_code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string where = " WHERE 1 = 1";
        if (product_id != 0) where += " AND m.product_id = ?";
        if (!government_code.empty()) where += " AND m.government_code = ?";
        Statement q(lease.db(),
                    "SELECT m.id, m.deal_id, m.government_code, g.name, m.product_id, m.name, m.unit, m.direction,"
                    " m.baseline, m.baseline_on, m.target,"
                    " (SELECT x.value FROM outcome_measurements x WHERE x.metric_id = m.id"
                    "  ORDER BY x.measured_on DESC, x.id DESC LIMIT 1),"
                    " (SELECT x.measured_on FROM outcome_measurements x WHERE x.metric_id = m.id"
                    "  ORDER BY x.measured_on DESC, x.id DESC LIMIT 1), p.name"
                    " FROM outcome_metrics m JOIN governments g ON g.code = m.government_code"
                    " JOIN products p ON p.id = m.product_id" +
                        where + " ORDER BY m.government_code, m.id");
        int i = 1;
        if (product_id != 0) q.Bind(i++, product_id);
        if (!government_code.empty()) q.Bind(i++, government_code);
        return CollectRows<domain::PublicValueDeployment>(q, [](const Statement& r) {
            domain::PublicValueDeployment d;
            d.metric_id = r.Int(0);
            d.deal_id = r.Int(1);
            d.government_code = r.Text(2);
            d.government_name = r.Text(3);
            d.product_id = r.Int(4);
            d.metric_name = r.Text(5);
            d.unit = r.Text(6);
            d.direction = r.Text(7);
            d.baseline = r.Real(8);
            d.baseline_on = r.Text(9);
            d.target = r.Real(10);
            d.latest = r.OptReal(11);
            d.latest_on = r.IsNull(12) ? "" : r.Text(12);
            d.product_name = r.Text(13);
            return d;
        });
    }

    Result<std::vector<ports::CaseStudyRecord>> WithoutGrams(int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kCaseSelect) + " WHERE c.grams = '' ORDER BY c.id LIMIT ?");
        q.Bind(1, static_cast<long long>(limit));
        return CollectRows<ports::CaseStudyRecord>(q, RowToCase);
    }

    Status SetGrams(long long id, const std::string& grams) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE case_studies SET grams = ? WHERE id = ?");
            return up.Bind(1, grams).Bind(2, id).Run();
        });
    }

    Result<std::vector<ports::CaseSourceDeal>> ClosedDeals(const std::string& from, const std::string& to,
                                                           int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT d.id, d.government_code, g.name, d.product_id, p.name, d.stage, d.closed_on, d.created_on,"
                    " d.lost_reason, d.competitor, d.procurement_method, d.owner_id FROM deals d"
                    " JOIN governments g ON g.code = d.government_code JOIN products p ON p.id = d.product_id"
                    " WHERE d.stage IN ('won', 'lost') AND d.closed_on >= ? AND d.closed_on <= ?"
                    " ORDER BY d.closed_on, d.id LIMIT ?");
        q.Bind(1, from).Bind(2, to).Bind(3, static_cast<long long>(limit));
        return CollectRows<ports::CaseSourceDeal>(q, [](const Statement& r) {
            ports::CaseSourceDeal d;
            d.id = r.Int(0);
            d.government_code = r.Text(1);
            d.government_name = r.Text(2);
            d.product_id = r.Int(3);
            d.product_name = r.Text(4);
            d.stage = r.Text(5);
            d.closed_on = r.Text(6);
            d.created_on = r.Text(7);
            d.lost_reason = r.Text(8);
            d.competitor = r.Text(9);
            d.procurement_method = r.Text(10);
            d.owner_id = r.Int(11);
            return d;
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::CaseRepository> MakeCaseRepository(SqlStore* store) {
    return std::make_unique<SqlCaseRepository>(store);
}

}  // namespace kyoso::sql
