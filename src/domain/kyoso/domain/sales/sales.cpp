#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::domain {

std::string_view SalesRoleSlug(SalesRole role) {
    switch (role) {
        case SalesRole::kBdr:
            return "bdr";
        case SalesRole::kInsideSales:
            return "inside_sales";
        case SalesRole::kFieldSales:
            return "field_sales";
        case SalesRole::kCustomerSuccess:
            return "customer_success";
        case SalesRole::kManager:
            return "manager";
    }
    return "field_sales";
}

std::string_view ActivityTypeSlug(ActivityType type) {
    switch (type) {
        case ActivityType::kVisit:
            return "visit";
        case ActivityType::kCall:
            return "call";
        case ActivityType::kEmail:
            return "email";
        case ActivityType::kOnlineMeeting:
            return "online_meeting";
        case ActivityType::kSeminar:
            return "seminar";
        case ActivityType::kDemo:
            return "demo";
        case ActivityType::kReferenceQuote:
            return "reference_quote";
        case ActivityType::kProposal:
            return "proposal";
        case ActivityType::kBid:
            return "bid";
    }
    return "call";
}

std::string_view ActivityTypeLabelJa(ActivityType type) {
    switch (type) {
        case ActivityType::kVisit:
            return "訪問";
        case ActivityType::kCall:
            return "電話";
        case ActivityType::kEmail:
            return "メール";
        case ActivityType::kOnlineMeeting:
            return "オンライン会議";
        case ActivityType::kSeminar:
            return "セミナー";
        case ActivityType::kDemo:
            return "デモ";
        case ActivityType::kReferenceQuote:
            return "参考見積";
        case ActivityType::kProposal:
            return "提案";
        case ActivityType::kBid:
            return "入札";
    }
    return "";
}

std::string_view ActivityTypeLabelEn(ActivityType type) {
    switch (type) {
        case ActivityType::kVisit:
            return "Visit";
        case ActivityType::kCall:
            return "Call";
        case ActivityType::kEmail:
            return "Email";
        case ActivityType::kOnlineMeeting:
            return "Online meeting";
        case ActivityType::kSeminar:
            return "Seminar";
        case ActivityType::kDemo:
            return "Demo";
        case ActivityType::kReferenceQuote:
            return "Reference quote";
        case ActivityType::kProposal:
            return "Proposal";
        case ActivityType::kBid:
            return "Bid";
    }
    return "";
}

std::optional<ActivityType> ActivityTypeFromSlug(std::string_view slug) {
    for (int i = 0; i <= static_cast<int>(ActivityType::kBid); ++i) {
        const auto type = static_cast<ActivityType>(i);
        if (ActivityTypeSlug(type) == slug) return type;
    }
    return std::nullopt;
}

}  // namespace kyoso::domain
