#include "kyoso/masterdata/holiday_table.hpp"

namespace kyoso::masterdata {

std::vector<domain::Holiday> BundledHolidays() {
    std::vector<domain::Holiday> out;
    out.reserve(HolidayRows().size());
    for (const HolidayRow& r : HolidayRows()) out.push_back({MakeDate(r.year, r.month, r.day), r.name});
    return out;
}

}  // namespace kyoso::masterdata
