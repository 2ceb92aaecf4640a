#include "kyoso/domain/division/cadence.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

// Real holidays of the period, injected (the domain takes its list from outside).
// Weekdays used below: 2026-11-02 Mon, 11-03 Tue 文化の日, 11-06 Fri, 11-20 Fri,
// 11-21 Sat, 11-23 Mon 勤労感謝の日, 12-25 Fri, 12-28 Mon, 12-29..01-03 closed
// (行政機関の休日), 2027-01-01 Fri 元日, 01-04 Mon, 01-08 Fri, 01-11 Mon 成人の日.
BusinessCalendar Calendar() {
    return BusinessCalendar({
        {MakeDate(2026, 11, 3), "文化の日"},
        {MakeDate(2026, 11, 23), "勤労感謝の日"},
        {MakeDate(2027, 1, 1), "元日"},
        {MakeDate(2027, 1, 11), "成人の日"},
    });
}

CadenceStep Action(long long id, int position, CadenceStepKind kind, int delay = 0) {
    CadenceStep s;
    s.id = id;
    s.position = position;
    s.kind = kind;
    s.wait_business_days = delay;
    s.title = "step " + std::to_string(id);
    return s;
}
CadenceStep Wait(long long id, int position, int days) {
    CadenceStep s;
    s.id = id;
    s.position = position;
    s.kind = CadenceStepKind::kWait;
    s.wait_business_days = days;
    return s;
}

struct ScheduleCase {
    const char* name;
    std::vector<CadenceStep> steps;
    Date start;
    std::vector<StepTaskState> tasks;
    CadenceNextState state;
    long long step_id;
    Date date;
};

// Every expected date is worked out by hand from the calendar above.
TEST(CadenceSchedule, NextStepTable) {
    using K = CadenceStepKind;
    const auto cal = Calendar();
    const std::vector<CadenceStep> wait_then_call = {Wait(1, 1, 2), Action(2, 2, K::kCall)};
    const std::vector<CadenceStep> wait3_then_email = {Wait(1, 1, 3), Action(2, 2, K::kEmail)};
    const std::vector<CadenceStep> wait1_then_call = {Wait(1, 1, 1), Action(2, 2, K::kCall)};
    // call, wait 2, email, wait 3, call
    const std::vector<CadenceStep> five = {Action(1, 1, K::kCall), Wait(2, 2, 2), Action(3, 3, K::kEmail),
                                           Wait(4, 4, 3), Action(5, 5, K::kCall)};
    const std::vector<ScheduleCase> cases = {
        // Fri 11-06 + 2 business days: Mon 11-09 (1), Tue 11-10 (2).
        {"start Friday + wait 2 -> Tuesday",
         wait_then_call,
         MakeDate(2026, 11, 6),
         {},
         CadenceNextState::kDue,
         2,
         MakeDate(2026, 11, 10)},
        // Fri 11-20 + 2: Mon 11-23 is 勤労感謝の日, so Tue 11-24 (1), Wed 11-25 (2).
        {"wait across 11/23",
         wait_then_call,
         MakeDate(2026, 11, 20),
         {},
         CadenceNextState::kDue,
         2,
         MakeDate(2026, 11, 25)},
        // Fri 12-25 + 3: Mon 12-28 (1); 12-29..01-03 closed (01-01 元日 too); Mon 01-04 (2), Tue 01-05 (3).
        {"wait across the year-end closure",
         wait3_then_email,
         MakeDate(2026, 12, 25),
         {},
         CadenceNextState::kDue,
         2,
         MakeDate(2027, 1, 5)},
        // Fri 01-08 + 1: Mon 01-11 成人の日 is closed, so Tue 01-12.
        {"wait across 成人の日",
         wait1_then_call,
         MakeDate(2027, 1, 8),
         {},
         CadenceNextState::kDue,
         2,
         MakeDate(2027, 1, 12)},
        // An action step first on Sat 11-21: Sun 11-22 no, Mon 11-23 holiday -> Tue 11-24.
        {"first action on a weekend moves to the next business day",
         {Action(1, 1, K::kCall)},
         MakeDate(2026, 11, 21),
         {},
         CadenceNextState::kDue,
         1,
         MakeDate(2026, 11, 24)},
        // A delay of 1 on the action itself: Mon 11-02 + 1 -> Tue 11-03 文化の日 closed -> Wed 11-04.
        {"delay before an action step",
         {Action(1, 1, K::kVisit, 1)},
         MakeDate(2026, 11, 2),
         {},
         CadenceNextState::kDue,
         1,
         MakeDate(2026, 11, 4)},
        // First call due on the start, Mon 11-02.
        {"five steps: first call due on the start",
         five,
         MakeDate(2026, 11, 2),
         {},
         CadenceNextState::kDue,
         1,
         MakeDate(2026, 11, 2)},
        // Call done on time (Mon 11-02) + 2: 11-03 closed, Wed 11-04 (1), Thu 11-05 (2).
        {"five steps: email after the call done on time",
         five,
         MakeDate(2026, 11, 2),
         {{1, true, MakeDate(2026, 11, 2)}},
         CadenceNextState::kDue,
         3,
         MakeDate(2026, 11, 5)},
        // Call done late on Fri 11-06 + 2: Mon 11-09 (1), Tue 11-10 (2): the email shifts.
        {"five steps: a late call shifts the email",
         five,
         MakeDate(2026, 11, 2),
         {{1, true, MakeDate(2026, 11, 6)}},
         CadenceNextState::kDue,
         3,
         MakeDate(2026, 11, 10)},
        // Email closed Tue 11-10 + 3: Wed 11-11, Thu 11-12, Fri 11-13.
        {"five steps: last call after the email",
         five,
         MakeDate(2026, 11, 2),
         {{1, true, MakeDate(2026, 11, 6)}, {3, true, MakeDate(2026, 11, 10)}},
         CadenceNextState::kDue,
         5,
         MakeDate(2026, 11, 13)},
        // A skipped step counts as closed on the day it was skipped (Thu 11-05 + 2: Fri 11-06, Mon 11-09).
        {"five steps: a skipped call lets the email follow",
         five,
         MakeDate(2026, 11, 2),
         {{1, true, MakeDate(2026, 11, 5)}},
         CadenceNextState::kDue,
         3,
         MakeDate(2026, 11, 9)},
        // The email's task is open: nothing more until it is closed.
        {"five steps: waits on the open email task",
         five,
         MakeDate(2026, 11, 2),
         {{1, true, MakeDate(2026, 11, 2)}, {3, false, {}}},
         CadenceNextState::kWaitingOnTask,
         3,
         MakeDate(2026, 11, 5)},
        // Every action closed: completed on the last closing day, Mon 11-16.
        {"five steps: completed after the last step",
         five,
         MakeDate(2026, 11, 2),
         {{1, true, MakeDate(2026, 11, 2)}, {3, true, MakeDate(2026, 11, 5)}, {5, true, MakeDate(2026, 11, 16)}},
         CadenceNextState::kCompleted,
         0,
         MakeDate(2026, 11, 16)},
        // A trailing wait: call closed Fri 11-20 + wait 2 -> completes Wed 11-25 (11-23 closed).
        {"trailing wait completes after it",
         {Action(1, 1, K::kCall), Wait(2, 2, 2)},
         MakeDate(2026, 11, 20),
         {{1, true, MakeDate(2026, 11, 20)}},
         CadenceNextState::kCompleted,
         0,
         MakeDate(2026, 11, 25)},
        // Steps given out of order are worked by position.
        {"steps are ordered by position",
         {Action(2, 2, K::kCall), Wait(1, 1, 2)},
         MakeDate(2026, 11, 6),
         {},
         CadenceNextState::kDue,
         2,
         MakeDate(2026, 11, 10)},
    };
    for (const auto& c : cases) {
        const CadenceNext next = NextCadenceStep(c.steps, c.start, c.tasks, cal);
        EXPECT_EQ(next.state, c.state) << c.name;
        EXPECT_EQ(next.step_id, c.step_id) << c.name;
        EXPECT_EQ(FormatIsoDate(next.date), FormatIsoDate(c.date)) << c.name;
    }
}

// Generating "every task due up to today" repeatedly: the next step waits for the
// previous task, so a second run on the same day adds nothing (idempotent), and a
// run after closing the task adds the next one only once its date has come.
TEST(CadenceSchedule, GenerationUpToTodayIsIdempotent) {
    using K = CadenceStepKind;
    const auto cal = Calendar();
    const std::vector<CadenceStep> steps = {Action(1, 1, K::kCall), Wait(2, 2, 2), Action(3, 3, K::kEmail)};
    std::vector<StepTaskState> tasks;
    auto generate = [&](Date today) {
        int created = 0;
        for (;;) {
            CadenceNext next = NextCadenceStep(steps, MakeDate(2026, 11, 2), tasks, cal);
            if (next.state != CadenceNextState::kDue || next.date > today) break;
            tasks.push_back({next.step_id, false, {}});
            ++created;
        }
        return created;
    };
    EXPECT_EQ(generate(MakeDate(2026, 11, 2)), 1);  // the call, due Mon 11-02
    EXPECT_EQ(generate(MakeDate(2026, 11, 2)), 0);  // same day again: nothing
    EXPECT_EQ(generate(MakeDate(2026, 11, 9)), 0);  // call still open: the email waits
    tasks[0] = {1, true, MakeDate(2026, 11, 2)};    // done Mon 11-02 -> email due Thu 11-05
    EXPECT_EQ(generate(MakeDate(2026, 11, 4)), 0);  // Wed 11-04: not yet due
    EXPECT_EQ(generate(MakeDate(2026, 11, 5)), 1);  // Thu 11-05: the email
    EXPECT_EQ(generate(MakeDate(2026, 11, 5)), 0);
    EXPECT_EQ(tasks.size(), 2u);
}

TEST(CadenceVariants, AlternationAndEffectiveStep) {
    const std::vector<std::pair<long long, const char*>> cases = {{0, "A"}, {1, "B"}, {2, "A"}, {3, "B"}, {10, "A"}};
    for (auto [n, v] : cases) EXPECT_EQ(AlternatingVariant(n), v) << n;

    CadenceStep s = Action(1, 1, CadenceStepKind::kEmail);
    s.title = "課題提起メール";
    s.variant_b_kind = CadenceStepKind::kEmail;
    s.variant_b_title = "事例紹介メール";
    EXPECT_EQ(StepForVariant(s, "A").title, "課題提起メール");
    EXPECT_EQ(StepForVariant(s, "B").title, "事例紹介メール");
    EXPECT_EQ(StepForVariant(s, "B").variant, "B");
    CadenceStep plain = Action(2, 2, CadenceStepKind::kCall);
    EXPECT_EQ(StepForVariant(plain, "B").variant, "A");  // no B on this step: B enrolments get A
    EXPECT_EQ(StepForVariant(plain, "B").title, "step 2");
}

TEST(CadenceOutcome, OutcomeStopsAnActiveEnrolment) {
    struct Case {
        const char* status;
        bool ok;
        const char* after;
    };
    const std::vector<Case> cases = {
        {"active", true, "stopped"}, {"completed", true, "completed"}, {"stopped", false, ""}};
    for (const auto& c : cases) {
        auto r = StatusAfterOutcome(c.status);
        EXPECT_EQ(r.ok(), c.ok) << c.status;
        if (r.ok()) {
            EXPECT_EQ(*r, c.after) << c.status;
        }
    }
    for (const char* o : {"meeting_set", "replied", "no_response", "not_interested", "opted_out"}) {
        EXPECT_TRUE(IsCadenceOutcome(o)) << o;
    }
    EXPECT_FALSE(IsCadenceOutcome(""));
    EXPECT_FALSE(IsCadenceOutcome("won"));
}

TEST(CadenceContact, DoNotContactRefusesActionSteps) {
    using K = CadenceStepKind;
    const std::vector<std::tuple<K, bool, bool>> cases = {{K::kEmail, true, false},
                                                          {K::kCall, true, false},
                                                          {K::kVisit, true, false},
                                                          {K::kWait, true, true},
                                                          {K::kEmail, false, true}};
    for (auto [kind, dnc, allowed] : cases) {
        EXPECT_EQ(ContactAllowed(kind, dnc), allowed) << CadenceStepKindSlug(kind) << dnc;
    }
}

TEST(CadenceValidation, StepsAreCheckedFieldByField) {
    using K = CadenceStepKind;
    EXPECT_TRUE(ValidateCadenceSteps({Action(1, 1, K::kCall), Wait(2, 2, 3), Action(3, 3, K::kEmail)}).ok());
    struct Case {
        const char* name;
        std::vector<CadenceStep> steps;
        const char* field;
    };
    CadenceStep untitled = Action(1, 1, K::kCall);
    untitled.title = "";
    CadenceStep wait_b = Wait(1, 1, 2);
    wait_b.variant_b_kind = K::kEmail;
    CadenceStep b_untitled = Action(1, 1, K::kEmail);
    b_untitled.variant_b_kind = K::kEmail;
    const std::vector<Case> cases = {
        {"no steps", {}, "steps"},
        {"only waits", {Wait(1, 1, 2)}, "steps"},
        {"wait of 0", {Wait(1, 1, 0), Action(2, 2, K::kCall)}, "steps[0].wait_business_days"},
        {"wait of 61", {Wait(1, 1, 61), Action(2, 2, K::kCall)}, "steps[0].wait_business_days"},
        {"untitled action", {untitled}, "steps[0].title"},
        {"wait with a B variant", {wait_b, Action(2, 2, K::kCall)}, "steps[0].variant_b_kind"},
        {"B variant without a title", {b_untitled}, "steps[0].variant_b_title"},
        {"gap in positions", {Action(1, 1, K::kCall), Action(2, 3, K::kCall)}, "steps"},
    };
    for (const auto& c : cases) {
        Status st = ValidateCadenceSteps(c.steps);
        ASSERT_FALSE(st.ok()) << c.name;
        bool named = false;
        for (const auto& d : st.details()) named = named || d.field == c.field;
        EXPECT_TRUE(named) << c.name << ": " << st.message();
    }
}

// Hand count: A has 4 enrolments (2 meeting_set, 1 no_response, 1 active), B has 2
// (1 meeting_set, 1 opted_out): rates A 2/4 = 0.5, B 1/2 = 0.5; with one more B
// not_interested B becomes 1/3.
TEST(CadenceVariants, ComparisonCountsAndRates) {
    std::vector<EnrolmentResult> rows = {{"A", "stopped", "meeting_set"},   {"A", "completed", "meeting_set"},
                                         {"A", "completed", "no_response"}, {"A", "active", ""},
                                         {"B", "stopped", "meeting_set"},   {"B", "stopped", "opted_out"},
                                         {"B", "stopped", "not_interested"}};
    auto stats = CompareVariants(rows);
    ASSERT_EQ(stats.size(), 2u);
    EXPECT_EQ(stats[0].variant, "A");
    EXPECT_EQ(stats[0].enrolled, 4);
    EXPECT_EQ(stats[0].active, 1);
    EXPECT_EQ(stats[0].completed, 2);
    EXPECT_EQ(stats[0].stopped, 1);
    EXPECT_EQ(stats[0].meetings, 2);
    EXPECT_EQ(stats[0].outcomes.at("no_response"), 1);
    EXPECT_EQ(stats[0].outcomes.at("replied"), 0);
    EXPECT_DOUBLE_EQ(*stats[0].meeting_rate, 0.5);
    EXPECT_EQ(stats[1].enrolled, 3);
    EXPECT_EQ(stats[1].stopped, 3);
    EXPECT_EQ(stats[1].outcomes.at("opted_out"), 1);
    EXPECT_DOUBLE_EQ(*stats[1].meeting_rate, 1.0 / 3.0);
    auto empty = CompareVariants({});
    EXPECT_FALSE(empty[1].meeting_rate.has_value());
}

}  // namespace
}  // namespace kyoso::domain
