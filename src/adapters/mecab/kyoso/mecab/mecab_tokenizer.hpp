#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/ports/tokenizer.hpp"

namespace MeCab {
class Model;
}

namespace kyoso::mecab {

// The MeCab dictionary directory to use: `override_dir` when not empty, else
// $KYOSO_MECAB_DICDIR, else the dicdir of /etc/mecabrc (Debian: /var/lib/mecab/dic/debian),
// else the first of the usual ipadic-utf8 locations holding sys.dic. NotFound names
// every place tried.
Result<std::string> FindDictionary(const std::string& override_dir);

// True for the stop words dropped from the terms (docs/intel.md lists them and why).
bool IsStopWord(std::string_view term);
// Every stop word, in the documented order.
std::vector<std::string_view> StopWords();

// ports::Tokenizer over MeCab with the IPA dictionary (mecab-ipadic-utf8): NFKC first
// (text::Nfkc), then MeCab; keeps nouns (一般, 固有名詞, サ変接続, 形容動詞語幹) that are
// not stop words, and joins each pair of adjacent nouns (suffixes 接尾 included) into a
// compound term unless both are stop words. One MeCab::Model shared by all threads, one
// Tagger + Lattice per thread (MeCab taggers are not thread-safe).
class MecabTokenizer final : public ports::Tokenizer {
public:
    // Loads the dictionary FindDictionary(dicdir_override) names.
    static Result<std::shared_ptr<const MecabTokenizer>> Open(const std::string& dicdir_override = "");
    ~MecabTokenizer() override;

    void ForEachTerm(std::string_view text, const std::function<void(std::string_view)>& term) const override;
    const std::string& dictionary() const { return dicdir_; }

    // Use Open.
    MecabTokenizer(std::shared_ptr<MeCab::Model> model, std::string dicdir);

private:
    std::shared_ptr<MeCab::Model> model_;
    std::string dicdir_;
    unsigned long long generation_;
};

}  // namespace kyoso::mecab
