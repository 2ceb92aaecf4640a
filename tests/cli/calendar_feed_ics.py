#!/usr/bin/env python3
"""The iCalendar feed of `kyoso deadlines --ics`, read back with a real parser
(python3-icalendar): one user's open demo deals on 2026-11-10, just before the
令和8年 budget request deadline (Fri 2026-11-13).

usage: calendar_feed_ics.py KYOSO_BINARY WORK_DIR
"""
import datetime
import os
import sqlite3
import subprocess
import sys

try:
    import icalendar
except ImportError:  # Debian's python3-icalendar; kyoso.sh installs it
    print("SKIP: python3-icalendar is not installed")
    sys.exit(77)

kyoso, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
db = os.path.join(work, "feed.db")
env = dict(os.environ, KYOSO_TODAY="2026-11-10")
subprocess.run([kyoso, "demo", "--db", db, "--seed", "1", "--force", "-q"], check=True, env=env,
               stdout=subprocess.DEVNULL)

con = sqlite3.connect(db)
PRE_REQUEST = ("discovery", "qualified", "budget_proposal")
OPEN = PRE_REQUEST + ("requested", "budgeted", "tender_prep", "bidding")
user = con.execute(
    "SELECT owner_id FROM deals WHERE fiscal_year = 2027 AND budget_status = 'none' AND stage IN (?,?,?)"
    " GROUP BY owner_id ORDER BY COUNT(*) DESC, owner_id LIMIT 1", PRE_REQUEST).fetchone()[0]
pre_request = con.execute(
    "SELECT d.id, d.title, g.name FROM deals d JOIN governments g ON g.code = d.government_code"
    " WHERE d.owner_id = ? AND d.fiscal_year = 2027 AND d.budget_status = 'none' AND d.stage IN (?,?,?)",
    (user,) + PRE_REQUEST).fetchall()
govs = [r[0] for r in con.execute(
    "SELECT DISTINCT government_code FROM deals WHERE owner_id = ? AND stage IN (?,?,?,?,?,?,?)",
    (user,) + OPEN)]
con.close()
assert pre_request, "the demo user has open FY2027 deals before their request"


def export():
    out = subprocess.run([kyoso, "deadlines", "--db", db, "--user", str(user), "--today", "2026-11-10", "--ics"],
                         check=True, env=env, stdout=subprocess.PIPE).stdout
    return out


raw = export()
assert raw.startswith(b"BEGIN:VCALENDAR\r\n"), raw[:40]
cal = icalendar.Calendar.from_ical(raw)
assert str(cal["VERSION"]) == "2.0"
events = cal.walk("VEVENT")
uids = [str(e["UID"]) for e in events]
assert len(uids) == len(set(uids)), "UIDs are unique"
for e in events:
    assert "DTSTAMP" in e, e["UID"]
    start, end = e["DTSTART"].dt, e["DTEND"].dt
    assert type(start) is datetime.date and type(end) is datetime.date, (e["UID"], start, end)
    assert end > start, e["UID"]
    # Nothing before "today" or more than a year ahead.
    assert end > datetime.date(2026, 11, 10) and start <= datetime.date(2027, 11, 10), (e["UID"], start)
by_uid = {str(e["UID"]): e for e in events}

for deal_id, title, gov_name in pre_request:
    uid = f"deal-{deal_id}-budget_request_deadline-fy2026@kyoso"
    assert uid in by_uid, f"{uid} missing from {sorted(by_uid)[:5]}..."
    e = by_uid[uid]
    # 11-15 is a Sunday: the deadline is Friday 11-13, an all-day event (DTEND exclusive).
    assert e["DTSTART"].dt == datetime.date(2026, 11, 13)
    assert e["DTEND"].dt == datetime.date(2026, 11, 14)
    assert str(e["SUMMARY"]) == f"予算要求締切: {title}（{gov_name}）", str(e["SUMMARY"])
    description = str(e["DESCRIPTION"])
    assert f"/deals/{deal_id}" in description and "予算要求締切まで3営業日" in description, description
    # The spec window (7/1–9/30) is over: no event for it.
    assert f"deal-{deal_id}-spec_window-fy2026@kyoso" not in by_uid

for code in govs:
    uid = f"gov-{code}-december_council-fy2026@kyoso"
    assert uid in by_uid, uid
    e = by_uid[uid]
    assert e["DTSTART"].dt == datetime.date(2026, 12, 1) and e["DTEND"].dt == datetime.date(2026, 12, 21)
    assert "12月定例会" in str(e["SUMMARY"])
    assert f"gov-{code}-june_council-fy2027@kyoso" in by_uid
    assert f"gov-{code}-march_council-fy2026@kyoso" in by_uid

# A second export has the same events (calendar apps update rather than duplicate).
again = icalendar.Calendar.from_ical(export())
assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(uids)
print(f"user {user}: {len(events)} events, {len(pre_request)} request deadlines, {len(govs)} governments")
print("1 passed, 0 failed")
