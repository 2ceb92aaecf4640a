#include "kyoso/app/product/product_service.hpp"

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxNameBytes = 200;
constexpr size_t kMaxListEntries = 50;

Status FieldErrors(std::vector<ErrorDetail> details) {
    std::string message = "invalid request: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

void CheckList(const std::string& field, const std::vector<std::string>& values, std::vector<ErrorDetail>& errors) {
    if (values.size() > kMaxListEntries) errors.push_back({field, "at most 50 entries"});
    for (size_t i = 0; i < values.size(); ++i) {
        const auto& v = values[i];
        if (v.empty() || v.size() > kMaxNameBytes || v.find(',') != std::string::npos) {
            errors.push_back({field + "[" + std::to_string(i) + "]", "must be 1-200 bytes without ','"});
        }
    }
}

std::string SortValue(const domain::Product& p, const std::string& field) {
    if (field == "name") return p.name;
    if (field == "price_min") return std::to_string(p.price_min);
    if (field == "price_max") return std::to_string(p.price_max);
    return std::to_string(p.id);
}

// The message for a unique-key clash, naming the field that clashed.
Status Clash(const Status& st, const domain::Product& p) {
    if (st.code() != ErrorCode::kAlreadyExists) return st;
    const bool external = st.message().find("external_id") != std::string::npos;
    const std::string field = external ? "external_id" : "name";
    return Status(ErrorCode::kAlreadyExists,
                  "another product has this " + field + " (" + (external ? p.external_id : p.name) + ")",
                  {{field, "already used by another product"}});
}

}  // namespace

std::string ProductAuditJson(const domain::Product& p) {
    AuditJson j;
    j.Int("id", p.id).Str("name", p.name).Raw("policy_domains", JsonStringArray(p.policy_domains));
    j.Int("price_min", p.price_min).Int("price_max", p.price_max).Raw("keywords", JsonStringArray(p.keywords));
    j.Str("external_id", p.external_id);
    return j.str();
}

Result<ProductListResult> ProductService::List(const ListParams& params) {
    KYOSO_RETURN_IF_ERROR(
        CheckKnownParams(params, {"q", "policy_domain", "sort", "order", "limit", "cursor", "fields"}));
    auto options =
        ParseListOptions(params, "products", {"id", "name", "price_min", "price_max"},
                         {"id", "name", "policy_domains", "price_min", "price_max", "keywords", "external_id"});
    if (!options.ok()) return options.status();
    ports::ProductQuery q;
    q.sort = options->sort;
    if (auto it = params.find("q"); it != params.end() && !it->second.empty()) q.name_contains = it->second;
    if (auto it = params.find("policy_domain"); it != params.end()) q.policy_domain = it->second;
    if (auto it = params.find("limit"); it != params.end()) {
        auto n = ParseInt(it->second);
        if (!n || *n < 1 || *n > 500)
            return ParamError("limit", "must be an integer from 1 to 500, got '" + it->second + "'");
        q.limit = static_cast<int>(*n);
    }
    auto page = store_.products().List(q);
    if (!page.ok()) return page.status();
    ProductListResult out;
    out.total = page->total;
    out.fields = options->fields;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back();
        out.next_cursor = MakeListCursor("products", q.sort, SortValue(last, q.sort.field), last.id);
    }
    out.items = std::move(page->items);
    return out;
}

Result<domain::Product> ProductService::Get(long long id) { return store_.products().Get(id); }

Result<domain::Product> ProductService::Create(const ProductRequest& r) {
    std::vector<ErrorDetail> errors;
    if (!r.name) errors.push_back({"name", "required"});
    if (!errors.empty()) return FieldErrors(std::move(errors));
    domain::Product p;
    p.name = *r.name;
    p.policy_domains = r.policy_domains.value_or(std::vector<std::string>{});
    p.price_min = r.price_min.value_or(0);
    p.price_max = r.price_max.value_or(p.price_min);
    p.keywords = r.keywords.value_or(std::vector<std::string>{});
    p.external_id = r.external_id.value_or("");
    return Save(0, ProductRequest{p.name, p.policy_domains, p.price_min, p.price_max, p.keywords, p.external_id});
}

Result<domain::Product> ProductService::Update(long long id, const ProductRequest& r) {
    if (id <= 0) return NotFound("no product with id " + std::to_string(id));
    return Save(id, r);
}

Result<domain::Product> ProductService::Save(long long id, const ProductRequest& r) {
    domain::Product before;
    if (id != 0) {
        auto stored = store_.products().Get(id);
        if (!stored.ok()) return stored.status();
        before = *stored;
    }
    domain::Product p = before;
    if (r.name) p.name = *r.name;
    if (r.policy_domains) p.policy_domains = *r.policy_domains;
    if (r.price_min) p.price_min = *r.price_min;
    if (r.price_max) p.price_max = *r.price_max;
    if (r.keywords) p.keywords = *r.keywords;
    if (r.external_id) p.external_id = *r.external_id;
    std::vector<ErrorDetail> errors;
    if (p.name.empty() || p.name.size() > kMaxNameBytes) errors.push_back({"name", "must be 1-200 bytes"});
    if (p.price_min < 0) errors.push_back({"price_min", "must not be negative"});
    if (p.price_max < 0) errors.push_back({"price_max", "must not be negative"});
    if (p.price_min >= 0 && p.price_max >= 0 && p.price_min > p.price_max) {
        errors.push_back({"price_max", "must not be below price_min (" + std::to_string(p.price_min) + ")"});
    }
    CheckList("policy_domains", p.policy_domains, errors);
    CheckList("keywords", p.keywords, errors);
    if (p.external_id.size() > kMaxNameBytes) errors.push_back({"external_id", "at most 200 bytes"});
    if (!errors.empty()) return FieldErrors(std::move(errors));
    Status st = store_.InTransaction([&]() -> Status {
        if (id == 0) {
            auto new_id = store_.products().Insert(p);
            if (!new_id.ok()) return Clash(new_id.status(), p);
            p.id = *new_id;
            return audit_.Append({std::string(kSystemActor), "product.create", "product", std::to_string(p.id), "",
                                  ProductAuditJson(p)});
        }
        if (Status up = store_.products().Update(p); !up.ok()) return Clash(up, p);
        return audit_.Append({std::string(kSystemActor), "product.update", "product", std::to_string(id),
                              ProductAuditJson(before), ProductAuditJson(p)});
    });
    if (!st.ok()) return st;
    return p;
}

Status ProductService::Delete(long long id) {
    auto before = store_.products().Get(id);
    if (!before.ok()) return before.status();
    return store_.InTransaction([&]() -> Status {
        auto usage = store_.products().Usage(id);
        if (!usage.ok()) return usage.status();
        if (usage->deals + usage->line_items + usage->leads > 0) {
            return Status(ErrorCode::kConflict,
                          "product " + std::to_string(id) + " is referenced by " + std::to_string(usage->deals) +
                              " deal(s), " + std::to_string(usage->line_items) + " line item(s) and " +
                              std::to_string(usage->leads) + " lead(s); it cannot be deleted",
                          {{"id", "in use"}});
        }
        KYOSO_RETURN_IF_ERROR(store_.products().Delete(id));
        return audit_.Append({std::string(kSystemActor), "product.delete", "product", std::to_string(id),
                              ProductAuditJson(*before), ""});
    });
}

}  // namespace kyoso::app
