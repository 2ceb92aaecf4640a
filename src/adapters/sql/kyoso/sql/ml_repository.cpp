#include "kyoso/sql/ml_repository.hpp"

#include <array>
#include <cmath>
#include <unordered_map>

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using domain::ml::History;
using domain::ml::kNoDay;

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string EncodeBase64(const std::string& in) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += kBase64[(v >> 18) & 63];
        out += kBase64[(v >> 12) & 63];
        out += kBase64[(v >> 6) & 63];
        out += kBase64[v & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += kBase64[(v >> 18) & 63];
        out += kBase64[(v >> 12) & 63];
        out += i + 1 < in.size() ? kBase64[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

Result<std::string> DecodeBase64(const std::string& in) {
    std::array<int, 256> table{};
    table.fill(-1);
    for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kBase64[i])] = i;
    std::string out;
    out.reserve(in.size() / 4 * 3);
    unsigned v = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=') break;
        const int d = table[static_cast<unsigned char>(c)];
        if (d < 0) return Internal("ml_models.model_base64 holds a character that is not base64");
        v = (v << 6) | static_cast<unsigned>(d);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((v >> bits) & 0xFF);
        }
    }
    return out;
}

int Day(const std::string& text) {
    auto d = ParseIsoDate(text);
    return d ? domain::ml::DayNumber(*d) : kNoDay;
}

constexpr const char* kModelColumns =
    "id, name, version, trained_at, window_from, window_to, metrics, features, calibrator, active";

ports::MlModelRecord RowToModel(const Statement& q) {
    ports::MlModelRecord m;
    m.id = q.Int(0);
    m.name = q.Text(1);
    m.version = static_cast<int>(q.Int(2));
    m.trained_at = q.Text(3);
    m.window_from = q.Text(4);
    m.window_to = q.Text(5);
    m.metrics_json = q.Text(6);
    m.features_json = q.Text(7);
    m.calibrator = q.Text(8);
    m.active = q.Int(9) != 0;
    return m;
}

class SqlMlRepository final : public ports::MlRepository {
public:
    explicit SqlMlRepository(SqlStore* store) : store_(store) {}

    Result<History> LoadHistory() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Connection* db = lease.db();
        History h;
        Status st;
        {
            Statement q(db,
                        "SELECT code, prefecture_code, kind, similar_group, population, fiscal_strength_index"
                        " FROM governments ORDER BY code");
            while (q.Step(&st)) {
                domain::ml::GovernmentFacts g;
                g.code = q.Text(0);
                g.prefecture_code = q.Text(1);
                g.kind = q.Text(2);
                g.similar_group = q.Text(3);
                if (!q.IsNull(4)) g.population = static_cast<double>(q.Int(4));
                if (!q.IsNull(5)) g.fiscal_strength = q.Real(5);
                h.government_index[g.code] = static_cast<int>(h.governments.size());
                h.governments.push_back(std::move(g));
            }
            if (!st.ok()) return st;
        }
        std::unordered_map<long long, long long> champions;
        std::unordered_map<long long, std::size_t> index;
        {
            Statement q(db,
                        "SELECT id, government_code, product_id, amount, fiscal_year, stage, created_on, closed_on,"
                        " COALESCE(champion_id, 0) FROM deals ORDER BY id");
            while (q.Step(&st)) {
                domain::ml::DealFacts d;
                d.id = q.Int(0);
                auto g = h.government_index.find(q.Text(1));
                d.government = g == h.government_index.end() ? -1 : g->second;
                d.product_id = q.Int(2);
                d.amount = q.Int(3);
                d.fiscal_year = static_cast<int>(q.Int(4));
                d.stage = domain::ml::StageOrdinal(q.Text(5));
                d.created = Day(q.Text(6));
                d.closed = q.IsNull(7) ? kNoDay : Day(q.Text(7));
                if (q.Int(8) != 0) champions[d.id] = q.Int(8);
                index[d.id] = h.deals.size();
                h.deals.push_back(std::move(d));
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(db, "SELECT deal_id, to_stage, moved_on FROM deal_stage_history ORDER BY deal_id, id");
            while (q.Step(&st)) {
                auto it = index.find(q.Int(0));
                if (it == index.end()) continue;
                h.deals[it->second].moves.push_back({Day(q.Text(2)), domain::ml::StageOrdinal(q.Text(1))});
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(db, "SELECT deal_id, type, occurred_on FROM activities WHERE deal_id IS NOT NULL");
            while (q.Step(&st)) {
                auto it = index.find(q.Int(0));
                if (it == index.end()) continue;
                h.deals[it->second].activities.push_back({Day(q.Text(2)), domain::ml::ActivityKindFromSlug(q.Text(1))});
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(db,
                        "SELECT id, source, government_code, status, created_on, COALESCE(converted_deal_id, 0)"
                        " FROM leads ORDER BY id");
            while (q.Step(&st)) {
                domain::ml::LeadFacts l;
                l.id = q.Int(0);
                l.source = q.Text(1);
                auto g = h.government_index.find(q.Text(2));
                l.government = g == h.government_index.end() ? -1 : g->second;
                l.status = q.Text(3);
                l.created = Day(q.Text(4));
                const long long converted = q.Int(5);
                if (converted != 0) {
                    auto it = index.find(converted);
                    if (it != index.end()) h.deals[it->second].lead_source = l.source;
                }
                h.leads.push_back(std::move(l));
            }
            if (!st.ok()) return st;
        }
        std::vector<domain::ml::OfficialFacts> officials;
        {
            Statement q(db,
                        "SELECT id, government_code, department, title, decision_role, COALESCE(posted_from, '')"
                        " FROM officials");
            while (q.Step(&st)) {
                domain::ml::OfficialFacts o;
                o.id = q.Int(0);
                o.government_code = q.Text(1);
                o.department = q.Text(2);
                o.title = q.Text(3);
                o.decision_role = q.Text(4);
                o.posted_from = Day(q.Text(5));
                officials.push_back(std::move(o));
            }
            if (!st.ok()) return st;
        }
        h.Finish(officials, champions);
        return h;
    }

    Result<ports::MlModelRecord> SaveModel(const ports::MlModelRecord& model, bool activate) override {
        ports::MlModelRecord out = model;
        out.model_bytes.clear();
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement next(db, "SELECT COALESCE(MAX(version), 0) FROM ml_models WHERE name = ?");
            next.Bind(1, model.name);
            Status s;
            if (!next.Step(&s)) return s.ok() ? Internal("ml_models: no version row") : s;
            out.version = static_cast<int>(next.Int(0)) + 1;
            if (activate) {
                Statement off(db, "UPDATE ml_models SET active = 0 WHERE name = ?");
                KYOSO_RETURN_IF_ERROR(off.Bind(1, model.name).Run());
            }
            Statement ins(db,
                          "INSERT INTO ml_models(name, version, trained_at, window_from, window_to, metrics, features,"
                          " calibrator, model_base64, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            ins.Bind(1, model.name)
                .Bind(2, out.version)
                .Bind(3, model.trained_at)
                .Bind(4, model.window_from)
                .Bind(5, model.window_to)
                .Bind(6, model.metrics_json)
                .Bind(7, model.features_json)
                .Bind(8, model.calibrator)
                .Bind(9, EncodeBase64(model.model_bytes))
                .Bind(10, activate ? 1 : 0);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto id = db->LastInsertId();
            if (!id.ok()) return id.status();
            out.id = *id;
            out.active = activate;
            return Status();
        });
        if (!st.ok()) return st;
        return out;
    }

    Result<std::vector<ports::MlModelRecord>> ListModels() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kModelColumns + " FROM ml_models ORDER BY id DESC");
        return CollectRows<ports::MlModelRecord>(q, RowToModel);
    }

    Result<std::optional<ports::MlModelRecord>> ActiveModel(const std::string& name) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kModelColumns +
                        ", model_base64 FROM ml_models WHERE name = ? AND active = 1 ORDER BY version DESC");
        q.Bind(1, name);
        Status st;
        if (!q.Step(&st)) {
            if (!st.ok()) return st;
            return std::optional<ports::MlModelRecord>();
        }
        ports::MlModelRecord m = RowToModel(q);
        auto bytes = DecodeBase64(q.Text(10));
        if (!bytes.ok()) return bytes.status();
        m.model_bytes = std::move(*bytes);
        return std::optional<ports::MlModelRecord>(std::move(m));
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::MlRepository> MakeMlRepository(SqlStore* store) {
    return std::make_unique<SqlMlRepository>(store);
}

}  // namespace kyoso::sql
