#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::domain {

namespace {
struct Era {
    int start_year;
    unsigned start_month;
    unsigned start_day;
    const char* name;
};
// Newest first.
constexpr Era kEras[] = {
    {2019, 5, 1, "令和"}, {1989, 1, 8, "平成"}, {1926, 12, 25, "昭和"}, {1912, 7, 30, "大正"}, {1868, 1, 25, "明治"},
};

std::string EraYear(const Era& era, int year) {
    const int n = year - era.start_year + 1;
    return std::string(era.name) + (n == 1 ? "元" : std::to_string(n)) + "年";
}
}  // namespace

FiscalYear FiscalYear::Containing(Date date) {
    const int y = static_cast<int>(date.year());
    return FiscalYear(static_cast<unsigned>(date.month()) >= 4 ? y : y - 1);
}

bool FiscalYear::Contains(Date date) const { return Containing(date).year_ == year_; }

std::string FiscalYear::WarekiLabel() const {
    // The era is the one in force for most of the fiscal year, as governments use it:
    // the era that had begun by the end of the fiscal year's first calendar year.
    for (const Era& era : kEras) {
        if (year_ >= era.start_year) return EraYear(era, year_) + "度";
    }
    return "";
}

std::string FiscalYear::Label() const { return "FY" + std::to_string(year_); }

std::string WarekiDate(Date date) {
    const int y = static_cast<int>(date.year());
    for (const Era& era : kEras) {
        if (date >= MakeDate(era.start_year, era.start_month, era.start_day)) {
            return EraYear(era, y) + std::to_string(static_cast<unsigned>(date.month())) + "月" +
                   std::to_string(static_cast<unsigned>(date.day())) + "日";
        }
    }
    return "";
}

}  // namespace kyoso::domain
