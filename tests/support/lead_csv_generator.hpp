#pragma once

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

namespace kyoso::testing {

// A deterministic synthetic CSV of past leads with planted signals (docs/ml.md):
//  - source: inquiry raises the base conversion rate from 0.10 to 0.45;
//  - pages_viewed (0–14) adds 0.025 per page;
//  - created_on: dates in file order from 2023-04-01, one lead a day (no effect);
//  - prefecture: a category without effect; population: a number with "1,234" style
//    thousands separators and ~10% blanks (no effect);
//  - lead_id (unique: dropped as an id), country (constant: dropped);
//  - result: 受注 / 失注.
// Randomness: the raw std::mt19937_64 stream (portable), mapped to [0, 1) by its top 53 bits.
inline std::string GenerateLeadCsv(int rows, unsigned long long seed, bool bom = false) {
    std::mt19937_64 rng(seed);
    auto uniform = [&] { return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0); };
    const char* sources[] = {"inquiry", "seminar", "web", "referral", "cold_call"};
    const char* prefectures[] = {"\xE5\x8C\x97\xE6\xB5\xB7\xE9\x81\x93", "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD",
                                 "\xE5\xA4\xA7\xE9\x98\xAA\xE5\xBA\x9C", "\xE7\xA6\x8F\xE5\xB2\xA1\xE7\x9C\x8C"};
    std::string out = bom ? "\xEF\xBB\xBF" : "";
    out += "lead_id,created_on,source,prefecture,population,pages_viewed,country,result\n";
    int y = 2023, m = 4, d = 1;
    const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < rows; ++i) {
        const int s = static_cast<int>(uniform() * 5);
        const int p = static_cast<int>(uniform() * 4);
        const int pages = static_cast<int>(uniform() * 15);
        const long pop = 3000 + static_cast<long>(uniform() * 500000);
        const bool pop_blank = uniform() < 0.1;
        const double prob = (s == 0 ? 0.45 : 0.10) + 0.025 * pages;
        const bool won = uniform() < prob;
        char pop_text[32];
        if (pop_blank) {
            pop_text[0] = '\0';
        } else if (pop >= 1000) {
            std::snprintf(pop_text, sizeof pop_text, "\"%ld,%03ld\"", pop / 1000, pop % 1000);
        } else {
            std::snprintf(pop_text, sizeof pop_text, "%ld", pop);
        }
        char line[256];
        std::snprintf(line, sizeof line, "L%05d,%04d-%02d-%02d,%s,%s,%s,%d,JP,%s\n", i + 1, y, m, d, sources[s],
                      prefectures[p], pop_text, pages, won ? "\xE5\x8F\x97\xE6\xB3\xA8" : "\xE5\xA4\xB1\xE6\xB3\xA8");
        out += line;
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (++d > month_days[m - 1] + (m == 2 && leap ? 1 : 0)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                ++y;
            }
        }
    }
    return out;
}

}  // namespace kyoso::testing
