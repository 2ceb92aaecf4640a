#include <nlohmann/json.hpp>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kNoticeColumns =
    "n.id, n.source, n.source_key, n.title, n.description, n.url, n.organization_name, n.lg_code, n.city_code, "
    "n.prefecture_name, n.city_name, COALESCE(n.government_code, ''), n.category, n.procedure_type, n.issued_on, "
    "n.due_on, n.award_winner, n.award_amount, n.awarded_on, n.review_state, n.link_reason, COALESCE(g.name, ''), "
    "n.created_at, n.updated_at";

std::optional<Date> OptDate(const Statement& q, int col) {
    if (q.IsNull(col)) return std::nullopt;
    return ParseIsoDate(q.Text(col));
}

std::optional<std::string> DateText(const std::optional<Date>& d) {
    if (!d) return std::nullopt;
    return FormatIsoDate(*d);
}

ports::StoredNotice NoticeOf(const Statement& q) {
    ports::StoredNotice s;
    auto& n = s.notice;
    n.id = q.Int(0);
    n.source = q.Text(1);
    n.key = q.Text(2);
    n.title = q.Text(3);
    n.description = q.Text(4);
    n.url = q.Text(5);
    n.organization_name = q.Text(6);
    n.lg_code = q.Text(7);
    n.city_code = q.Text(8);
    n.prefecture_name = q.Text(9);
    n.city_name = q.Text(10);
    n.government_code = q.Text(11);
    n.category = q.Text(12);
    n.procedure_type = q.Text(13);
    n.issued_on = OptDate(q, 14);
    n.due_on = OptDate(q, 15);
    n.award_winner = q.Text(16);
    n.award_amount = q.OptInt(17);
    n.awarded_on = OptDate(q, 18);
    s.review_state = q.Text(19);
    s.link_reason = q.Text(20);
    s.government_name = q.Text(21);
    s.created_at = q.Text(22);
    s.updated_at = q.Text(23);
    return s;
}

std::string TermsJson(const std::vector<std::string>& terms) { return nlohmann::json(terms).dump(); }

std::vector<std::string> TermsOf(const std::string& text) {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> out;
    if (!parsed.is_array()) return out;
    for (const auto& t : parsed) {
        if (t.is_string()) out.push_back(t.get<std::string>());
    }
    return out;
}

class SqlNoticeRepository final : public ports::NoticeRepository {
public:
    explicit SqlNoticeRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<domain::GovernmentName>> GovernmentNames() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT g.code, g.name, g.prefecture_name, g.kind, p.code FROM governments g"
                    " LEFT JOIN governments p ON p.kind = 'prefecture' AND p.prefecture_code = g.prefecture_code"
                    " WHERE g.no_government = 0 ORDER BY g.code");
        return CollectRows<domain::GovernmentName>(q, [](const Statement& r) {
            domain::GovernmentName g;
            g.code = r.Text(0);
            g.name = r.Text(1);
            g.prefecture_name = r.Text(2);
            g.is_prefecture = r.Text(3) == "prefecture";
            g.prefecture_code = r.IsNull(4) ? "" : r.Text(4);
            return g;
        });
    }

    Result<ports::NoticeUpsertResult> Upsert(const domain::TenderNotice& n, const std::string& dedupe_key,
                                             const std::string& review_state, const std::string& link_reason,
                                             const std::string& now) override {
        ports::NoticeUpsertResult result;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement same(db, "SELECT id FROM notices WHERE source = ? AND source_key = ?");
            same.Bind(1, n.source).Bind(2, n.key);
            Status step;
            if (same.Step(&step)) {
                result.id = same.Int(0);
                result.outcome = ports::NoticeUpsertOutcome::kUpdated;
                // A manual link or dismissal stays; an automatic state follows the new link.
                Statement up(db,
                             "UPDATE notices SET title = ?, description = ?, url = ?, organization_name = ?, "
                             "lg_code = ?, city_code = ?, prefecture_name = ?, city_name = ?, category = ?, "
                             "procedure_type = ?, issued_on = ?, due_on = ?, award_winner = ?, award_amount = ?, "
                             "awarded_on = ?, dedupe_key = ?, updated_at = ?, "
                             "government_code = CASE WHEN link_reason LIKE 'manual%' OR review_state = 'dismissed' "
                             "THEN government_code ELSE ? END, "
                             "review_state = CASE WHEN link_reason LIKE 'manual%' OR review_state = 'dismissed' "
                             "THEN review_state ELSE ? END, "
                             "link_reason = CASE WHEN link_reason LIKE 'manual%' OR review_state = 'dismissed' "
                             "THEN link_reason ELSE ? END WHERE id = ?");
                BindNotice(up, n, 1);
                up.Bind(16, dedupe_key).Bind(17, now);
                if (n.government_code.empty()) {
                    up.BindNull(18);
                } else {
                    up.Bind(18, n.government_code);
                }
                up.Bind(19, review_state).Bind(20, link_reason).Bind(21, result.id);
                return up.Run();
            }
            KYOSO_RETURN_IF_ERROR(step);
            // The same notice from another source is kept once (docs/intel.md, "Deduplication").
            Statement dup(db, "SELECT id FROM notices WHERE dedupe_key = ? AND source <> ? ORDER BY id LIMIT 1");
            dup.Bind(1, dedupe_key).Bind(2, n.source);
            if (dup.Step(&step)) {
                result.id = dup.Int(0);
                result.outcome = ports::NoticeUpsertOutcome::kDuplicate;
                return Status::Ok();
            }
            KYOSO_RETURN_IF_ERROR(step);
            Statement ins(db,
                          "INSERT INTO notices(title, description, url, organization_name, lg_code, city_code, "
                          "prefecture_name, city_name, category, procedure_type, issued_on, due_on, award_winner, "
                          "award_amount, awarded_on, dedupe_key, created_at, updated_at, government_code, "
                          "review_state, link_reason, source, source_key) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            BindNotice(ins, n, 1);
            ins.Bind(16, dedupe_key).Bind(17, now).Bind(18, now);
            if (n.government_code.empty()) {
                ins.BindNull(19);
            } else {
                ins.Bind(19, n.government_code);
            }
            ins.Bind(20, review_state).Bind(21, link_reason).Bind(22, n.source).Bind(23, n.key);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto id = db->LastInsertId();
            if (!id.ok()) return id.status();
            result.id = *id;
            result.outcome = ports::NoticeUpsertOutcome::kInserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return result;
    }

    Result<ports::StoredNotice> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kNoticeColumns +
                                    " FROM notices n LEFT JOIN governments g ON g.code = n.government_code"
                                    " WHERE n.id = ?");
        q.Bind(1, id);
        Status st;
        if (q.Step(&st)) return NoticeOf(q);
        if (!st.ok()) return st;
        return NotFound("no notice with id " + std::to_string(id));
    }

    Result<ports::NoticePage> List(const ports::NoticeQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        // Every filter is bound; an absent one is NULL and matches everything.
        const std::string where =
            " WHERE (CAST(? AS TEXT) IS NULL OR n.government_code = ?)"
            " AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM notice_matches m WHERE m.notice_id = n.id"
            " AND CAST(m.product_id AS TEXT) = ?))"
            " AND (CAST(? AS TEXT) IS NULL OR " +
            std::string(PositionFunction(store_->dialect())) +
            "(n.title, ?) > 0)"
            " AND (CAST(? AS TEXT) IS NULL OR n.review_state = ?)"
            " AND (CAST(? AS TEXT) IS NULL OR n.issued_on >= ?)"
            " AND (CAST(? AS TEXT) IS NULL OR n.issued_on <= ?)";
        std::optional<std::string> product;
        if (query.product_id) product = std::to_string(*query.product_id);
        auto bind = [&](Statement& q) {
            int i = 1;
            const std::optional<std::string>* values[] = {&query.government_code, &product,
                                                          &query.title_contains,  &query.review_state,
                                                          &query.issued_from,     &query.issued_to};
            for (const auto* v : values) {
                q.Bind(i++, *v);
                q.Bind(i++, *v);
            }
            return i;
        };
        ports::NoticePage page;
        Statement count(lease.db(), "SELECT COUNT(*) FROM notices n" + where);
        bind(count);
        Status st;
        if (count.Step(&st)) page.total = count.Int(0);
        KYOSO_RETURN_IF_ERROR(st);
        Statement q(lease.db(), std::string("SELECT ") + kNoticeColumns +
                                    " FROM notices n LEFT JOIN governments g ON g.code = n.government_code" + where +
                                    " ORDER BY CASE WHEN n.issued_on IS NULL THEN 1 ELSE 0 END, n.issued_on DESC,"
                                    " n.id DESC LIMIT ? OFFSET ?");
        int next = bind(q);
        q.Bind(next, static_cast<long long>(query.limit)).Bind(next + 1, query.offset);
        auto rows = CollectRows<ports::StoredNotice>(q, NoticeOf);
        if (!rows.ok()) return rows.status();
        page.items = std::move(*rows);
        return page;
    }

    Status SetReview(long long id, const std::string& government_code, const std::string& review_state,
                     const std::string& link_reason, const std::string& now) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE notices SET government_code = ?, review_state = ?, link_reason = ?, updated_at = ?"
                         " WHERE id = ?");
            if (government_code.empty()) {
                up.BindNull(1);
            } else {
                up.Bind(1, government_code);
            }
            up.Bind(2, review_state).Bind(3, link_reason).Bind(4, now).Bind(5, id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no notice with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Result<bool> PutMatch(const ports::NoticeMatchRow& m, const std::string& now) override {
        bool inserted = false;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO notice_matches(notice_id, product_id, score, terms, created_at)"
                          " VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING");
            ins.Bind(1, m.notice_id).Bind(2, m.product_id).Bind(3, m.score).Bind(4, TermsJson(m.terms)).Bind(5, now);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            inserted = db->Changes() > 0;
            if (inserted) return Status::Ok();
            Statement up(db, "UPDATE notice_matches SET score = ?, terms = ? WHERE notice_id = ? AND product_id = ?");
            up.Bind(1, m.score).Bind(2, TermsJson(m.terms)).Bind(3, m.notice_id).Bind(4, m.product_id);
            return up.Run();
        });
        if (!st.ok()) return st;
        return inserted;
    }

    Result<std::vector<ports::NoticeMatchRow>> Matches(long long notice_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(
            lease.db(),
            "SELECT m.notice_id, m.product_id, p.name, m.score, m.terms FROM notice_matches m"
            " JOIN products p ON p.id = m.product_id WHERE m.notice_id = ? ORDER BY m.score DESC, m.product_id");
        q.Bind(1, notice_id);
        return CollectRows<ports::NoticeMatchRow>(q, [](const Statement& r) {
            return ports::NoticeMatchRow{r.Int(0), r.Int(1), r.Text(2), r.Real(3), TermsOf(r.Text(4))};
        });
    }

    Result<long long> InsertAlert(const ports::AlertRow& a) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO alerts(user_id, kind, notice_id, product_id, government_code, message, "
                          "created_at, read_at) VALUES (?,?,?,?,?,?,?,'')");
            ins.Bind(1, a.user_id).Bind(2, a.kind);
            if (a.notice_id) {
                ins.Bind(3, a.notice_id);
            } else {
                ins.BindNull(3);
            }
            if (a.product_id) {
                ins.Bind(4, a.product_id);
            } else {
                ins.BindNull(4);
            }
            if (a.government_code.empty()) {
                ins.BindNull(5);
            } else {
                ins.Bind(5, a.government_code);
            }
            ins.Bind(6, a.message).Bind(7, a.created_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<std::vector<ports::AlertRow>> Alerts(long long user_id, bool unread_only, int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT a.id, a.user_id, a.kind, COALESCE(a.notice_id, 0), COALESCE(a.product_id, 0),"
                                " COALESCE(a.government_code, ''), a.message, a.created_at, a.read_at,"
                                " COALESCE(n.title, ''), COALESCE(p.name, ''), COALESCE(g.name, '')"
                                " FROM alerts a LEFT JOIN notices n ON n.id = a.notice_id"
                                " LEFT JOIN products p ON p.id = a.product_id"
                                " LEFT JOIN governments g ON g.code = a.government_code WHERE a.user_id = ?") +
                        (unread_only ? " AND a.read_at = ''" : "") +
                        " ORDER BY CASE WHEN a.read_at = '' THEN 0 ELSE 1 END, a.id DESC LIMIT ?");
        q.Bind(1, user_id).Bind(2, static_cast<long long>(limit));
        return CollectRows<ports::AlertRow>(q, [](const Statement& r) {
            ports::AlertRow a;
            a.id = r.Int(0);
            a.user_id = r.Int(1);
            a.kind = r.Text(2);
            a.notice_id = r.Int(3);
            a.product_id = r.Int(4);
            a.government_code = r.Text(5);
            a.message = r.Text(6);
            a.created_at = r.Text(7);
            a.read_at = r.Text(8);
            a.notice_title = r.Text(9);
            a.product_name = r.Text(10);
            a.government_name = r.Text(11);
            return a;
        });
    }

    Status MarkAlertRead(long long user_id, long long alert_id, const std::string& now) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE alerts SET read_at = CASE WHEN read_at = '' THEN ? ELSE read_at END"
                         " WHERE id = ? AND user_id = ?");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, now).Bind(2, alert_id).Bind(3, user_id).Run());
            if (db->Changes() == 0) return NotFound("no alert with id " + std::to_string(alert_id));
            return Status::Ok();
        });
    }

    Result<std::vector<ports::CompetitorRow>> Competitors(const std::string& government_code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT n.award_winner, COUNT(*), CAST(COALESCE(SUM(n.award_amount), 0) AS BIGINT),"
                    " COALESCE(MAX(COALESCE(n.awarded_on, n.issued_on)), '') FROM notices n"
                    " WHERE n.government_code = ? AND n.award_winner <> '' AND n.review_state <> 'dismissed'"
                    " GROUP BY n.award_winner ORDER BY COUNT(*) DESC, 3 DESC, n.award_winner");
        q.Bind(1, government_code);
        auto rows = CollectRows<ports::CompetitorRow>(q, [](const Statement& r) {
            return ports::CompetitorRow{r.Text(0), r.Int(1), r.Int(2), r.Text(3), ""};
        });
        if (!rows.ok()) return rows.status();
        for (auto& row : *rows) {
            Statement last(lease.db(),
                           "SELECT n.title FROM notices n WHERE n.government_code = ? AND n.award_winner = ?"
                           " AND n.review_state <> 'dismissed'"
                           " ORDER BY COALESCE(n.awarded_on, n.issued_on) DESC, n.id DESC LIMIT 1");
            last.Bind(1, government_code).Bind(2, row.winner);
            Status st;
            if (last.Step(&st)) row.last_title = last.Text(0);
            KYOSO_RETURN_IF_ERROR(st);
        }
        return rows;
    }

private:
    // Binds the notice's content columns at first..first+14 (title … awarded_on).
    static void BindNotice(Statement& q, const domain::TenderNotice& n, int first) {
        q.Bind(first, n.title)
            .Bind(first + 1, n.description)
            .Bind(first + 2, n.url)
            .Bind(first + 3, n.organization_name)
            .Bind(first + 4, n.lg_code)
            .Bind(first + 5, n.city_code)
            .Bind(first + 6, n.prefecture_name)
            .Bind(first + 7, n.city_name)
            .Bind(first + 8, n.category)
            .Bind(first + 9, n.procedure_type)
            .Bind(first + 10, DateText(n.issued_on))
            .Bind(first + 11, DateText(n.due_on))
            .Bind(first + 12, n.award_winner)
            .Bind(first + 13, n.award_amount)
            .Bind(first + 14, DateText(n.awarded_on));
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::NoticeRepository> MakeNoticeRepository(SqlStore* store) {
    return std::make_unique<SqlNoticeRepository>(store);
}

}  // namespace kyoso::sql
