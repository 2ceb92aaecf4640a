#include "kyoso/domain/government/government_code.hpp"

#include <string>

namespace kyoso::domain {

namespace {
bool AllDigits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}
}  // namespace

int GovernmentCode::CheckDigit(std::string_view five) {
    static constexpr int kWeights[5] = {6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 5; ++i) sum += (five[static_cast<size_t>(i)] - '0') * kWeights[i];
    return (11 - sum % 11) % 10;
}

Result<GovernmentCode> GovernmentCode::Parse(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::string shown(text);
    if ((text.size() != 5 && text.size() != 6) || !AllDigits(text)) {
        return InvalidArgument("団体コード '" + shown + "' must be 5 or 6 digits (地方公共団体コード)",
                               {{"code", "expected 5 or 6 digits, got '" + shown + "'"}});
    }
    const int pref = (text[0] - '0') * 10 + (text[1] - '0');
    if (pref < 1 || pref > 47) {
        return InvalidArgument(
            "団体コード " + shown + " names unknown prefecture " + std::string(text.substr(0, 2)) + " (valid: 01-47)",
            {{"code", "unknown prefecture number " + std::string(text.substr(0, 2))}});
    }
    const int expected = CheckDigit(text.substr(0, 5));
    if (text.size() == 6) {
        const int given = text[5] - '0';
        if (given != expected) {
            return InvalidArgument(
                "団体コード " + shown + " has a wrong check digit (expected " + std::to_string(expected) + ", i.e. " +
                    std::string(text.substr(0, 5)) + std::to_string(expected) + ")",
                {{"code", "wrong check digit " + std::to_string(given) + ", expected " + std::to_string(expected)}});
        }
        return GovernmentCode(std::string(text));
    }
    return GovernmentCode(std::string(text) + std::to_string(expected));
}

std::string GovernmentCode::prefecture_code() const {
    std::string five = code_.substr(0, 2) + "000";
    return five + std::to_string(CheckDigit(five));
}

}  // namespace kyoso::domain
