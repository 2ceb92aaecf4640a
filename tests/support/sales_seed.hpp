#pragma once

// Rows the deal, audit and API tests start from, inserted directly (not audited):
// product 1, users 1 (佐藤 花子) and 2 (鈴木 一郎), and deals built by TestDeal.

#include <gtest/gtest.h>

#include <string>

#include "kyoso/ports/sales_repository.hpp"

namespace kyoso::testing {

inline void SeedProductAndTeam(ports::SalesRepository& sales) {
    ASSERT_TRUE(sales.InsertProducts({{1, "電子申請サービス", {"DX"}, 1'000'000, 5'000'000, {}}}).ok());
    ASSERT_TRUE(sales
                    .InsertUsers({{1, "佐藤 花子", domain::SalesRole::kFieldSales, "東日本チーム"},
                                  {2, "鈴木 一郎", domain::SalesRole::kFieldSales, "東日本チーム"}})
                    .ok());
}

// 千代田区's 情報政策課長 (official 1).
inline domain::Official ChiyodaOfficial() {
    return {1, "131016", "政策経営部 情報政策課", "山田 太郎", "やまだ たろう", "課長", "approver", {}};
}

// A FY2027 deal for product 1 at 情報収集, opened 2026-06-01; champion 0 = none.
inline domain::Deal TestDeal(long long id, const std::string& government_code, long long owner_id,
                             long long champion_id = 0) {
    domain::Deal d;
    d.id = id;
    d.government_code = government_code;
    d.product_id = 1;
    d.owner_id = owner_id;
    d.champion_id = champion_id;
    d.title = "電子申請 " + std::to_string(id);
    d.amount = 3'000'000;
    d.fiscal_year = 2027;
    d.created_on = MakeDate(2026, 6, 1);
    return d;
}

}  // namespace kyoso::testing
