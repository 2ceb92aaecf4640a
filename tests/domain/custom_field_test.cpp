#include "kyoso/domain/custom_field/custom_field.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

using K = CustomFieldInput::Kind;

CustomFieldDefinition Def(CustomFieldType type, bool required = false, std::vector<std::string> choices = {}) {
    CustomFieldDefinition d;
    d.key = "f";
    d.label = "F";
    d.type = type;
    d.required = required;
    d.choices = std::move(choices);
    return d;
}

CustomFieldInput Str(std::string s) { return {K::kString, std::move(s), 0}; }
CustomFieldInput Num(double v, std::string text) { return {K::kNumber, std::move(text), v}; }

TEST(CustomFieldValue, EachTypeAcceptsAndNormalisesItsValues) {
    using T = CustomFieldType;
    struct Case {
        T type;
        CustomFieldInput input;
        std::optional<std::string> stored;  // nullopt = refused
    };
    const Case cases[] = {
        {T::kText, Str("入札参加資格あり"), "入札参加資格あり"},
        {T::kText, Num(3, "3"), std::nullopt},           // a number is not text
        {T::kNumber, Num(12.5, "12.5"), "12.5"},         //
        {T::kNumber, Num(3, "3"), "3"},                  // shortest form
        {T::kNumber, Str("42"), "42"},                   // typed into a form
        {T::kNumber, Str("many"), std::nullopt},         //
        {T::kNumber, Str("4 2"), std::nullopt},          //
        {T::kNumber, {K::kOther, "", 0}, std::nullopt},  // true, [], {}
        {T::kDate, Str("2026-12-01"), "2026-12-01"},     //
        {T::kDate, Str("2026-02-30"), std::nullopt},     // impossible date
        {T::kDate, Str("2026/12/01"), std::nullopt},     //
        {T::kChoice, Str("A"), "A"},                     //
        {T::kChoice, Str("a"), std::nullopt},            // choices are exact
    };
    for (const auto& c : cases) {
        auto r = NormalizeCustomFieldValue(
            Def(c.type, false, c.type == T::kChoice ? std::vector<std::string>{"A", "B"} : std::vector<std::string>{}),
            c.input);
        if (c.stored) {
            ASSERT_TRUE(r.ok()) << c.input.text << ": " << r.status().ToString();
            EXPECT_EQ(*r, c.stored);
        } else {
            ASSERT_FALSE(r.ok()) << c.input.text;
            EXPECT_EQ(r.status().details().at(0).field, "custom_fields.f");
        }
    }
}

TEST(CustomFieldValue, NullOrEmptyClearsUnlessRequired) {
    auto cleared = NormalizeCustomFieldValue(Def(CustomFieldType::kText), {K::kNull, "", 0});
    ASSERT_TRUE(cleared.ok());
    EXPECT_FALSE(cleared->has_value());
    EXPECT_TRUE(NormalizeCustomFieldValue(Def(CustomFieldType::kNumber), Str("")).ok());
    auto required = NormalizeCustomFieldValue(Def(CustomFieldType::kText, true), {K::kNull, "", 0});
    ASSERT_FALSE(required.ok());
    EXPECT_EQ(required.status().details().at(0).message, "required");
}

TEST(CustomFieldDefinition, KeyLabelAndChoicesAreChecked) {
    auto problems = [](CustomFieldDefinition d) {
        std::vector<std::string> fields;
        for (auto& [f, m] : DefinitionProblems(d)) fields.push_back(f);
        return fields;
    };
    EXPECT_TRUE(problems(Def(CustomFieldType::kChoice, false, {"高", "中"})).empty());
    auto bad_key = Def(CustomFieldType::kText);
    bad_key.key = "Bad Key";
    EXPECT_EQ(problems(bad_key), std::vector<std::string>{"key"});
    bad_key.key = "1st";
    EXPECT_EQ(problems(bad_key), std::vector<std::string>{"key"});
    EXPECT_EQ(problems(Def(CustomFieldType::kChoice)), std::vector<std::string>{"choices"});
    EXPECT_EQ(problems(Def(CustomFieldType::kChoice, false, {"A", "A"})), std::vector<std::string>{"choices"});
    EXPECT_EQ(problems(Def(CustomFieldType::kChoice, false, {"A,B"})), std::vector<std::string>{"choices"});
    EXPECT_EQ(problems(Def(CustomFieldType::kText, false, {"A"})), std::vector<std::string>{"choices"});
    auto no_label = Def(CustomFieldType::kDate);
    no_label.label = "";
    EXPECT_EQ(problems(no_label), std::vector<std::string>{"label"});
}

}  // namespace
}  // namespace kyoso::domain
