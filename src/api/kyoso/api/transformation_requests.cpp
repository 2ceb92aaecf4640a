#include "kyoso/api/transformation_requests.hpp"

namespace kyoso::api {

const std::set<std::string> kAssessmentFields = {"assessed_on", "note", "answers"};

app::DiagnosisSubmission ReadDiagnosisSubmission(BodyReader& body) {
    app::DiagnosisSubmission s;
    s.assessed_on = body.String("assessed_on", false);
    s.note = body.String("note", false).value_or("");
    auto answers = body.ObjectArray<domain::DiagnosisAnswer>(
        "answers", {"question_key", "level", "comment"}, [](BodyReader::Item& item) {
            domain::DiagnosisAnswer a;
            a.question_key = item.String("question_key", true).value_or("");
            a.level = static_cast<int>(item.Int("level", true).value_or(0));
            a.comment = item.String("comment", false).value_or("");
            return a;
        });
    if (!body.Has("answers")) body.AddError("answers", "required");
    s.answers = answers.value_or(std::vector<domain::DiagnosisAnswer>{});
    return s;
}

const std::set<std::string> kExperimentDesignFields = {"name",       "hypothesis",      "kind",    "cadence_id",
                                                       "pilot_team", "comparison_team", "outcome", "start_on",
                                                       "horizon_on", "min_per_arm"};

app::ExperimentInput ReadExperimentInput(BodyReader& body, bool create) {
    app::ExperimentInput in;
    in.name = body.String("name", create);
    in.hypothesis = body.String("hypothesis", false);
    in.kind = body.String("kind", create);
    in.cadence_id = body.Int("cadence_id", false);
    in.pilot_team = body.String("pilot_team", false);
    in.comparison_team = body.String("comparison_team", false);
    in.outcome = body.String("outcome", create);
    in.start_on = body.String("start_on", false);
    in.horizon_on = body.String("horizon_on", create);
    in.min_per_arm = body.NullableId("min_per_arm");
    return in;
}

const std::set<std::string> kCaseFields = {"kind",    "title",    "government_code", "product_id", "deal_id",
                                           "summary", "approach", "lessons",         "tags",       "created_on"};

app::CaseRequest ReadCaseRequest(BodyReader& body, bool create) {
    app::CaseRequest r;
    r.kind = body.String("kind", create);
    r.title = body.String("title", create);
    r.government_code = body.String("government_code", create);
    r.product_id = body.Int("product_id", create);
    if (body.Has("deal_id")) r.deal_id = body.NullableId("deal_id").value_or(0);
    r.summary = body.String("summary", false);
    r.approach = body.String("approach", false);
    r.lessons = body.String("lessons", false);
    if (body.Has("tags")) {
        auto tags = body.StringArray("tags");
        if (tags) {
            std::string joined;
            for (size_t i = 0; i < tags->size(); ++i) {
                if ((*tags)[i].find(',') != std::string::npos)
                    body.AddError("tags[" + std::to_string(i) + "]", "no commas");
                if (!joined.empty() && !(*tags)[i].empty()) joined += ",";
                joined += (*tags)[i];
            }
            r.tags = joined;
        }
    }
    r.created_on = body.String("created_on", false);
    return r;
}

}  // namespace kyoso::api
