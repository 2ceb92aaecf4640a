#include "kyoso/app/pipeline/pipeline_service.hpp"

#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/app/deal/deal_filters.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

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

Result<PipelineBoard> PipelineService::Board(const ListParams& params, const ports::Visibility& visible,
                                             bool amounts_hidden) const {
    KYOSO_RETURN_IF_ERROR(CheckKnownParams(params, {"fiscal_year", "product", "owner", "kind", "prefecture", "limit"}));
    ports::DealQuery filter;
    filter.visible = visible;
    KYOSO_RETURN_IF_ERROR(ParseDealFilters(params, filter));
    if (!filter.fiscal_year) filter.fiscal_year = domain::FiscalYear::Containing(clock_.Today()).year() + 1;
    int limit = 30;
    if (auto it = params.find("limit"); it != params.end()) {
        auto n = ParseInt(it->second);
        if (!n || *n < 1 || *n > 200) {
            return ParamError("limit", "must be an integer from 1 to 200, got '" + it->second + "'");
        }
        limit = static_cast<int>(*n);
    }
    auto totals = store_.deals().StageTotals(filter);
    if (!totals.ok()) return totals.status();
    PipelineBoard board;
    board.fiscal_year = *filter.fiscal_year;
    for (int i = 0; i <= static_cast<int>(domain::Stage::kDeferred); ++i) {
        BoardColumn column;
        column.stage = static_cast<domain::Stage>(i);
        for (const auto& t : *totals) {
            if (t.stage == column.stage) {
                column.count = t.count;
                column.amount_total = t.amount;
            }
        }
        if (column.count > 0) {
            ports::DealQuery q = filter;
            q.stage = column.stage;
            q.limit = limit;
            q.count_total = false;
            q.sort.field = amounts_hidden ? "id" : "amount";
            q.sort.descending = true;
            auto page = store_.deals().List(q);
            if (!page.ok()) return page.status();
            column.deals = std::move(page->items);
        }
        board.columns.push_back(std::move(column));
    }
    return board;
}

}  // namespace kyoso::app
