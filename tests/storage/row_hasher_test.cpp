// The canonical row checksum `kyoso db migrate --from/--to` compares on both sides.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "kyoso/sql/copy_database.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::testing {
namespace {

// FNV-1a 64 of `bytes`, written out independently of RowHasher.
std::uint64_t Fnv1a(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

TEST(RowHasher, EmptyIsTheFnvOffsetBasis) {
    sql::RowHasher h;
    EXPECT_EQ(h.Hex(), "cbf29ce484222325");
}

TEST(RowHasher, HashesTheCanonicalTextOfEachValue) {
    sql::RowHasher h;
    h.AddNull();
    h.AddInt(-42);
    h.AddReal(0.1);
    h.AddReal(1e21);
    h.AddText("東京;x");
    h.EndRow();
    EXPECT_EQ(h.value(), Fnv1a("N;I-42;R0.1;R1e+21;T8:東京;x;\n"));
}

TEST(RowHasher, TellsTypesAndValueBoundariesApart) {
    auto hash = [](auto fill) {
        sql::RowHasher h;
        fill(h);
        return h.value();
    };
    const auto int_one = hash([](sql::RowHasher& h) { h.AddInt(1); });
    const auto text_one = hash([](sql::RowHasher& h) { h.AddText("1"); });
    const auto real_one = hash([](sql::RowHasher& h) { h.AddReal(1.0); });
    EXPECT_NE(int_one, text_one);
    EXPECT_NE(int_one, real_one);
    EXPECT_NE(hash([](sql::RowHasher& h) { h.AddText(""); }), hash([](sql::RowHasher& h) { h.AddNull(); }));
    EXPECT_NE(hash([](sql::RowHasher& h) { h.AddText("ab"); }), hash([](sql::RowHasher& h) {
                  h.AddText("a");
                  h.AddText("b");
              }));
    EXPECT_NE(hash([](sql::RowHasher& h) {
                  h.AddInt(1);
                  h.EndRow();
                  h.AddInt(2);
                  h.EndRow();
              }),
              hash([](sql::RowHasher& h) {
                  h.AddInt(2);
                  h.EndRow();
                  h.AddInt(1);
                  h.EndRow();
              }));
}

TEST(RowHasher, AddRowHashesEachColumnByItsKind) {
    TempDb db("rowhash");
    auto store = sqlite::SqliteStore::Open(db.path());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto lease = (*store)->Reader();
    ASSERT_TRUE(lease);
    sql::Statement q(lease.db(), "SELECT NULL, 42, 0.25, 'text'");
    ASSERT_TRUE(q.prepare_status().ok()) << q.prepare_status().ToString();
    Status st;
    ASSERT_TRUE(q.Step(&st)) << st.ToString();
    sql::RowHasher from_row;
    from_row.AddRow(q);
    sql::RowHasher by_hand;
    by_hand.AddNull();
    by_hand.AddInt(42);
    by_hand.AddReal(0.25);
    by_hand.AddText("text");
    by_hand.EndRow();
    EXPECT_EQ(from_row.Hex(), by_hand.Hex());
}

}  // namespace
}  // namespace kyoso::testing
