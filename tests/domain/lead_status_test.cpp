#include "kyoso/domain/lead/lead_status.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

using L = LeadStatus;

TEST(LeadStatus, TransitionsFollowTheQualificationRules) {
    struct Case {
        LeadStatus from;
        LeadStatus to;
        bool allowed;
    };
    const Case cases[] = {
        {L::kNew, L::kWorking, true},              // picked up by a BDR
        {L::kNew, L::kQualified, true},            // qualified on first contact
        {L::kNew, L::kDisqualified, true},         //
        {L::kWorking, L::kQualified, true},        //
        {L::kQualified, L::kWorking, true},        // back to working when the need turns vague
        {L::kDisqualified, L::kWorking, true},     // reopened
        {L::kWorking, L::kWorking, true},          // an edit that keeps the status
        {L::kWorking, L::kNew, false},             // never new again
        {L::kDisqualified, L::kQualified, false},  // reopen as working first
        {L::kQualified, L::kConverted, false},     // only by conversion
        {L::kConverted, L::kWorking, false},       // final
        {L::kConverted, L::kDisqualified, false},  //
    };
    for (const auto& c : cases) {
        Status st = CheckLeadTransition(c.from, c.to);
        EXPECT_EQ(st.ok(), c.allowed) << LeadStatusSlug(c.from) << " -> " << LeadStatusSlug(c.to);
        if (!st.ok()) {
            EXPECT_EQ(st.code(), ErrorCode::kFailedPrecondition);
            ASSERT_EQ(st.details().size(), 1u);
            EXPECT_EQ(st.details()[0].field, "status");
        }
    }
}

TEST(LeadStatus, ConversionIsRefusedTwiceAndForDisqualifiedLeads) {
    EXPECT_TRUE(CheckLeadConversion(L::kNew).ok());
    EXPECT_TRUE(CheckLeadConversion(L::kWorking).ok());
    EXPECT_TRUE(CheckLeadConversion(L::kQualified).ok());
    EXPECT_EQ(CheckLeadConversion(L::kConverted).code(), ErrorCode::kConflict);
    EXPECT_EQ(CheckLeadConversion(L::kDisqualified).code(), ErrorCode::kFailedPrecondition);
}

TEST(LeadStatus, SlugsRoundTripAndSourcesAreAClosedList) {
    for (auto s : {L::kNew, L::kWorking, L::kQualified, L::kDisqualified, L::kConverted}) {
        EXPECT_EQ(LeadStatusFromSlug(LeadStatusSlug(s)), s);
    }
    EXPECT_FALSE(LeadStatusFromSlug("won"));
    EXPECT_TRUE(IsLeadSource("seminar"));
    EXPECT_TRUE(IsLeadSource("notice"));
    EXPECT_FALSE(IsLeadSource("Seminar"));
    EXPECT_FALSE(IsLeadSource(""));
}

}  // namespace
}  // namespace kyoso::domain
