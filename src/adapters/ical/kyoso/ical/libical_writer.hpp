#pragma once

#include "kyoso/ports/calendar_writer.hpp"

namespace kyoso::ical {

// ports::CalendarWriter over libical: builds the VCALENDAR as libical components
// and serialises them (line folding, escaping and CRLF are libical's). Every event
// is all-day (DTSTART;VALUE=DATE, DTEND the day after the last). Stateless and
// thread-safe (libical's component API keeps no global state for these calls).
class LibicalWriter final : public ports::CalendarWriter {
public:
    Result<std::string> Write(const std::string& name, const std::vector<ports::CalendarEvent>& events,
                              const std::string& stamp_utc) const override;
};

}  // namespace kyoso::ical
