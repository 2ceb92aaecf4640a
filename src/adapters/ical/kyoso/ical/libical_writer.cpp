#include "kyoso/ical/libical_writer.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

namespace kyoso::ical {

namespace {

icaltimetype AllDay(Date date) {
    icaltimetype t = icaltime_null_date();
    t.year = static_cast<int>(date.year());
    t.month = static_cast<int>(static_cast<unsigned>(date.month()));
    t.day = static_cast<int>(static_cast<unsigned>(date.day()));
    t.is_date = 1;
    return t;
}

struct ComponentDeleter {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

}  // namespace

Result<std::string> LibicalWriter::Write(const std::string& name, const std::vector<ports::CalendarEvent>& events,
                                         const std::string& stamp_utc) const {
    // "2026-11-27T09:00:00Z" -> "20261127T090000Z", the form libical parses.
    std::string compact;
    for (char c : stamp_utc) {
        if (c != '-' && c != ':') compact += c;
    }
    const icaltimetype stamp = icaltime_from_string(compact.c_str());
    if (icaltime_is_null_time(stamp)) return InvalidArgument("calendar stamp '" + stamp_utc + "' is not a UTC time");

    std::unique_ptr<icalcomponent, ComponentDeleter> cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Kyoso//Budget-cycle deadlines//JA"));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty* cal_name = icalproperty_new_x(name.c_str());
    icalproperty_set_x_name(cal_name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), cal_name);

    for (const auto& e : events) {
        if (e.uid.empty()) return InvalidArgument("calendar event '" + e.summary + "' has no uid");
        if (std::chrono::sys_days{e.end} < std::chrono::sys_days{e.start}) {
            return InvalidArgument("calendar event " + e.uid + " ends before it starts");
        }
        icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
        icalproperty* start = icalproperty_new_dtstart(AllDay(e.start));
        icalproperty_add_parameter(start, icalparameter_new_value(ICAL_VALUE_DATE));
        icalcomponent_add_property(ev, start);
        // DTEND of an all-day event is exclusive: the day after the last day.
        icalproperty* end = icalproperty_new_dtend(AllDay(AddDays(e.end, 1)));
        icalproperty_add_parameter(end, icalparameter_new_value(ICAL_VALUE_DATE));
        icalcomponent_add_property(ev, end);
        icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
        if (!e.description.empty()) {
            icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
        }
        if (!e.url.empty()) icalcomponent_add_property(ev, icalproperty_new_url(e.url.c_str()));
        for (const auto& c : e.categories) icalcomponent_add_property(ev, icalproperty_new_categories(c.c_str()));
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        icalcomponent_add_component(cal.get(), ev);
    }
    char* text = icalcomponent_as_ical_string_r(cal.get());
    if (!text) return Internal("libical could not serialise the calendar");
    std::string out(text);
    std::free(text);
    return out;
}

}  // namespace kyoso::ical
