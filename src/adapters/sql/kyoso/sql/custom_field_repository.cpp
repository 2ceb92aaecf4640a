#include <string>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kColumns = "id, entity, key, label, type, choices, required";

Result<domain::CustomFieldDefinition> RowToDefinition(const Statement& q) {
    domain::CustomFieldDefinition d;
    d.id = q.Int(0);
    auto entity = domain::CustomFieldEntityFromSlug(q.Text(1));
    auto type = domain::CustomFieldTypeFromSlug(q.Text(4));
    if (!entity || !type) return Internal("custom field definition " + std::to_string(d.id) + " is corrupt");
    d.entity = *entity;
    d.key = q.Text(2);
    d.label = q.Text(3);
    d.type = *type;
    d.choices = SplitList(q.Text(5));
    d.required = q.Int(6) != 0;
    return d;
}

class SqlCustomFieldRepository final : public ports::CustomFieldRepository {
public:
    explicit SqlCustomFieldRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<domain::CustomFieldDefinition>> Definitions(
        std::optional<domain::CustomFieldEntity> entity) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns +
                                    " FROM custom_field_definitions WHERE (CAST(?1 AS TEXT) IS NULL OR entity = ?1)"
                                    " ORDER BY entity, id");
        if (entity) {
            q.Bind(1, domain::CustomFieldEntitySlug(*entity));
        } else {
            q.BindNull(1);
        }
        std::vector<domain::CustomFieldDefinition> out;
        Status st;
        while (q.Step(&st)) {
            auto d = RowToDefinition(q);
            if (!d.ok()) return d.status();
            out.push_back(std::move(*d));
        }
        if (!st.ok()) return st;
        return out;
    }

    Result<domain::CustomFieldDefinition> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM custom_field_definitions WHERE id = ?");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no custom field with id " + std::to_string(id)) : st;
        return RowToDefinition(q);
    }

    Result<long long> Insert(const domain::CustomFieldDefinition& d) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement s(db,
                        "INSERT INTO custom_field_definitions(entity, key, label, type, choices, required)"
                        " VALUES (?,?,?,?,?,?)");
            s.Bind(1, domain::CustomFieldEntitySlug(d.entity)).Bind(2, d.key).Bind(3, d.label);
            s.Bind(4, domain::CustomFieldTypeSlug(d.type)).Bind(5, JoinList(d.choices)).Bind(6, d.required ? 1 : 0);
            Status run = s.Run();
            if (!run.ok() && run.code() == ErrorCode::kAlreadyExists) {
                return {ErrorCode::kAlreadyExists,
                        std::string(domain::CustomFieldEntitySlug(d.entity)) + " already has a custom field '" + d.key +
                            "'",
                        {{"key", "already defined"}}};
            }
            KYOSO_RETURN_IF_ERROR(run);
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status Update(const domain::CustomFieldDefinition& d) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement s(db, "UPDATE custom_field_definitions SET label = ?, choices = ?, required = ? WHERE id = ?");
            s.Bind(1, d.label).Bind(2, JoinList(d.choices)).Bind(3, d.required ? 1 : 0).Bind(4, d.id);
            KYOSO_RETURN_IF_ERROR(s.Run());
            if (db->Changes() == 0) return NotFound("no custom field with id " + std::to_string(d.id));
            return Status::Ok();
        });
    }

    Status Delete(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement values(db, "DELETE FROM custom_field_values WHERE definition_id = ?");
            KYOSO_RETURN_IF_ERROR(values.Bind(1, id).Run());
            Statement s(db, "DELETE FROM custom_field_definitions WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(s.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no custom field with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Result<long long> CountValues(long long definition_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT COUNT(*) FROM custom_field_values WHERE definition_id = ?");
        q.Bind(1, definition_id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
        return q.Int(0);
    }

    Result<std::vector<std::string>> DistinctValues(long long definition_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT DISTINCT value FROM custom_field_values WHERE definition_id = ? ORDER BY 1");
        q.Bind(1, definition_id);
        std::vector<std::string> out;
        Status st;
        while (q.Step(&st)) out.push_back(q.Text(0));
        if (!st.ok()) return st;
        return out;
    }

    Result<std::vector<ports::CustomFieldValue>> ValuesOf(domain::CustomFieldEntity entity,
                                                          const std::string& record_key) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT v.definition_id, v.value FROM custom_field_values v"
                    " JOIN custom_field_definitions d ON d.id = v.definition_id"
                    " WHERE v.record_key = ? AND d.entity = ? ORDER BY d.id");
        q.Bind(1, record_key).Bind(2, domain::CustomFieldEntitySlug(entity));
        std::vector<ports::CustomFieldValue> out;
        Status st;
        while (q.Step(&st)) out.push_back({q.Int(0), q.Text(1)});
        if (!st.ok()) return st;
        return out;
    }

    Status SetValue(long long definition_id, const std::string& record_key,
                    const std::optional<std::string>& value) override {
        return store_->Write([&](Connection* db) -> Status {
            if (!value) {
                Statement s(db, "DELETE FROM custom_field_values WHERE definition_id = ? AND record_key = ?");
                return s.Bind(1, definition_id).Bind(2, record_key).Run();
            }
            Statement s(db,
                        "INSERT INTO custom_field_values(definition_id, record_key, value) VALUES (?,?,?)"
                        " ON CONFLICT(definition_id, record_key) DO UPDATE SET value = excluded.value");
            return s.Bind(1, definition_id).Bind(2, record_key).Bind(3, *value).Run();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::CustomFieldRepository> MakeCustomFieldRepository(SqlStore* store) {
    return std::make_unique<SqlCustomFieldRepository>(store);
}

}  // namespace kyoso::sql
