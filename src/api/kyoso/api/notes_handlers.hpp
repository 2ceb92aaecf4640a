#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the note-analysis routes (docs/ml.md, "Note analysis and the optional LLM")
// when services.notes is set: GET /api/notes/status, POST /api/notes/analyze,
// GET /api/activities/{id}/analysis, GET /api/deals/{id}/notes-analysis,
// POST /api/notes/summarize and POST /api/notes/draft-mail (503 "LLM not configured"
// when no LLM endpoint is set).
// The JSON of one note's analysis and of a deal's (the API's and `kyoso notes analyze`'s shape).
nlohmann::json NoteAnalysisJson(const app::NoteAnalysis& analysis);
nlohmann::json DealNotesAnalysisJson(const app::DealNotesAnalysis& analysis);

void RegisterNotesRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
