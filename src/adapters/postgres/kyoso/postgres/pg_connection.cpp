#include "kyoso/postgres/pg_connection.hpp"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

namespace kyoso::postgres {

namespace {

// libpq result OIDs (pg_type.oid) of the types Kyoso reads.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool CommandOk(const PGresult* r) {
    const auto s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

class PgStatement final : public sql::StatementImpl {
public:
    PgStatement(PgConnection* conn, std::string sql) : conn_(conn), sql_(std::move(sql)) {}

    void BindInt(int index, long long value) override { Set(index, std::to_string(value), kInt8Oid); }
    void BindReal(int index, double value) override {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);  // shortest round-trip form
        Set(index, ec == std::errc() ? std::string(buf, end) : std::to_string(value), kFloat8Oid);
    }
    void BindText(int index, std::string_view value) override { Set(index, std::string(value), 0); }
    void BindNull(int index) override {
        Grow(index);
        values_[static_cast<size_t>(index - 1)].reset();
        types_[static_cast<size_t>(index - 1)] = 0;
    }

    bool Step(Status* status) override {
        if (!result_) {
            std::vector<const char*> params(values_.size());
            for (size_t i = 0; i < values_.size(); ++i) params[i] = values_[i] ? values_[i]->c_str() : nullptr;
            const std::string name = conn_->Prepared(sql_, types_, status);
            if (name.empty()) {
                done_ = true;
                return false;
            }
            result_.reset(PQexecPrepared(conn_->raw(), name.c_str(), static_cast<int>(params.size()), params.data(),
                                         nullptr, nullptr, 0));
            if (!result_ || !CommandOk(result_.get())) {
                *status = PgError(result_.get(), conn_->raw(), "executing statement");
                result_.reset();
                done_ = true;
                return false;
            }
            conn_->NoteResult(result_.get());
            row_ = -1;
            rows_ = PQntuples(result_.get());
            done_ = false;
        }
        if (done_) return false;
        if (++row_ < rows_) return true;
        done_ = true;
        return false;
    }
    void Reset() override {
        result_.reset();
        values_.clear();
        types_.clear();
        done_ = false;
    }
    long long Int(int col) const override {
        const char* v = Value(col);
        if (!v || !*v) return 0;
        if (v[0] == 't' && v[1] == '\0') return 1;  // boolean results (SQLite gives 1/0)
        if (v[0] == 'f' && v[1] == '\0') return 0;
        if (std::strpbrk(v, ".eE")) return static_cast<long long>(std::strtod(v, nullptr));
        return std::strtoll(v, nullptr, 10);
    }
    double Real(int col) const override {
        const char* v = Value(col);
        if (!v || !*v) return 0;
        if (v[0] == 't' && v[1] == '\0') return 1;
        if (v[0] == 'f' && v[1] == '\0') return 0;
        return std::strtod(v, nullptr);
    }
    bool IsNull(int col) const override { return !result_ || PQgetisnull(result_.get(), row_, col); }
    std::string Text(int col) const override {
        if (IsNull(col)) return {};
        const char* v = PQgetvalue(result_.get(), row_, col);
        return {v, static_cast<size_t>(PQgetlength(result_.get(), row_, col))};
    }
    sql::ValueKind Kind(int col) const override {
        if (IsNull(col)) return sql::ValueKind::kNull;
        switch (PQftype(result_.get(), col)) {
            case kBoolOid:
            case kInt2Oid:
            case kInt4Oid:
            case kInt8Oid:
                return sql::ValueKind::kInt;
            case kFloat4Oid:
            case kFloat8Oid:
            case kNumericOid:
                return sql::ValueKind::kReal;
            default:
                return sql::ValueKind::kText;
        }
    }
    int ColumnCount() const override { return result_ ? PQnfields(result_.get()) : 0; }

private:
    void Grow(int index) {
        if (index < 1) return;
        if (values_.size() < static_cast<size_t>(index)) {
            values_.resize(static_cast<size_t>(index));
            types_.resize(static_cast<size_t>(index), 0);
        }
    }
    void Set(int index, std::string value, Oid type) {
        if (index < 1) return;
        Grow(index);
        values_[static_cast<size_t>(index - 1)] = std::move(value);
        types_[static_cast<size_t>(index - 1)] = type;
    }
    const char* Value(int col) const {
        if (!result_ || row_ < 0 || row_ >= rows_ || PQgetisnull(result_.get(), row_, col)) return nullptr;
        return PQgetvalue(result_.get(), row_, col);
    }

    PgConnection* conn_;
    std::string sql_;
    std::vector<std::optional<std::string>> values_;
    std::vector<Oid> types_;
    ResultPtr result_;
    int row_ = -1;
    int rows_ = 0;
    bool done_ = false;
};

}  // namespace

std::string TranslateParameters(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 0;
    char quote = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            out += c;
            if (c == quote) quote = 0;  // a doubled quote re-enters at once: same result
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            out += c;
            continue;
        }
        if (c != '?') {
            out += c;
            continue;
        }
        size_t j = i + 1;
        int n = 0;
        while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
        if (j == i + 1) {
            n = ++next;
        } else {
            if (n > next) next = n;
            i = j - 1;
        }
        out += '$';
        out += std::to_string(n);
    }
    return out;
}

Status PgError(const PGresult* result, PGconn* conn, std::string_view what) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const char* detail = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL) : nullptr;
    std::string msg = std::string(what) + ": ";
    if (primary) {
        msg += primary;
        if (detail) msg += std::string(" (") + detail + ")";
    } else {
        msg += PQerrorMessage(conn);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    }
    const std::string code = state ? state : "";
    if (code == "23505") return {ErrorCode::kAlreadyExists, msg};
    if (code.rfind("23", 0) == 0) return {ErrorCode::kInvalidArgument, msg};
    if (code == "40001" || code == "40P01" || code.rfind("08", 0) == 0 || code.rfind("53", 0) == 0 ||
        code.rfind("57", 0) == 0 || code.empty()) {
        return {ErrorCode::kUnavailable, msg};
    }
    return {ErrorCode::kInternal, msg};
}

std::string RedactUrl(std::string_view url) {
    const size_t scheme = url.find("://");
    const size_t at = url.find('@');
    if (scheme == std::string_view::npos || at == std::string_view::npos || at < scheme) return std::string(url);
    const size_t colon = url.find(':', scheme + 3);
    if (colon == std::string_view::npos || colon > at) return std::string(url);
    return std::string(url.substr(0, colon)) + ":***" + std::string(url.substr(at));
}

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        std::string why = conn ? PQerrorMessage(conn) : "out of memory";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        PQfinish(conn);
        return Unavailable("cannot connect to PostgreSQL at " + RedactUrl(url) + ": " + why);
    }
    std::unique_ptr<PgConnection> out(new PgConnection(conn));
    // ISO text for every value; no notices on the client's stderr.
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    KYOSO_RETURN_IF_ERROR(out->Exec("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO'; SET TimeZone = 'UTC'"));
    return out;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::NoteResult(const PGresult* result) {
    const char* n = PQcmdTuples(const_cast<PGresult*>(result));
    changes_ = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
}

std::unique_ptr<sql::StatementImpl> PgConnection::Prepare(std::string_view sql, Status*) {
    return std::make_unique<PgStatement>(this, TranslateParameters(sql));
}

std::string PgConnection::Prepared(const std::string& sql, const std::vector<Oid>& types, Status* status) {
    std::string key(reinterpret_cast<const char*>(types.data()), types.size() * sizeof(Oid));
    key += sql;
    if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
    if (prepared_.size() >= kMaxPrepared) {
        ResultPtr r(PQexec(conn_, "DEALLOCATE ALL"));
        prepared_.clear();
    }
    std::string name = "k" + std::to_string(next_prepared_++);
    ResultPtr r(PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()),
                          types.empty() ? nullptr : types.data()));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        *status = PgError(r.get(), conn_, "preparing statement");
        return "";
    }
    prepared_.emplace(std::move(key), name);
    return name;
}

Status PgConnection::Exec(std::string_view sql) {
    ResultPtr r(PQexec(conn_, std::string(sql).c_str()));
    if (!r || !CommandOk(r.get())) return PgError(r.get(), conn_, "executing SQL");
    NoteResult(r.get());
    return Status::Ok();
}

Result<long long> PgConnection::LastInsertId() {
    ResultPtr r(PQexec(conn_, "SELECT lastval()"));
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) {
        return PgError(r.get(), conn_, "reading the inserted row's id");
    }
    return std::strtoll(PQgetvalue(r.get(), 0, 0), nullptr, 10);
}

Status PgConnection::LockUntilCommit(long long key) {
    return Exec("SELECT pg_advisory_xact_lock(" + std::to_string(key) + ")");
}

Status PgConnection::SyncIdentity(std::string_view table) {
    // Table names come from Kyoso's own SQL, never from input.
    const std::string t(table);
    const std::string sql = "SELECT setval(s, COALESCE((SELECT MAX(id) FROM " + t +
                            "), 0) + 1, false) FROM pg_get_serial_sequence('" + t + "', 'id') AS s WHERE s IS NOT NULL";
    ResultPtr r(PQexec(conn_, sql.c_str()));
    if (!r || !CommandOk(r.get())) return PgError(r.get(), conn_, "advancing the id sequence of " + t);
    return Status::Ok();
}

}  // namespace kyoso::postgres
