#include "kyoso/app/pipeline/pipeline_service.hpp"

namespace kyoso::app {

std::string_view EvidenceInputSlug(EvidenceInput input) {
    switch (input) {
        case EvidenceInput::kNone:
            return "none";
        case EvidenceInput::kText:
            return "text";
        case EvidenceInput::kAmount:
            return "amount";
        case EvidenceInput::kUrl:
            return "url";
    }
    return "none";
}

EvidenceInput EvidenceInputOf(domain::EvidenceKind kind) {
    using E = domain::EvidenceKind;
    switch (kind) {
        case E::kHearingLogged:
        case E::kReferenceQuoteBeforeDeadline:
        case E::kBidOrProposalLogged:
            return EvidenceInput::kNone;  // an activity logged on the deal beforehand
        case E::kNote:
        case E::kLostReason:
        case E::kCompetitor:
            return EvidenceInput::kText;
        case E::kBudgetAmount:
        case E::kAwardAmount:
            return EvidenceInput::kAmount;
        case E::kNoticeUrl:
            return EvidenceInput::kUrl;
    }
    return EvidenceInput::kNone;
}

std::vector<StageDescription> PipelineService::Stages() const {
    std::vector<StageDescription> out;
    for (int i = 0; i <= static_cast<int>(domain::Stage::kDeferred); ++i) {
        const auto stage = static_cast<domain::Stage>(i);
        StageDescription d;
        d.stage = stage;
        d.order = i;
        d.closed = domain::IsClosed(stage);
        for (domain::EvidenceKind kind : policy_.For(stage)) {
            d.evidence.push_back({kind, {std::string(domain::EvidenceSlug(kind))}, EvidenceInputOf(kind)});
        }
        d.next = domain::NextStages(stage);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace kyoso::app
