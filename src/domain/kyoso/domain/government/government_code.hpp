#pragma once

#include <string>
#include <string_view>

#include "kyoso/core/result.hpp"

namespace kyoso::domain {

// 地方公共団体コード: prefecture (2) + body (3) + check digit (1).
// Always stored in its 6-digit form; the 5-digit form (no check digit) found in
// many statistics files is accepted on input and completed.
class GovernmentCode {
public:
    // Accepts "131016" (check digit verified) or "13101" (check digit appended).
    // Surrounding ASCII spaces are ignored. Errors name the code and, for a wrong
    // check digit, the digit it should have been.
    static Result<GovernmentCode> Parse(std::string_view text);

    // Check digit of the first five digits: weights 6,5,4,3,2; r = sum mod 11;
    // check = (11 - r) mod 10. `five` must be exactly five ASCII digits.
    static int CheckDigit(std::string_view five);

    const std::string& str() const { return code_; }
    int prefecture_number() const { return (code_[0] - '0') * 10 + (code_[1] - '0'); }
    // The three body digits; 000 for a prefecture.
    int body_number() const { return (code_[2] - '0') * 100 + (code_[3] - '0') * 10 + (code_[4] - '0'); }
    bool is_prefecture() const { return body_number() == 0; }
    // 6-digit code of the prefecture this body belongs to.
    std::string prefecture_code() const;

    friend bool operator==(const GovernmentCode&, const GovernmentCode&) = default;
    friend auto operator<=>(const GovernmentCode&, const GovernmentCode&) = default;

private:
    explicit GovernmentCode(std::string code) : code_(std::move(code)) {}
    std::string code_;
};

}  // namespace kyoso::domain
