#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "kyoso/domain/fiscal/business_calendar.hpp"

namespace kyoso::masterdata {

// One national holiday as shipped by @holiday-jp/holiday_jp (generated at build).
struct HolidayRow {
    int year;
    unsigned month;
    unsigned day;
    const char* name;
    const char* name_en;
};

std::span<const HolidayRow> HolidayRows();
std::string_view HolidaySourceVersion();  // "@holiday-jp/holiday_jp@2.5.1"

// The bundled holidays as domain values.
std::vector<domain::Holiday> BundledHolidays();

}  // namespace kyoso::masterdata
