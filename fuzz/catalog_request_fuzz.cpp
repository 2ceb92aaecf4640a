// Fuzz target: the catalogue's request parsing — a JSON body read by BodyReader
// (custom_fields, nested line items) and list options with cursors. The first
// byte picks the parser; the rest is the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kyoso/api/request_body.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/domain/custom_field/custom_field.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) {
        kyoso::api::BodyReader body(input, {"title", "line_items", "custom_fields", "participants"});
        (void)body.String("title", true);
        (void)body.ObjectArray<long long>("line_items", {"quantity", "unit_price", "description"},
                                          [](kyoso::api::BodyReader::Item& item) {
                                              (void)item.String("description", true);
                                              return item.Int("quantity", true).value_or(0);
                                          });
        body.ObjectShape("participants", {"user_ids"});
        (void)body.IdArrayIn("participants", "user_ids");
        kyoso::domain::CustomFieldDefinition def;
        def.key = "f";
        for (auto type : {kyoso::domain::CustomFieldType::kText, kyoso::domain::CustomFieldType::kNumber,
                          kyoso::domain::CustomFieldType::kDate}) {
            def.type = type;
            for (const auto& [key, value] : body.CustomFields()) {
                auto r = kyoso::domain::NormalizeCustomFieldValue(def, value);
                if (!r.ok() && r.status().details().empty()) __builtin_trap();
            }
        }
        kyoso::Status st = body.Finish();
        if (!st.ok() && st.details().empty()) __builtin_trap();
    } else {
        kyoso::app::ListParams params{{"cursor", input}, {"sort", "name"}, {"fields", input}};
        auto options = kyoso::app::ParseListOptions(params, "products", {"id", "name"}, {"id", "name"});
        if (options.ok() && !options->sort.after_id) __builtin_trap();
        params.erase("fields");
        auto cursor_only = kyoso::app::ParseListOptions(params, "products", {"id", "name"}, {"id", "name"});
        if (cursor_only.ok()) {
            const auto again = kyoso::app::MakeListCursor("products", cursor_only->sort, *cursor_only->sort.after_value,
                                                          *cursor_only->sort.after_id);
            auto reparsed = kyoso::app::ParseListOptions({{"cursor", again}, {"sort", "name"}}, "products",
                                                         {"id", "name"}, {"id", "name"});
            if (!reparsed.ok() || reparsed->sort.after_value != cursor_only->sort.after_value) __builtin_trap();
        }
    }
    return 0;
}
