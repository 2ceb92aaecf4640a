#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

Statement::Statement(Connection* db, std::string_view sql) { impl_ = db->Prepare(sql, &prepare_status_); }

Statement& Statement::Bind(int index, long long value) {
    if (impl_) impl_->BindInt(index, value);
    return *this;
}
Statement& Statement::Bind(int index, double value) {
    if (impl_) impl_->BindReal(index, value);
    return *this;
}
Statement& Statement::Bind(int index, std::string_view value) {
    if (impl_) impl_->BindText(index, value);
    return *this;
}
Statement& Statement::BindNull(int index) {
    if (impl_) impl_->BindNull(index);
    return *this;
}

bool Statement::Step(Status* status) {
    if (!impl_) {
        *status = prepare_status_;
        return false;
    }
    return impl_->Step(status);
}

Status Statement::Run() {
    Status status;
    while (Step(&status)) {
    }
    return status;
}

void Statement::Reset() {
    if (impl_) impl_->Reset();
}

}  // namespace kyoso::sql
