#include "kyoso/cli/intel_commands.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/intel/product_matcher.hpp"
#include "kyoso/cli/runtime.hpp"
#include "kyoso/domain/intel/match_evaluation.hpp"
#include "kyoso/mecab/mecab_tokenizer.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db;
    std::string text;
    std::string labels;
    std::string notices;
    std::string input;
    std::string dicdir;
    std::string export_index;
    double threshold = app::kDefaultMatchThreshold;
    app::ProfileWeights weights;
    double min_precision = 0;
    double min_recall = 0;
    int threads = 2;
    bool show_errors = false;
};

// One hand-labelled notice: its title and the product ids it is an opportunity for.
struct LabelledNotice {
    std::string key;
    std::string title;
    std::vector<long long> products;
};

Result<std::vector<LabelledNotice>> ReadLabels(const std::string& path, const std::vector<domain::Product>& catalogue) {
    text::CsvTableReader reader;
    auto table = reader.ReadFile(path);
    if (!table.ok()) return table.status();
    auto column = [&](const std::string& name) -> int {
        for (size_t i = 0; i < table->header.size(); ++i) {
            if (table->header[i] == name) return static_cast<int>(i);
        }
        return -1;
    };
    const int key = column("anken"), title = column("title"), products = column("products");
    if (key < 0 || title < 0 || products < 0) {
        return InvalidArgument(path + ": the header must have the columns anken, title, products");
    }
    std::map<std::string, long long> ids;
    for (const auto& p : catalogue) ids[p.name] = p.id;
    std::vector<LabelledNotice> out;
    for (const auto& row : table->rows) {
        auto cell = [&](int i) {
            return static_cast<size_t>(i) < row.cells.size() ? row.cells[static_cast<size_t>(i)] : "";
        };
        LabelledNotice n{cell(key), cell(title), {}};
        std::string list = cell(products);
        size_t start = 0;
        while (start < list.size()) {
            size_t bar = list.find('|', start);
            std::string name = list.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
            if (!name.empty()) {
                auto it = ids.find(name);
                if (it == ids.end()) {
                    return InvalidArgument(path + ": line " + std::to_string(row.line) +
                                           ": products: unknown product '" + name + "'");
                }
                n.products.push_back(it->second);
            }
            if (bar == std::string::npos) break;
            start = bar + 1;
        }
        out.push_back(std::move(n));
    }
    return out;
}

// The catalogue and won deals the matcher is built from: the store's (--db) or the
// Japan-scale demo catalogue without deals.
struct Catalogue {
    std::vector<domain::Product> products;
    app::WonDealTexts won;
};

Result<Catalogue> LoadCatalogue(const std::string& db) {
    Catalogue c;
    if (db.empty()) {
        c.products = app::DemoCatalogue(app::DemoScale::kJapan);
        return c;
    }
    auto store = OpenStore(db);
    if (!store.ok()) return store.status();
    auto products = app::LoadAllProducts(**store);
    if (!products.ok()) return products.status();
    auto won = app::LoadWonDealTexts(**store);
    if (!won.ok()) return won.status();
    c.products = std::move(*products);
    c.won = std::move(*won);
    return c;
}

Result<std::shared_ptr<const app::Bm25ProductMatcher>> BuildMatcher(const Options& o, const Catalogue& c) {
    auto tokenizer = mecab::MecabTokenizer::Open(o.dicdir);
    if (!tokenizer.ok()) return tokenizer.status();
    std::shared_ptr<const ports::Tokenizer> tok = *tokenizer;
    domain::Bm25Index index(app::BuildProductProfiles(*tok, c.products, c.won, o.weights),
                            app::ReferenceFrequencies(*tok));
    return std::make_shared<const app::Bm25ProductMatcher>(tok, std::move(index), o.threshold);
}

std::string ProductName(const std::vector<domain::Product>& products, long long id) {
    for (const auto& p : products) {
        if (p.id == id) return p.name;
    }
    return "#" + std::to_string(id);
}

std::string JoinTerms(const std::vector<std::string>& terms) {
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : " ") + t;
    return out;
}

// The baseline: a product matches when the NFKC title contains its name or one of its
// keywords as a plain substring.
std::vector<long long> KeywordBaseline(const std::string& title, const std::vector<domain::Product>& products) {
    std::string t = text::Nfkc(title);
    std::vector<long long> out;
    for (const auto& p : products) {
        bool hit = t.find(text::Nfkc(p.name)) != std::string::npos;
        for (const auto& k : p.keywords) hit = hit || t.find(text::Nfkc(k)) != std::string::npos;
        if (hit) out.push_back(p.id);
    }
    return out;
}

void RunMatch(const Options& o) {
    auto catalogue = LoadCatalogue(o.db);
    if (!catalogue.ok()) Exit(Fail(catalogue.status()));
    auto matcher = BuildMatcher(o, *catalogue);
    if (!matcher.ok()) Exit(Fail(matcher.status()));
    auto matches = (*matcher)->Match(o.text);
    if (matches.empty()) std::printf("no product reaches the threshold %.2f\n", o.threshold);
    for (const auto& m : matches) {
        std::printf("%-28s %6.2f  %s\n", ProductName(catalogue->products, m.product_id).c_str(), m.score,
                    JoinTerms(m.terms).c_str());
    }
    Exit(0);
}

void RunEvaluate(const Options& o, bool quiet) {
    auto catalogue = LoadCatalogue(o.db);
    if (!catalogue.ok()) Exit(Fail(catalogue.status()));
    auto labels = ReadLabels(o.labels, catalogue->products);
    if (!labels.ok()) Exit(Fail(labels.status()));
    if (!o.notices.empty()) {
        // Every labelled notice must be one of the real ones, title unchanged.
        text::CsvTableReader reader;
        auto table = reader.ReadFile(o.notices);
        if (!table.ok()) Exit(Fail(table.status()));
        std::map<std::string, std::string> titles;
        for (const auto& row : table->rows) {
            if (row.cells.size() < 3) continue;
            auto at = row.cells[1].find("anken=");
            if (at == std::string::npos) continue;
            std::string key = row.cells[1].substr(at + 6, row.cells[1].find('&', at) - at - 6);
            key.erase(0, key.find_first_not_of('0'));
            titles.emplace(key, row.cells[2]);
        }
        for (const auto& n : *labels) {
            auto it = titles.find(n.key);
            if (it == titles.end() || it->second.rfind(n.title, 0) != 0) {
                Exit(Fail(
                    InvalidArgument(o.labels + ": anken " + n.key + " is not in " + o.notices + " with that title")));
            }
        }
    }
    auto matcher = BuildMatcher(o, *catalogue);
    if (!matcher.ok()) Exit(Fail(matcher.status()));
    long long labelled_pairs = 0, positives = 0;
    for (const auto& n : *labels) {
        labelled_pairs += static_cast<long long>(n.products.size());
        positives += n.products.empty() ? 0 : 1;
    }
    std::printf("labels: %zu notices, %lld with a product, %lld (notice, product) pairs; %zu products\n",
                labels->size(), positives, labelled_pairs, catalogue->products.size());
    // All scores once (threshold just above 0), then every threshold from them.
    std::vector<std::vector<ports::ProductMatch>> scored;
    for (const auto& n : *labels) scored.push_back((*matcher)->MatchAbove(n.title, 1e-9));
    auto at = [&](double threshold, bool errors) {
        domain::PairCounts counts;
        for (size_t i = 0; i < labels->size(); ++i) {
            std::vector<long long> predicted;
            for (const auto& m : scored[i]) {
                if (m.score >= threshold) predicted.push_back(m.product_id);
            }
            counts.Add(predicted, (*labels)[i].products);
            if (!errors) continue;
            for (const auto& m : scored[i]) {
                bool labelled = std::find((*labels)[i].products.begin(), (*labels)[i].products.end(), m.product_id) !=
                                (*labels)[i].products.end();
                if (m.score >= threshold && !labelled) {
                    std::printf("  FP %-24s %5.2f %s [%s]\n", ProductName(catalogue->products, m.product_id).c_str(),
                                m.score, (*labels)[i].title.c_str(), JoinTerms(m.terms).c_str());
                }
            }
            for (long long id : (*labels)[i].products) {
                bool found = false;
                for (const auto& m : scored[i]) found = found || (m.product_id == id && m.score >= threshold);
                if (!found) {
                    std::printf("  FN %-24s %s\n", ProductName(catalogue->products, id).c_str(),
                                (*labels)[i].title.c_str());
                }
            }
        }
        return counts;
    };
    std::printf("threshold  precision  recall    F1     tp   fp   fn\n");
    for (double t : {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0, 15.0}) {
        auto c = at(t, false);
        std::printf("%8.1f%s %9.3f %7.3f %6.3f %5lld %4lld %4lld\n", t, t == o.threshold ? "*" : " ", c.Precision(),
                    c.Recall(), c.F1(), c.true_positives, c.false_positives, c.false_negatives);
    }
    if (o.show_errors && !quiet) std::printf("errors at the threshold %.2f:\n", o.threshold);
    auto chosen = at(o.threshold, o.show_errors && !quiet);
    domain::PairCounts baseline;
    for (const auto& n : *labels) baseline.Add(KeywordBaseline(n.title, catalogue->products), n.products);
    std::printf("bm25     threshold %.2f: precision %.3f recall %.3f F1 %.3f\n", o.threshold, chosen.Precision(),
                chosen.Recall(), chosen.F1());
    std::printf("baseline keyword substring: precision %.3f recall %.3f F1 %.3f\n", baseline.Precision(),
                baseline.Recall(), baseline.F1());
    if (chosen.Precision() < o.min_precision || chosen.Recall() < o.min_recall) {
        std::fprintf(stderr, "error: below the floors (precision >= %.2f, recall >= %.2f)\n", o.min_precision,
                     o.min_recall);
        Exit(1);
    }
    Exit(0);
}

// Writes the matcher's index as JSON for the Python baseline of the benchmark: the
// same profiles, IDF, BM25 parameters, threshold and stop words.
Status ExportIndex(const app::Bm25ProductMatcher& m, const std::string& path) {
    const auto& index = m.index();
    nlohmann::json terms = nlohmann::json::object();
    for (size_t id = 0; id < index.term_count(); ++id) {
        nlohmann::json postings = nlohmann::json::array();
        for (const auto& p : index.PostingsOf(static_cast<int>(id))) {
            postings.push_back({index.ProductIdAt(static_cast<size_t>(p.profile)), p.weight_idf});
        }
        terms[index.TermText(static_cast<int>(id))] = postings;
    }
    nlohmann::json stop = nlohmann::json::array();
    for (auto w : mecab::StopWords()) stop.push_back(std::string(w));
    nlohmann::json doc = {{"k1", index.params().k1},    {"b", index.params().b}, {"avgdl", index.average_length()},
                          {"threshold", m.threshold()}, {"stop_words", stop},    {"terms", terms}};
    std::ofstream out(path);
    out << doc.dump() << "\n";
    if (!out) return Unavailable("--export-index: cannot write " + path);
    return Status::Ok();
}

void RunBench(const Options& o, bool quiet) {
    std::ifstream in(o.input);
    if (!in) Exit(Fail(NotFound("--input: cannot read " + o.input)));
    std::vector<std::string> titles;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) titles.push_back(std::move(line));
    }
    auto catalogue = LoadCatalogue(o.db);
    if (!catalogue.ok()) Exit(Fail(catalogue.status()));
    auto matcher = BuildMatcher(o, *catalogue);
    if (!matcher.ok()) Exit(Fail(matcher.status()));
    if (!o.export_index.empty()) {
        Status st = ExportIndex(**matcher, o.export_index);
        if (!st.ok()) Exit(Fail(st));
    }
    const int threads = std::max(1, o.threads);
    if (!quiet) std::fprintf(stderr, "match-bench: %zu titles, %d threads\n", titles.size(), threads);
    std::atomic<size_t> next{0};
    std::vector<unsigned long long> checksums(static_cast<size_t>(threads), 0);
    std::vector<size_t> counts(static_cast<size_t>(threads), 0);
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            const auto& m = **matcher;
            constexpr size_t kChunk = 1024;
            unsigned long long local_checksum = 0;  // local: no cache line shared between threads
            size_t local_count = 0;
            for (size_t begin = next.fetch_add(kChunk); begin < titles.size(); begin = next.fetch_add(kChunk)) {
                const size_t end = std::min(titles.size(), begin + kChunk);
                for (size_t i = begin; i < end; ++i) {
                    unsigned long long sum = 0;
                    local_count += m.CountMatches(titles[i], &sum);
                    // Order-independent: each title's matches weighted by its line number.
                    local_checksum += sum * (i + 1);
                }
            }
            checksums[static_cast<size_t>(t)] = local_checksum;
            counts[static_cast<size_t>(t)] = local_count;
        });
    }
    for (auto& th : pool) th.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    unsigned long long checksum = 0;
    size_t matches = 0;
    for (int t = 0; t < threads; ++t) {
        checksum += checksums[static_cast<size_t>(t)];
        matches += counts[static_cast<size_t>(t)];
    }
    std::printf("titles %zu threads %d seconds %.3f matches %zu checksum %llu\n", titles.size(), threads, seconds,
                matches, checksum);
    Exit(0);
}

}  // namespace

void RegisterIntelMatchCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    // Other intel commands (notices, signals) may have added the group already.
    CLI::App* intel = nullptr;
    for (auto* sub : app.get_subcommands([](CLI::App* a) { return a->get_name() == "intel"; })) intel = sub;
    if (intel == nullptr) {
        intel = app.add_subcommand("intel", "Budget-cycle intelligence: notices, matching, signals (docs/intel.md)");
        intel->require_subcommand(1);
    }
    auto common = [&o](CLI::App* cmd) {
        cmd->add_option("--threshold", o->threshold, "BM25 score a product must reach")->capture_default_str();
        cmd->add_option("--part-weight", o->weights.part, "Weight factor of a part of a compound keyword")
            ->capture_default_str();
        cmd->add_option("--domain-weight", o->weights.policy_domain, "Weight of policy-domain terms")
            ->capture_default_str();
        cmd->add_option("--dicdir", o->dicdir,
                        "MeCab dictionary directory (default: KYOSO_MECAB_DICDIR, /etc/mecabrc)");
    };
    auto* match = intel->add_subcommand("match", "Match a text to the catalogue's products, with the matched terms");
    match->add_option("--db", o->db, "SQLite database file or postgresql:// URL (default: the demo catalogue)")
        ->envname("KYOSO_DB");
    match->add_option("--text", o->text, "The text (a notice title, a council passage)")->required();
    common(match);
    match->final_callback([o] { RunMatch(*o); });

    auto* evaluate = intel->add_subcommand("evaluate", "Precision and recall of the matcher on hand-labelled notices");
    evaluate->add_option("--labels", o->labels, "Labels CSV (anken,title,products,note)")->required();
    evaluate->add_option("--notices", o->notices, "The notices CSV the labels come from (checks keys and titles)");
    evaluate->add_option("--db", o->db, "Catalogue from this database (default: the Japan-scale demo catalogue)");
    evaluate->add_option("--min-precision", o->min_precision, "Exit 1 when precision is below this");
    evaluate->add_option("--min-recall", o->min_recall, "Exit 1 when recall is below this");
    evaluate->add_flag("--show-errors", o->show_errors, "List false positives and negatives at the threshold");
    common(evaluate);
    evaluate->final_callback([o, &quiet] { RunEvaluate(*o, quiet); });

    auto* bench = intel->add_subcommand("match-bench", "Tokenise and match every line of a file; prints the time");
    bench->add_option("--input", o->input, "One title per line")->required();
    bench->add_option("--threads", o->threads, "Worker threads")->capture_default_str();
    bench->add_option("--db", o->db, "Catalogue from this database (default: the Japan-scale demo catalogue)");
    bench->add_option("--export-index", o->export_index, "Also write the BM25 index as JSON (for the Python baseline)");
    common(bench);
    bench->final_callback([o, &quiet] { RunBench(*o, quiet); });
}

}  // namespace kyoso::cli
