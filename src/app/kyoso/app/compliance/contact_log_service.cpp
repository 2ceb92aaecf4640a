#include "kyoso/app/compliance/contact_log_service.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxSummaryBytes = 20'000;
constexpr size_t kMaxShortTextBytes = 2'000;
constexpr long long kMaxYen = 1'000'000'000'000LL;
constexpr const char* kCursorPrefix = "contacts:v1:";

Status FieldErrors(std::vector<ErrorDetail> details) {
    std::string message = "invalid request: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

std::string EntryJson(const domain::ContactEntry& e) {
    AuditJson j;
    j.Int("id", e.id).Str("government_code", e.government_code).Int("official_id", e.official_id);
    j.Str("official_name", e.official_name).Str("department", e.department).Int("user_id", e.user_id);
    j.Str("occurred_on", FormatIsoDate(e.occurred_on)).Str("channel", e.channel).Str("summary", e.summary);
    j.Int("activity_id", e.activity_id).Int("deal_id", e.deal_id);
    j.Str("value_given", e.value_given.description).OptInt("value_given_yen", e.value_given.estimated_yen);
    j.Str("value_received", e.value_received.description).OptInt("value_received_yen", e.value_received.estimated_yen);
    j.Int("corrects_id", e.corrects_id).Str("recorded_at", e.recorded_at);
    return j.str();
}

// Inserts the entry and its audit record; sets e->id.
Status AppendAudited(ports::Store& store, AuditTrail& audit, domain::ContactEntry* e) {
    auto id = store.contact_log().Append(*e);
    if (!id.ok()) return id.status();
    e->id = *id;
    return audit.Append(
        {UserActor(e->user_id), "contact_log.append", "contact_log", std::to_string(*id), "", EntryJson(*e)});
}

std::string Yen(long long v) {
    std::string digits = std::to_string(v);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string ValueCell(const domain::ValueItem& v) {
    if (v.empty()) return "";
    std::string s = v.description;
    if (v.estimated_yen) s += "（見積額 " + Yen(*v.estimated_yen) + "円）";
    return s;
}

Status WriteAtomically(const std::string& path, const std::string& bytes) {
    const std::filesystem::path target(path);
    const std::string tmp =
        (target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(getpid()))).string();
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            return Unavailable("cannot write " + tmp);
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return Unavailable("cannot move " + tmp + " into place at " + path + ": " + ec.message());
    }
    return Status::Ok();
}

}  // namespace

Status AppendActivityContacts(ports::Store& store, const ports::Clock& clock, const domain::Activity& activity) {
    std::vector<long long> officials;
    if (activity.official_id != 0) officials.push_back(activity.official_id);
    auto participants = store.contact_log().ParticipantOfficials(activity.id);
    if (!participants.ok()) return participants.status();
    for (long long id : *participants) {
        if (std::find(officials.begin(), officials.end(), id) == officials.end()) officials.push_back(id);
    }
    for (long long official_id : officials) {
        auto official = store.contact_log().Official(official_id);
        if (!official.ok()) return official.status();
        domain::ContactEntry e;
        e.government_code = activity.government_code;
        e.official_id = official_id;
        e.official_name = official->name;
        e.department = official->department;
        e.user_id = activity.user_id;
        e.occurred_on = activity.occurred_on;
        e.channel = std::string(domain::ActivityTypeSlug(activity.type));
        e.summary = activity.notes.empty() ? activity.outcome : activity.notes;
        if (e.summary.empty()) e.summary = std::string(domain::ContactChannelLabelJa(e.channel));
        e.activity_id = activity.id;
        e.deal_id = activity.deal_id;
        e.recorded_at = FormatUtc(clock.Now());
        // Not audited separately: the activity's own "activity.log" entry (same
        // transaction) records the contact these entries are derived from.
        auto id = store.contact_log().Append(e);
        if (!id.ok()) return id.status();
    }
    return Status::Ok();
}

Result<ports::ContactRow> ContactLogService::Record(const ContactRequest& r) {
    std::vector<ErrorDetail> errors;
    domain::ContactEntry e;
    auto code = domain::GovernmentCode::Parse(r.government_code);
    if (!code.ok()) {
        errors.push_back({"government_code", code.status().message()});
    } else {
        e.government_code = code->str();
        auto gov = store_.governments().Get(e.government_code);
        if (!gov.ok()) {
            if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
            errors.push_back({"government_code", "no government with code " + e.government_code});
        }
    }
    if (r.user_id <= 0) {
        errors.push_back({"user_id", "required: the id of the user who had the contact"});
    } else {
        auto exists = store_.deals().UserExists(r.user_id);
        if (!exists.ok()) return exists.status();
        if (!*exists) errors.push_back({"user_id", "no user with id " + std::to_string(r.user_id)});
        e.user_id = r.user_id;
    }
    const Date today = clock_.Today();
    if (auto date = ParseIsoDate(r.occurred_on)) {
        if (std::chrono::sys_days{*date} > std::chrono::sys_days{today}) {
            errors.push_back({"occurred_on", "is in the future (today is " + FormatIsoDate(today) + ")"});
        }
        e.occurred_on = *date;
    } else {
        errors.push_back({"occurred_on", "must be a date YYYY-MM-DD, got '" + r.occurred_on + "'"});
    }
    if (!domain::IsContactChannel(r.channel)) {
        std::string known;
        for (auto c : domain::ContactChannels()) known += (known.empty() ? "" : ", ") + std::string(c);
        errors.push_back({"channel", "unknown channel '" + r.channel + "' (" + known + ")"});
    }
    e.channel = r.channel;
    if (Trim(r.summary).empty()) errors.push_back({"summary", "required: what was discussed or offered"});
    if (r.summary.size() > kMaxSummaryBytes) errors.push_back({"summary", "at most 20,000 bytes"});
    e.summary = r.summary;
    if (r.official_id) {
        auto official = store_.contact_log().Official(*r.official_id);
        if (!official.ok()) {
            if (official.status().code() != ErrorCode::kNotFound) return official.status();
            errors.push_back({"official_id", "no official with id " + std::to_string(*r.official_id)});
        } else {
            if (code.ok() && official->government_code != code->str()) {
                errors.push_back({"official_id", "official " + std::to_string(*r.official_id) + " belongs to " +
                                                     official->government_code + ", not " + code->str()});
            }
            e.official_id = official->id;
            e.official_name = official->name;
            e.department = official->department;
        }
    }
    if (r.deal_id) {
        auto deal = store_.deals().Get(*r.deal_id);
        if (!deal.ok()) {
            if (deal.status().code() != ErrorCode::kNotFound) return deal.status();
            errors.push_back({"deal_id", "no deal with id " + std::to_string(*r.deal_id)});
        } else if (code.ok() && deal->government_code != code->str()) {
            errors.push_back({"deal_id", "deal " + std::to_string(*r.deal_id) + " belongs to " + deal->government_code +
                                             ", not " + code->str()});
        }
        e.deal_id = *r.deal_id;
    }
    for (auto [field, text, yen_field, yen] :
         {std::tuple{"value_given", &r.value_given, "value_given_yen", &r.value_given_yen},
          std::tuple{"value_received", &r.value_received, "value_received_yen", &r.value_received_yen}}) {
        if (text->size() > kMaxShortTextBytes) errors.push_back({field, "at most 2,000 bytes"});
        if (*yen && (**yen < 0 || **yen > kMaxYen)) {
            errors.push_back({yen_field, "must be an estimate in yen from 0 to 1,000,000,000,000"});
        }
        if (*yen && Trim(*text).empty()) {
            errors.push_back({field, std::string("required with ") + yen_field + ": describe what it was"});
        }
    }
    e.value_given = {r.value_given, r.value_given_yen};
    e.value_received = {r.value_received, r.value_received_yen};
    std::optional<ports::ContactRow> corrected;
    if (r.corrects_id) {
        auto c = store_.contact_log().Get(*r.corrects_id);
        if (!c.ok()) {
            if (c.status().code() != ErrorCode::kNotFound) return c.status();
            errors.push_back({"corrects_id", "no contact log entry with id " + std::to_string(*r.corrects_id)});
        } else {
            corrected = std::move(*c);
        }
        e.corrects_id = *r.corrects_id;
    }
    if (!errors.empty()) return FieldErrors(std::move(errors));
    if (corrected && corrected->entry.government_code != e.government_code) {
        return Status(ErrorCode::kFailedPrecondition,
                      "entry " + std::to_string(e.corrects_id) + " is a contact with " +
                          corrected->entry.government_code + "; a correction must be for the same government",
                      {{"corrects_id", "entry of government " + corrected->entry.government_code}});
    }
    e.recorded_at = FormatUtc(clock_.Now());

    Status st = store_.InTransaction([&]() -> Status { return AppendAudited(store_, audit_, &e); });
    if (!st.ok()) return st;
    return store_.contact_log().Get(e.id);
}

Result<ContactListResult> ContactLogService::List(const ListParams& params, const ports::Visibility& visible) {
    static const std::set<std::string> kKnown = {"government", "official", "from", "to", "limit", "cursor"};
    for (const auto& [key, value] : params) {
        if (!kKnown.count(key)) {
            return ParamError(key, "unknown parameter (known: government, official, from, to, limit, cursor)");
        }
    }
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = params.find(key);
        if (it == params.end()) return std::nullopt;
        return it->second;
    };
    ports::ContactQuery q;
    q.visible = visible;
    if (auto v = get("government")) {
        auto code = domain::GovernmentCode::Parse(*v);
        if (!code.ok()) return ParamError("government", code.status().message());
        q.government_code = code->str();
    }
    if (auto v = get("official")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1) return ParamError("official", "must be an official id (positive integer), got '" + *v + "'");
        q.official_id = *n;
    }
    for (auto [key, slot] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
        if (auto v = get(key)) {
            auto d = ParseIsoDate(*v);
            if (!d) return ParamError(key, "must be a date YYYY-MM-DD, got '" + *v + "'");
            *slot = *d;
        }
    }
    if (q.from && q.to && std::chrono::sys_days{*q.from} > std::chrono::sys_days{*q.to}) {
        return ParamError("to", "is before from");
    }
    if (auto v = get("limit")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1 || *n > 500) return ParamError("limit", "must be an integer from 1 to 500, got '" + *v + "'");
        q.limit = static_cast<int>(*n);
    }
    if (auto v = get("cursor")) {
        auto raw = FromHex(*v, 128);
        const std::string prefix = kCursorPrefix;
        bool ok = false;
        if (raw && raw->rfind(prefix, 0) == 0) {
            auto parts = Split(std::string_view(*raw).substr(prefix.size()), ':');
            if (parts.size() == 2) {
                auto d = ParseIsoDate(parts[0]);
                auto id = ParseInt(parts[1]);
                if (d && id && *id >= 0) {
                    q.after = std::pair{*d, *id};
                    ok = true;
                }
            }
        }
        if (!ok) return ParamError("cursor", "not a cursor issued by this server; start again without it");
    }
    auto page = store_.contact_log().List(q);
    if (!page.ok()) return page.status();
    ContactListResult out;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back().entry;
        out.next_cursor = ToHex(kCursorPrefix + FormatIsoDate(last.occurred_on) + ":" + std::to_string(last.id));
    }
    out.items = std::move(page->items);
    return out;
}

Result<Disclosure> ContactLogService::BuildDisclosure(const std::string& government_code, const std::string& from,
                                                      const std::string& to) {
    auto code = domain::GovernmentCode::Parse(government_code);
    if (!code.ok()) return InvalidArgument(code.status().message(), {{"government", code.status().message()}});
    ports::ContactQuery q;
    q.government_code = code->str();
    q.limit = 0;
    for (auto [name, text, slot] : {std::tuple{"from", &from, &q.from}, std::tuple{"to", &to, &q.to}}) {
        if (text->empty()) continue;
        auto d = ParseIsoDate(*text);
        if (!d)
            return InvalidArgument(std::string(name) + " must be a date YYYY-MM-DD, got '" + *text + "'",
                                   {{name, "must be a date YYYY-MM-DD"}});
        *slot = *d;
    }
    if (q.from && q.to && std::chrono::sys_days{*q.from} > std::chrono::sys_days{*q.to}) {
        return InvalidArgument("to is before from", {{"to", "is before from"}});
    }
    auto gov = store_.governments().Get(q.government_code.value());
    if (!gov.ok()) return gov.status();
    auto page = store_.contact_log().List(q);
    if (!page.ok()) return page.status();
    Disclosure d;
    d.government_code = gov->code.str();
    d.government_name = gov->prefecture_name == gov->name ? gov->name : gov->prefecture_name + gov->name;
    d.sheet.name = "接触記録";
    d.sheet.header = {"日時",           "職員",           "所属",     "担当者",   "種別",    "内容",
                      "供与した物品等", "受領した物品等", "関連案件", "記録番号", "訂正対象"};
    d.sheet.column_widths = {12, 14, 24, 12, 10, 60, 24, 24, 30, 10, 10};
    for (const auto& row : page->items) {
        const auto& e = row.entry;
        d.sheet.rows.push_back({
            FormatIsoDate(e.occurred_on),
            e.official_name,
            e.department,
            row.user_name,
            std::string(domain::ContactChannelLabelJa(e.channel)),
            e.summary,
            ValueCell(e.value_given),
            ValueCell(e.value_received),
            e.deal_id ? row.deal_title + "（案件番号 " + std::to_string(e.deal_id) + "）" : "",
            std::to_string(e.id),
            e.corrects_id ? std::to_string(e.corrects_id) : "",
        });
    }
    return d;
}

std::string ContactLogService::DisclosureCsv(const ports::Sheet& sheet) {
    std::string out = "\xEF\xBB\xBF";
    auto line = [&out](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ',';
            out += '"';
            for (char c : cells[i]) {
                if (c == '"') out += '"';
                out += c;
            }
            out += '"';
        }
        out += "\r\n";
    };
    line(sheet.header);
    for (const auto& row : sheet.rows) line(row);
    return out;
}

Result<std::string> ContactLogService::DisclosureXlsx(const ports::Sheet& sheet) const {
    if (!xlsx_) return Unavailable("no spreadsheet writer configured");
    return xlsx_->RenderXlsx(sheet);
}

Result<DisclosureFiles> ContactLogService::ExportDisclosure(const std::string& government_code, const std::string& from,
                                                            const std::string& to, const std::string& dir) {
    if (!xlsx_) return Unavailable("no spreadsheet writer configured");
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return InvalidArgument("output folder " + dir + " does not exist", {{"out", "no such folder"}});
    }
    auto d = BuildDisclosure(government_code, from, to);
    if (!d.ok()) return d.status();
    std::string stem = "disclosure-" + d->government_code;
    if (!from.empty() || !to.empty()) stem += "-" + from + "_" + to;
    DisclosureFiles files;
    files.csv_path = (std::filesystem::path(dir) / (stem + ".csv")).string();
    files.xlsx_path = (std::filesystem::path(dir) / (stem + ".xlsx")).string();
    files.rows = static_cast<long long>(d->sheet.rows.size());
    KYOSO_RETURN_IF_ERROR(WriteAtomically(files.csv_path, DisclosureCsv(d->sheet)));
    KYOSO_RETURN_IF_ERROR(xlsx_->WriteXlsx(d->sheet, files.xlsx_path));
    return files;
}

}  // namespace kyoso::app
