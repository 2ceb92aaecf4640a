#pragma once

#include <string>
#include <vector>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/pipeline/stage_rules.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// What a client asks for when a stage move needs a piece of evidence: nothing
// (an activity that must already be logged), a text, an amount in yen, or a URL.
enum class EvidenceInput { kNone, kText, kAmount, kUrl };
std::string_view EvidenceInputSlug(EvidenceInput input);  // "none", "text", "amount", "url"
// The input for `kind`: note, lost_reason and competitor are text; budget_amount and
// award_amount amounts; notice_url a URL; logged activities none.
EvidenceInput EvidenceInputOf(domain::EvidenceKind kind);

// One piece of entry evidence of a stage, as the web app shows it.
struct EvidenceDescription {
    domain::EvidenceKind kind = domain::EvidenceKind::kNote;
    // The POST /api/deals/{id}/stage body field to send (text, amount, url) and the
    // 422 detail field naming it when missing: the evidence slug.
    std::vector<std::string> fields;
    EvidenceInput input = EvidenceInput::kNone;
};

// One stage of the municipal pipeline with its rules.
struct StageDescription {
    domain::Stage stage = domain::Stage::kDiscovery;
    int order = 0;                              // position in the pipeline, 0 = 情報収集
    bool closed = false;                        // 受注, 失注, 見送り
    std::vector<EvidenceDescription> evidence;  // required to enter it
    std::vector<domain::Stage> next;            // stages a deal here may move to
};

// One column of the kanban board: every deal at `stage` counted and summed, and
// the first of them in board order.
struct BoardColumn {
    domain::Stage stage = domain::Stage::kDiscovery;
    long long count = 0;
    long long amount_total = 0;  // yen
    std::vector<ports::NamedDeal> deals;
};

// The pipeline of one fiscal year, one column per stage in pipeline order.
struct PipelineBoard {
    int fiscal_year = 0;
    std::vector<BoardColumn> columns;
};

// Read-only views of the pipeline for the web app. Thread-safe; `policy` must
// outlive the service (the DealService's own, so the board asks for exactly the
// evidence the moves enforce).
class PipelineService {
public:
    PipelineService(ports::Store& store, const ports::Clock& clock, const domain::StageEvidencePolicy& policy)
        : store_(store), clock_(clock), policy_(policy) {}

    // Every stage in pipeline order with its entry evidence and allowed moves.
    std::vector<StageDescription> Stages() const;

    // The board of the deals `visible` to the caller. Parameters: fiscal_year
    // (default: the fiscal year after today's, whose budget is being made now),
    // product, owner, kind, prefecture (as on the deal list), limit (deals per column,
    // 1-200, default 30). Every stage has a column, closed ones too. A column's deals
    // are ordered by amount (largest first), then id (newest first), or, when
    // `amounts_hidden`, by id alone, so the order reveals no amount. InvalidArgument
    // naming the parameter.
    Result<PipelineBoard> Board(const ListParams& params, const ports::Visibility& visible, bool amounts_hidden) const;

private:
    ports::Store& store_;
    const ports::Clock& clock_;
    const domain::StageEvidencePolicy& policy_;
};

}  // namespace kyoso::app
