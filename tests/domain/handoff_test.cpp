#include "kyoso/domain/division/handoff.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

// The real holidays these cases cross, injected (the domain takes its list from
// outside). Weekdays: 2026-11-02 is a Monday, 2026-12-26 a Saturday, 2027-01-04 a
// Monday, 2027-03-31 a Wednesday, 2027-04-28 a Wednesday.
BusinessCalendar Calendar() {
    return BusinessCalendar({
        {MakeDate(2026, 11, 3), "文化の日"},
        {MakeDate(2026, 11, 23), "勤労感謝の日"},
        {MakeDate(2027, 1, 1), "元日"},
        {MakeDate(2027, 1, 11), "成人の日"},
        {MakeDate(2027, 3, 22), "振替休日"},
        {MakeDate(2027, 4, 29), "昭和の日"},
        {MakeDate(2027, 5, 3), "憲法記念日"},
        {MakeDate(2027, 5, 4), "みどりの日"},
        {MakeDate(2027, 5, 5), "こどもの日"},
    });
}

struct DueCase {
    const char* what;
    Date created_on;
    int sla;
    Date due_on;  // worked out by hand on a paper calendar
};

TEST(HandoffSla, DueDatesAcrossWeekendsHolidaysAndTheYearEnd) {
    const auto cal = Calendar();
    const DueCase cases[] = {
        // Tue 11/10 + 2: Wed 11/11 (1), Thu 11/12 (2).
        {"ordinary week", MakeDate(2026, 11, 10), 2, MakeDate(2026, 11, 12)},
        // Fri 11/13 + 1: Sat, Sun closed; Mon 11/16 (1).
        {"Friday to Monday", MakeDate(2026, 11, 13), 1, MakeDate(2026, 11, 16)},
        // Sat 11/14 + 1: Sun closed; Mon 11/16 (1) — the same as from the Friday.
        {"created on a Saturday", MakeDate(2026, 11, 14), 1, MakeDate(2026, 11, 16)},
        // Mon 11/2 + 2: Tue 11/3 文化の日 closed; Wed 11/4 (1), Thu 11/5 (2).
        {"across 文化の日", MakeDate(2026, 11, 2), 2, MakeDate(2026, 11, 5)},
        // Fri 11/20 + 1: Sat, Sun, Mon 11/23 勤労感謝の日 closed; Tue 11/24 (1).
        {"across 勤労感謝の日", MakeDate(2026, 11, 20), 1, MakeDate(2026, 11, 24)},
        // Fri 11/20 + 3: Tue 11/24 (1), Wed 11/25 (2), Thu 11/26 (3).
        {"across 勤労感謝の日, SLA 3", MakeDate(2026, 11, 20), 3, MakeDate(2026, 11, 26)},
        // Sat 12/26 + 2: Sun 12/27 closed, Mon 12/28 御用納め (1), 12/29–1/3 closure
        // (1/1 元日 too), Mon 1/4 御用始め (2).
        {"year-end closure", MakeDate(2026, 12, 26), 2, MakeDate(2027, 1, 4)},
        // Fri 12/25 + 3: Mon 12/28 (1), Mon 1/4 (2), Tue 1/5 (3).
        {"year-end closure, SLA 3", MakeDate(2026, 12, 25), 3, MakeDate(2027, 1, 5)},
        // Mon 12/28 + 1: the closure, then Mon 1/4 (1).
        {"on 御用納め", MakeDate(2026, 12, 28), 1, MakeDate(2027, 1, 4)},
        // Fri 1/8 + 1: Sat, Sun, Mon 1/11 成人の日 closed; Tue 1/12 (1).
        {"across 成人の日", MakeDate(2027, 1, 8), 1, MakeDate(2027, 1, 12)},
        // Wed 4/28 + 2: Thu 4/29 昭和の日 closed, Fri 4/30 (1), Sat 5/1, Sun 5/2,
        // Mon–Wed 5/3–5/5 closed, Thu 5/6 (2).
        {"Golden Week", MakeDate(2027, 4, 28), 2, MakeDate(2027, 5, 6)},
        // Wed 3/31 (fiscal year end) + 2: Thu 4/1 (1), Fri 4/2 (2).
        {"fiscal-year end into April", MakeDate(2027, 3, 31), 2, MakeDate(2027, 4, 2)},
        // Fri 3/19 + 1: Sat, Sun 3/21 春分の日, Mon 3/22 振替休日; Tue 3/23 (1).
        {"across 振替休日", MakeDate(2027, 3, 19), 1, MakeDate(2027, 3, 23)},
        // SLA 0 on a business day: the same day.
        {"SLA 0 on a business day", MakeDate(2026, 11, 10), 0, MakeDate(2026, 11, 10)},
        // SLA 0 on Sat 11/14: the next business day, Mon 11/16.
        {"SLA 0 on a Saturday", MakeDate(2026, 11, 14), 0, MakeDate(2026, 11, 16)},
        // SLA 0 on 文化の日: Wed 11/4.
        {"SLA 0 on a holiday", MakeDate(2026, 11, 3), 0, MakeDate(2026, 11, 4)},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(FormatIsoDate(HandoffDueOn(cal, c.created_on, c.sla)), FormatIsoDate(c.due_on)) << c.what;
    }
}

struct LeftCase {
    const char* what;
    Date due_on;
    Date at;
    int left;
    bool overdue;
};

TEST(HandoffSla, BusinessDaysLeftAndOverdue) {
    const auto cal = Calendar();
    const LeftCase cases[] = {
        // (11/10, 11/12] holds Wed 11/11 and Thu 11/12: 2 left.
        {"two days before", MakeDate(2026, 11, 12), MakeDate(2026, 11, 10), 2, false},
        {"on the due day", MakeDate(2026, 11, 12), MakeDate(2026, 11, 12), 0, false},
        // (11/12, 11/13] holds Fri 11/13: one business day overdue.
        {"the day after", MakeDate(2026, 11, 12), MakeDate(2026, 11, 13), -1, true},
        // (11/12, 11/16] holds Fri 11/13 and Mon 11/16: -2.
        {"over a weekend", MakeDate(2026, 11, 12), MakeDate(2026, 11, 16), -2, true},
        // Due Fri 11/13, seen Sat 11/14: no business day has passed (0) but it is overdue.
        {"Saturday after a Friday due day", MakeDate(2026, 11, 13), MakeDate(2026, 11, 14), 0, true},
        // Due Fri 11/20, seen Tue 11/24: Sat, Sun, 勤労感謝の日 closed, Tue counts: -1.
        {"over 勤労感謝の日", MakeDate(2026, 11, 20), MakeDate(2026, 11, 24), -1, true},
        // Due Mon 1/4, seen Mon 12/28: only 1/4 is a business day in (12/28, 1/4]: 1 left.
        {"across the year-end closure", MakeDate(2027, 1, 4), MakeDate(2026, 12, 28), 1, false},
    };
    for (const auto& c : cases) {
        const HandoffSla sla = EvaluateHandoffSla(cal, c.due_on, 0, c.at);
        EXPECT_EQ(sla.business_days_left, c.left) << c.what;
        EXPECT_EQ(sla.overdue, c.overdue) << c.what;
    }
}

struct EscalationCase {
    const char* what;
    Date due_on;
    int escalate_after;
    Date escalate_on;
};

TEST(HandoffSla, EscalationDates) {
    const auto cal = Calendar();
    const EscalationCase cases[] = {
        // Due Thu 11/12: breach day Fri 11/13; 0 = on it.
        {"at breach", MakeDate(2026, 11, 12), 0, MakeDate(2026, 11, 13)},
        // One business day after the breach day: Mon 11/16.
        {"one day after breach", MakeDate(2026, 11, 12), 1, MakeDate(2026, 11, 16)},
        // Two: Tue 11/17.
        {"two days after breach", MakeDate(2026, 11, 12), 2, MakeDate(2026, 11, 17)},
        // Due Fri 11/20: Mon 11/23 勤労感謝の日 is closed, breach day Tue 11/24.
        {"over 勤労感謝の日", MakeDate(2026, 11, 20), 0, MakeDate(2026, 11, 24)},
        // Due Mon 12/28: the closure; breach day Mon 1/4, one more: Tue 1/5.
        {"over the year-end closure", MakeDate(2026, 12, 28), 1, MakeDate(2027, 1, 5)},
        // Due Fri 1/8: Mon 1/11 成人の日 closed; breach day Tue 1/12.
        {"over 成人の日", MakeDate(2027, 1, 8), 0, MakeDate(2027, 1, 12)},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(FormatIsoDate(HandoffEscalationDate(cal, c.due_on, c.escalate_after)), FormatIsoDate(c.escalate_on))
            << c.what;
    }
}

struct SweepCase {
    const char* what;
    HandoffStatus status;
    Date due_on;
    int escalate_after;
    bool already_breached;
    bool already_escalated;
    Date today;
    bool mark_breached;
    const char* breached_on;  // "" when not marked
    bool escalate;
};

TEST(HandoffSla, SweepDecisions) {
    const auto cal = Calendar();
    const Date due = MakeDate(2026, 11, 12);  // Thu; breach day Fri 11/13
    const SweepCase cases[] = {
        {"not yet due", HandoffStatus::kPending, due, 0, false, false, MakeDate(2026, 11, 12), false, "", false},
        {"breach day, escalate at breach", HandoffStatus::kPending, due, 0, false, false, MakeDate(2026, 11, 13), true,
         "2026-11-13", true},
        // Escalate 1 business day after: Mon 11/16; on Fri 11/13 only the breach.
        {"breach day, escalate later", HandoffStatus::kPending, due, 1, false, false, MakeDate(2026, 11, 13), true,
         "2026-11-13", false},
        // Sat 11/14: still before Mon 11/16.
        {"weekend, already breached", HandoffStatus::kPending, due, 1, true, false, MakeDate(2026, 11, 14), false, "",
         false},
        {"escalation day", HandoffStatus::kPending, due, 1, true, false, MakeDate(2026, 11, 16), false, "", true},
        {"swept twice: nothing more", HandoffStatus::kPending, due, 1, true, true, MakeDate(2026, 11, 27), false, "",
         false},
        // A sweep run late still dates the breach the day after due_on.
        {"late sweep", HandoffStatus::kPending, due, 2, false, false, MakeDate(2026, 11, 27), true, "2026-11-13", true},
        {"accepted: nothing", HandoffStatus::kAccepted, due, 0, false, false, MakeDate(2026, 11, 27), false, "", false},
        {"returned: nothing", HandoffStatus::kReturned, due, 0, false, false, MakeDate(2026, 11, 27), false, "", false},
        {"cancelled: nothing", HandoffStatus::kCancelled, due, 0, false, false, MakeDate(2026, 11, 27), false, "",
         false},
    };
    for (const auto& c : cases) {
        const auto d = DecideHandoffSweep(cal, c.status, c.due_on, c.escalate_after, c.already_breached,
                                          c.already_escalated, c.today);
        EXPECT_EQ(d.mark_breached, c.mark_breached) << c.what;
        EXPECT_EQ(d.breached_on ? FormatIsoDate(*d.breached_on) : std::string(), c.breached_on) << c.what;
        EXPECT_EQ(d.escalate, c.escalate) << c.what;
    }
}

TEST(HandoffSla, RespondedWithinSla) {
    EXPECT_TRUE(RespondedWithinSla(MakeDate(2026, 11, 12), MakeDate(2026, 11, 10)));
    EXPECT_TRUE(RespondedWithinSla(MakeDate(2026, 11, 12), MakeDate(2026, 11, 12)));
    EXPECT_FALSE(RespondedWithinSla(MakeDate(2026, 11, 12), MakeDate(2026, 11, 13)));
}

struct TransitionCase {
    HandoffStatus from;
    HandoffAction action;
    HandoffActor actor;
    const char* reason;
    // The new status slug, or the error code expected.
    const char* to;
    ErrorCode error;
};

TEST(HandoffStateMachine, EveryStateActionAndActor) {
    using S = HandoffStatus;
    using A = HandoffAction;
    using R = HandoffActor;
    constexpr auto kOk = ErrorCode::kInternal;  // unused when `to` is set
    const TransitionCase cases[] = {
        {S::kPending, A::kAccept, R::kReceiver, "", "accepted", kOk},
        {S::kPending, A::kAccept, R::kSender, "", nullptr, ErrorCode::kPermissionDenied},
        {S::kPending, A::kAccept, R::kManager, "", nullptr, ErrorCode::kPermissionDenied},
        {S::kPending, A::kAccept, R::kOther, "", nullptr, ErrorCode::kPermissionDenied},
        {S::kPending, A::kReturn, R::kReceiver, "予算状況が未確認", "returned", kOk},
        {S::kPending, A::kReturn, R::kReceiver, "  ", nullptr, ErrorCode::kInvalidArgument},
        {S::kPending, A::kReturn, R::kSender, "x", nullptr, ErrorCode::kPermissionDenied},
        {S::kPending, A::kReturn, R::kManager, "x", nullptr, ErrorCode::kPermissionDenied},
        {S::kPending, A::kCancel, R::kSender, "", "cancelled", kOk},
        {S::kPending, A::kCancel, R::kManager, "", "cancelled", kOk},
        {S::kPending, A::kCancel, R::kReceiver, "", nullptr, ErrorCode::kPermissionDenied},
        {S::kPending, A::kCancel, R::kOther, "", nullptr, ErrorCode::kPermissionDenied},
        {S::kAccepted, A::kAccept, R::kReceiver, "", nullptr, ErrorCode::kFailedPrecondition},
        {S::kAccepted, A::kReturn, R::kReceiver, "x", nullptr, ErrorCode::kFailedPrecondition},
        {S::kAccepted, A::kCancel, R::kSender, "", nullptr, ErrorCode::kFailedPrecondition},
        {S::kReturned, A::kAccept, R::kReceiver, "", nullptr, ErrorCode::kFailedPrecondition},
        {S::kReturned, A::kCancel, R::kSender, "", nullptr, ErrorCode::kFailedPrecondition},
        {S::kCancelled, A::kAccept, R::kReceiver, "", nullptr, ErrorCode::kFailedPrecondition},
        {S::kCancelled, A::kReturn, R::kReceiver, "x", nullptr, ErrorCode::kFailedPrecondition},
    };
    for (const auto& c : cases) {
        const auto got = NextHandoffStatus(c.from, c.action, c.actor, c.reason);
        const std::string what = std::string(HandoffStatusSlug(c.from)) + " " +
                                 std::string(HandoffActionSlug(c.action)) + " by actor " +
                                 std::to_string(static_cast<int>(c.actor));
        if (c.to) {
            ASSERT_TRUE(got.ok()) << what << ": " << got.status().ToString();
            EXPECT_EQ(HandoffStatusSlug(*got), c.to) << what;
        } else {
            ASSERT_FALSE(got.ok()) << what;
            EXPECT_EQ(got.status().code(), c.error) << what;
        }
    }
}

TEST(HandoffStateMachine, ActorFor) {
    using A = HandoffAction;
    using R = HandoffActor;
    // (action, sender, receiver, manager) → actor
    EXPECT_EQ(HandoffActorFor(A::kAccept, false, true, true), R::kReceiver);
    EXPECT_EQ(HandoffActorFor(A::kCancel, false, true, true), R::kManager);
    EXPECT_EQ(HandoffActorFor(A::kCancel, true, false, false), R::kSender);
    EXPECT_EQ(HandoffActorFor(A::kAccept, true, false, true), R::kSender);
    EXPECT_EQ(HandoffActorFor(A::kCancel, false, true, false), R::kReceiver);
    EXPECT_EQ(HandoffActorFor(A::kReturn, false, false, false), R::kOther);
}

TEST(HandoffChecklist, EveryItemCheckedOrNotApplicableWithANote) {
    const std::vector<std::string> items = {"課題・関心", "担当者と決裁者", "予算状況", "次の接点"};
    // In another order, one 該当なし with a note: accepted and returned in the type's order.
    auto ok = CheckHandoverChecklist(items, {{"次の接点", true, false, "12/3 訪問"},
                                             {"課題・関心", true, false, ""},
                                             {"予算状況", false, true, "来年度予算は未着手"},
                                             {"担当者と決裁者", true, false, ""}});
    ASSERT_TRUE(ok.ok()) << ok.status().ToString();
    ASSERT_EQ(ok->size(), 4u);
    EXPECT_EQ((*ok)[0].item, "課題・関心");
    EXPECT_EQ((*ok)[2].item, "予算状況");
    EXPECT_TRUE((*ok)[2].not_applicable);

    struct Bad {
        const char* what;
        std::vector<HandoffChecklistItem> given;
        const char* field;
    };
    const Bad bad[] = {
        {"unchecked",
         {{"課題・関心", false, false, ""},
          {"担当者と決裁者", true, false, ""},
          {"予算状況", true, false, ""},
          {"次の接点", true, false, ""}},
         "checklist[0]"},
        {"該当なし without a note",
         {{"課題・関心", true, false, ""},
          {"担当者と決裁者", false, true, " "},
          {"予算状況", true, false, ""},
          {"次の接点", true, false, ""}},
         "checklist[1]"},
        {"both",
         {{"課題・関心", true, false, ""},
          {"担当者と決裁者", true, false, ""},
          {"予算状況", true, true, "x"},
          {"次の接点", true, false, ""}},
         "checklist[2]"},
        {"missing",
         {{"課題・関心", true, false, ""}, {"担当者と決裁者", true, false, ""}, {"予算状況", true, false, ""}},
         "checklist"},
        {"unknown",
         {{"課題・関心", true, false, ""},
          {"担当者と決裁者", true, false, ""},
          {"予算状況", true, false, ""},
          {"次の接点", true, false, ""},
          {"競合", true, false, ""}},
         "checklist[4]"},
        {"duplicate",
         {{"課題・関心", true, false, ""},
          {"課題・関心", true, false, ""},
          {"担当者と決裁者", true, false, ""},
          {"予算状況", true, false, ""},
          {"次の接点", true, false, ""}},
         "checklist[1]"},
    };
    for (const auto& b : bad) {
        auto got = CheckHandoverChecklist(items, b.given);
        ASSERT_FALSE(got.ok()) << b.what;
        EXPECT_EQ(got.status().code(), ErrorCode::kInvalidArgument) << b.what;
        ASSERT_FALSE(got.status().details().empty()) << b.what;
        EXPECT_EQ(got.status().details()[0].field, b.field) << b.what;
    }
}

TEST(HandoffKinds, SubjectsPerKind) {
    EXPECT_TRUE(HandoffKindAllowsLead("bdr_to_is"));
    EXPECT_FALSE(HandoffKindAllowsDeal("bdr_to_is"));
    EXPECT_TRUE(HandoffKindAllowsLead("is_to_fs"));
    EXPECT_TRUE(HandoffKindAllowsDeal("is_to_fs"));
    EXPECT_FALSE(HandoffKindAllowsLead("fs_to_cs"));
    EXPECT_TRUE(HandoffKindAllowsDeal("fs_to_cs"));
    EXPECT_FALSE(IsHandoffKind("cs_to_bdr"));
}

}  // namespace
}  // namespace kyoso::domain
