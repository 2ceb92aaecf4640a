#include "kyoso/app/official/official_service.hpp"

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

constexpr const char* kCursorPrefix = "officials:v1:";
constexpr size_t kMaxTextBytes = 200;

Status FieldErrors(std::vector<ErrorDetail> details) {
    std::string message = "invalid request: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

void CheckText(const std::string& value, const char* field, bool required, std::vector<ErrorDetail>& errors) {
    if (required && value.empty()) {
        errors.push_back({field, "required"});
    } else if (value.size() > kMaxTextBytes) {
        errors.push_back({field, "at most 200 bytes"});
    } else if (value.find_first_of("\n\r\t") != std::string::npos) {
        errors.push_back({field, "must be one line"});
    }
}

void CheckEmail(const std::string& email, std::vector<ErrorDetail>& errors) {
    if (email.empty()) return;
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= email.size() || email.find(' ') != std::string::npos ||
        email.size() > kMaxTextBytes) {
        errors.push_back({"email", "not an e-mail address: '" + email + "'"});
    }
}

}  // namespace

std::string OfficialAuditJson(const domain::Official& o) {
    AuditJson j;
    j.Int("id", o.id).Str("government_code", o.government_code).Int("department_id", o.department_id);
    j.Str("department", o.department).Str("name", o.name).Str("kana", o.kana).Str("title", o.title);
    j.Str("decision_role", o.decision_role).Str("email", o.email).Str("phone", o.phone);
    j.Bool("do_not_contact", o.do_not_contact).Bool("active", o.active);
    j.Str("posted_from", o.posted_from ? FormatIsoDate(*o.posted_from) : "");
    return j.str();
}

const std::set<std::string>& OfficialFieldNames() {
    static const std::set<std::string> kNames = {"id",     "government_code", "department_id", "department",    "name",
                                                 "kana",   "title",           "email",         "decision_role", "phone",
                                                 "active", "do_not_contact",  "posted_from"};
    return kNames;
}

std::string OfficialService::NameKey(const std::string& name, const std::string& kana) const {
    return domain::OfficialNameKey(normalizer_.Fold(name), normalizer_.Fold(kana));
}

Status OfficialService::BackfillNameKeys() {
    while (true) {
        auto rows = store_.officials().WithoutNameKey(1000);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return Status::Ok();
        for (const auto& o : *rows) {
            std::string key = NameKey(o.name, o.kana);
            if (key.empty()) key = "|";
            KYOSO_RETURN_IF_ERROR(store_.officials().SetNameKey(o.id, key));
        }
    }
}

Status OfficialService::CheckDepartment(const std::string& government_code, long long department_id, const char* field,
                                        std::vector<ErrorDetail>& errors) {
    if (department_id <= 0) {
        errors.push_back({field, "must be a department id"});
        return Status::Ok();
    }
    auto d = store_.departments().Get(department_id);
    if (!d.ok()) {
        if (d.status().code() != ErrorCode::kNotFound) return d.status();
        errors.push_back({field, "no department with id " + std::to_string(department_id)});
    } else if (!government_code.empty() && d->government_code != government_code) {
        errors.push_back({field, "department " + std::to_string(department_id) + " belongs to " + d->government_code +
                                     ", not " + government_code});
    }
    return Status::Ok();
}

Result<OfficialListResult> OfficialService::List(const ListParams& params) {
    static const std::set<std::string> kKnown = {"government", "department_id", "role",   "q",     "do_not_contact",
                                                 "sort",       "limit",         "cursor", "fields"};
    for (const auto& [key, value] : params) {
        if (!kKnown.count(key)) {
            return ParamError(key,
                              "unknown parameter (known: government, department_id, role, q, do_not_contact, sort, "
                              "limit, cursor, fields)");
        }
    }
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = params.find(key);
        if (it == params.end()) return std::nullopt;
        return it->second;
    };
    ports::OfficialQuery q;
    OfficialListResult out;
    if (auto v = get("government")) {
        auto code = domain::GovernmentCode::Parse(*v);
        if (!code.ok()) return ParamError("government", code.status().message());
        q.government_code = code->str();
    }
    if (auto v = get("department_id")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1) return ParamError("department_id", "must be a department id, got '" + *v + "'");
        q.department_id = *n;
    }
    if (auto v = get("role")) {
        auto role = domain::DecisionRoleFromText(*v);
        if (!role) return ParamError("role", "unknown role '" + *v + "' (approver, owner, influencer)");
        q.decision_role = std::string(domain::DecisionRoleSlug(*role));
    }
    if (auto v = get("q")) {
        if (v->size() > 200) return ParamError("q", "at most 200 bytes");
        std::string folded = normalizer_.Fold(*v);
        if (!folded.empty()) q.folded_text = folded;
    }
    if (auto v = get("do_not_contact")) {
        if (*v != "true" && *v != "false") return ParamError("do_not_contact", "must be true or false");
        q.do_not_contact = *v == "true";
    }
    std::string sort = get("sort").value_or("id");
    if (sort == "id") {
        q.sort = ports::OfficialSort::kIdAsc;
    } else if (sort == "-id") {
        q.sort = ports::OfficialSort::kIdDesc;
    } else if (sort == "name") {
        q.sort = ports::OfficialSort::kNameAsc;
    } else if (sort == "-name") {
        q.sort = ports::OfficialSort::kNameDesc;
    } else {
        return ParamError("sort", "unknown sort '" + sort + "' (id, -id, name, -name)");
    }
    if (auto v = get("limit")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1 || *n > 500) return ParamError("limit", "must be an integer from 1 to 500, got '" + *v + "'");
        q.limit = static_cast<int>(*n);
    }
    if (auto v = get("fields")) {
        for (const auto& f : Split(*v, ',')) {
            const std::string name = Trim(f);
            if (!OfficialFieldNames().count(name)) return ParamError("fields", "unknown field '" + name + "'");
            out.fields.push_back(name);
        }
    }
    // The cursor carries the sort it was issued for: "officials:v1:<sort>:<id>:<key>".
    if (auto v = get("cursor")) {
        auto raw = FromHex(*v, 2048);
        const std::string prefix = std::string(kCursorPrefix) + sort + ":";
        std::optional<long long> after;
        std::string key;
        if (raw && raw->rfind(prefix, 0) == 0) {
            std::string rest = raw->substr(prefix.size());
            auto colon = rest.find(':');
            if (colon != std::string::npos) {
                after = ParseInt(std::string_view(rest).substr(0, colon));
                key = rest.substr(colon + 1);
            }
        }
        if (!after || *after < 0) {
            return ParamError("cursor", "not a cursor issued by this server for this sort; start again without it");
        }
        q.after_id = *after;
        q.after_key = key;
    }
    // Text search and name sorts read the name key: compute any missing ones first
    // (rows bulk-loaded without it, e.g. by the demo), which writes only once.
    if (q.folded_text || q.sort == ports::OfficialSort::kNameAsc || q.sort == ports::OfficialSort::kNameDesc) {
        auto missing = store_.officials().WithoutNameKey(1);
        if (!missing.ok()) return missing.status();
        if (!missing->empty()) KYOSO_RETURN_IF_ERROR(store_.InTransaction([&] { return BackfillNameKeys(); }));
    }
    auto page = store_.officials().List(q);
    if (!page.ok()) return page.status();
    out.total = page->total;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back();
        out.next_cursor = ToHex(std::string(kCursorPrefix) + sort + ":" + std::to_string(last.id) + ":" +
                                (sort == "name" || sort == "-name" ? last.name_key : ""));
    }
    out.items = std::move(page->items);
    return out;
}

Result<OfficialDetail> OfficialService::Get(long long id) {
    auto o = store_.officials().Get(id);
    if (!o.ok()) return o.status();
    OfficialDetail d;
    d.official = std::move(*o);
    auto postings = store_.officials().Postings(id);
    if (!postings.ok()) return postings.status();
    d.postings = std::move(*postings);
    auto name_of = [&](long long other) {
        auto x = store_.officials().Get(other);
        return x.ok() ? x->name : std::string();
    };
    auto preds = store_.officials().Predecessors(id);
    if (!preds.ok()) return preds.status();
    for (const auto& s : *preds) d.predecessors.push_back({s, s.predecessor_id, name_of(s.predecessor_id)});
    auto succs = store_.officials().Successors(id);
    if (!succs.ok()) return succs.status();
    for (const auto& s : *succs) d.successors.push_back({s, s.successor_id, name_of(s.successor_id)});
    return d;
}

Result<OfficialDetail> OfficialService::Create(const OfficialCreate& r, const std::string& actor) {
    std::vector<ErrorDetail> errors;
    domain::Official o;
    auto code = domain::GovernmentCode::Parse(r.government_code);
    if (!code.ok()) {
        errors.push_back({"government_code", code.status().message()});
    } else {
        o.government_code = code->str();
        auto gov = store_.governments().Get(o.government_code);
        if (!gov.ok()) {
            if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
            errors.push_back({"government_code", "no government with code " + o.government_code});
        }
    }
    CheckText(r.name, "name", true, errors);
    CheckText(r.kana, "kana", false, errors);
    CheckText(r.department, "department", false, errors);
    CheckText(r.title, "title", false, errors);
    CheckText(r.phone, "phone", false, errors);
    CheckEmail(r.email, errors);
    if (r.decision_role) {
        auto role = domain::DecisionRoleFromText(*r.decision_role);
        if (!role) {
            errors.push_back(
                {"decision_role", "unknown role '" + *r.decision_role + "' (approver, owner, influencer)"});
        } else {
            o.decision_role = std::string(domain::DecisionRoleSlug(*role));
        }
    }
    if (r.department_id) {
        KYOSO_RETURN_IF_ERROR(CheckDepartment(o.government_code, *r.department_id, "department_id", errors));
    }
    const Date today = clock_.Today();
    Date from = today;
    if (r.posted_from) {
        if (auto d = ParseIsoDate(*r.posted_from)) {
            from = *d;
        } else {
            errors.push_back({"posted_from", "must be a date YYYY-MM-DD, got '" + *r.posted_from + "'"});
        }
    }
    if (!errors.empty()) return FieldErrors(std::move(errors));
    o.name = r.name;
    o.kana = r.kana;
    o.title = r.title;
    o.email = r.email;
    o.phone = r.phone;
    o.do_not_contact = r.do_not_contact;
    o.active = r.active;
    o.posted_from = from;
    o.department_id = r.department_id.value_or(0);
    o.department = r.department;
    if (o.department_id != 0 && o.department.empty()) {
        auto d = store_.departments().Get(o.department_id);
        if (!d.ok()) return d.status();
        o.department = d->name;
    }
    o.name_key = NameKey(o.name, o.kana);

    long long new_id = 0;
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(BackfillNameKeys());
        if (!r.allow_duplicate) {
            auto same = store_.officials().FindByNameKey(o.government_code, o.name_key, false);
            if (!same.ok()) return same.status();
            if (!same->empty()) {
                const long long existing = same->front().id;
                return Status(ErrorCode::kAlreadyExists,
                              "official " + std::to_string(existing) + " (" + same->front().name +
                                  ") has the same name and kana in " + o.government_code +
                                  "; pass allow_duplicate: true to create another",
                              {{"name", "duplicate of official " + std::to_string(existing)},
                               {"existing_id", std::to_string(existing)}});
            }
        }
        auto id = store_.officials().Insert(o);
        if (!id.ok()) return id.status();
        new_id = *id;
        o.id = *id;
        domain::Posting p{0, o.id, o.government_code, o.department_id, o.department, o.title, from, std::nullopt};
        auto pid = store_.officials().InsertPosting(p);
        if (!pid.ok()) return pid.status();
        return audit_.Append({actor, "official.create", "official", std::to_string(o.id), "", OfficialAuditJson(o)});
    });
    if (!st.ok()) return st;
    return Get(new_id);
}

Result<OfficialDetail> OfficialService::Update(long long id, const OfficialPatch& p, const std::string& actor) {
    auto before = store_.officials().Get(id);
    if (!before.ok()) return before.status();
    domain::Official o = *before;
    std::vector<ErrorDetail> errors;
    if (p.name) {
        CheckText(*p.name, "name", true, errors);
        o.name = *p.name;
    }
    if (p.kana) {
        CheckText(*p.kana, "kana", false, errors);
        o.kana = *p.kana;
    }
    if (p.title) {
        CheckText(*p.title, "title", false, errors);
        o.title = *p.title;
    }
    if (p.department) {
        CheckText(*p.department, "department", false, errors);
        o.department = *p.department;
    }
    if (p.phone) {
        CheckText(*p.phone, "phone", false, errors);
        o.phone = *p.phone;
    }
    if (p.email) {
        CheckEmail(*p.email, errors);
        o.email = *p.email;
    }
    if (p.decision_role) {
        if (p.decision_role->empty()) {
            o.decision_role.clear();
        } else if (auto role = domain::DecisionRoleFromText(*p.decision_role)) {
            o.decision_role = std::string(domain::DecisionRoleSlug(*role));
        } else {
            errors.push_back(
                {"decision_role", "unknown role '" + *p.decision_role + "' (approver, owner, influencer)"});
        }
    }
    if (p.department_id) {
        if (*p.department_id != 0) {
            KYOSO_RETURN_IF_ERROR(CheckDepartment(o.government_code, *p.department_id, "department_id", errors));
        }
        o.department_id = *p.department_id;
        if (!p.department && o.department_id != 0 && errors.empty()) {
            auto d = store_.departments().Get(o.department_id);
            if (!d.ok()) return d.status();
            o.department = d->name;
        }
    }
    if (p.do_not_contact) o.do_not_contact = *p.do_not_contact;
    if (p.active) o.active = *p.active;
    if (!errors.empty()) return FieldErrors(std::move(errors));
    o.name_key = NameKey(o.name, o.kana);
    const bool moved =
        o.department_id != before->department_id || o.department != before->department || o.title != before->title;
    const Date today = clock_.Today();
    Status st = store_.InTransaction([&]() -> Status {
        if (o.name_key != before->name_key && !p.allow_duplicate) {
            auto same = store_.officials().FindByNameKey(o.government_code, o.name_key, false);
            if (!same.ok()) return same.status();
            for (const auto& other : *same) {
                if (other.id == id) continue;
                return Status(ErrorCode::kAlreadyExists,
                              "official " + std::to_string(other.id) + " (" + other.name +
                                  ") has the same name and kana in " + o.government_code +
                                  "; pass allow_duplicate: true to keep it",
                              {{"name", "duplicate of official " + std::to_string(other.id)},
                               {"existing_id", std::to_string(other.id)}});
            }
        }
        if (moved) {
            auto postings = store_.officials().Postings(id);
            if (!postings.ok()) return postings.status();
            for (const auto& old : *postings) {
                if (old.to) continue;
                Date to = AddDays(today, -1);
                if (std::chrono::sys_days{to} < std::chrono::sys_days{old.from}) to = old.from;
                KYOSO_RETURN_IF_ERROR(store_.officials().ClosePosting(old.id, to));
            }
            domain::Posting np{0, id, o.government_code, o.department_id, o.department, o.title, today, std::nullopt};
            auto pid = store_.officials().InsertPosting(np);
            if (!pid.ok()) return pid.status();
            o.posted_from = today;
        }
        KYOSO_RETURN_IF_ERROR(store_.officials().Update(o));
        return audit_.Append({actor, "official.update", "official", std::to_string(id), OfficialAuditJson(*before),
                              OfficialAuditJson(o)});
    });
    if (!st.ok()) return st;
    return Get(id);
}

}  // namespace kyoso::app
