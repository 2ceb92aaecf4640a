#include "kyoso/api/openapi_document.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kyoso::api {
namespace {

constexpr std::string_view kBase =
    R"({"openapi":"3.1.0","paths":{"/api/health":{}},"components":{"schemas":{"Error":{}}}})";

TEST(OpenApiDocument, FragmentsAddPathsAndSchemas) {
    auto merged = MergeOpenApi(
        kBase, {{"a.json", R"({"paths":{"/api/a":{}},"components":{"schemas":{"A":{}},"parameters":{"P":{}}}})"}});
    ASSERT_TRUE(merged.ok()) << merged.status().message();
    auto doc = nlohmann::json::parse(*merged);
    EXPECT_TRUE(doc["paths"].contains("/api/health"));
    EXPECT_TRUE(doc["paths"].contains("/api/a"));
    EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
    EXPECT_TRUE(doc["components"]["schemas"].contains("A"));
    EXPECT_TRUE(doc["components"]["parameters"].contains("P"));
}

TEST(OpenApiDocument, DuplicatePathNamesTheFragment) {
    auto merged = MergeOpenApi(kBase, {{"dup.json", R"({"paths":{"/api/health":{}}})"}});
    ASSERT_FALSE(merged.ok());
    EXPECT_NE(merged.status().message().find("dup.json"), std::string::npos);
    EXPECT_NE(merged.status().message().find("/api/health"), std::string::npos);
}

TEST(OpenApiDocument, DuplicateSchemaAndStrayKeysAreRejected) {
    EXPECT_FALSE(MergeOpenApi(kBase, {{"s.json", R"({"components":{"schemas":{"Error":{}}}})"}}).ok());
    EXPECT_FALSE(MergeOpenApi(kBase, {{"x.json", R"({"info":{}})"}}).ok());
    EXPECT_FALSE(MergeOpenApi(kBase, {{"bad.json", "{not json"}}).ok());
}

TEST(OpenApiDocument, CompiledInDocumentMerges) {
    auto doc = nlohmann::json::parse(OpenApiJson());
    EXPECT_EQ(doc["openapi"], "3.1.0");
    EXPECT_TRUE(doc["paths"].contains("/api/governments"));
}

}  // namespace
}  // namespace kyoso::api
