#pragma once

#include <string>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// One all-day event of a calendar feed. `uid` must be stable across exports so
// calendar apps update an event instead of adding a copy.
struct CalendarEvent {
    std::string uid;
    Date start{};
    Date end{};  // inclusive last day
    std::string summary;
    std::string description;
    std::string url;  // "" = none
    std::vector<std::string> categories;
};

// Writes iCalendar (RFC 5545) text. Implementations (ical/LibicalWriter) are
// stateless and safe for concurrent use.
class CalendarWriter {
public:
    virtual ~CalendarWriter() = default;
    // A VCALENDAR named `name` with one VEVENT per event; `stamp_utc` is the DTSTAMP
    // of every event ("YYYY-MM-DDTHH:MM:SSZ").
    virtual Result<std::string> Write(const std::string& name, const std::vector<CalendarEvent>& events,
                                      const std::string& stamp_utc) const = 0;
};

}  // namespace kyoso::ports
