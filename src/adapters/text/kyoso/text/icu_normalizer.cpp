#include "kyoso/text/icu_normalizer.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace kyoso::text {

namespace {
std::unique_ptr<icu::Transliterator> MakeFolder() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFKC; Katakana-Hiragana; Any-Lower; [:White_Space:] Remove", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) return nullptr;
    return t;
}
}  // namespace

std::string IcuTextNormalizer::Fold(std::string_view text) const {
    // Transliterator instances are not documented as safe for concurrent use: one per thread.
    thread_local std::unique_ptr<icu::Transliterator> folder = MakeFolder();
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (folder) folder->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::string Nfkc(std::string_view text) {
    bool ascii = true;
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) return std::string(text);  // NFKC leaves ASCII unchanged
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || nfkc == nullptr) return std::string(text);
    std::string out;
    out.reserve(text.size());
    icu::StringByteSink<std::string> sink(&out);
    nfkc->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, nullptr, status);
    if (U_FAILURE(status)) return std::string(text);
    return out;
}

}  // namespace kyoso::text
