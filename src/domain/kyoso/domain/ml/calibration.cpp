#include "kyoso/domain/ml/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "kyoso/domain/ml/dataset.hpp"

namespace kyoso::domain::ml {

namespace {
double ClampedLogit(double p) { return Logit(std::clamp(p, 1e-6, 1.0 - 1e-6)); }
}  // namespace

Calibrator Calibrator::FitPlatt(const std::vector<double>& probabilities, const std::vector<float>& labels) {
    const std::size_t n = std::min(probabilities.size(), labels.size());
    const ClassCounts counts =
        CountClasses(std::vector<float>(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(n)));
    Calibrator c;
    c.kind_ = Kind::kPlatt;
    if (n == 0) return c;
    const double hi = (static_cast<double>(counts.positive) + 1.0) / (static_cast<double>(counts.positive) + 2.0);
    const double lo = 1.0 / (static_cast<double>(counts.negative) + 2.0);
    std::vector<double> f(n), t(n);
    for (std::size_t i = 0; i < n; ++i) {
        f[i] = ClampedLogit(probabilities[i]);
        t[i] = labels[i] >= 0.5f ? hi : lo;
    }
    double a = 1.0;
    double b = 0.0;
    for (int iter = 0; iter < 100; ++iter) {
        // Gradient and Hessian of Σ −[t log p + (1−t) log(1−p)], p = σ(a f + b).
        double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
        for (std::size_t i = 0; i < n; ++i) {
            const double p = Sigmoid(a * f[i] + b);
            const double d = p - t[i];
            const double w = p * (1.0 - p);
            ga += d * f[i];
            gb += d;
            haa += w * f[i] * f[i];
            hab += w * f[i];
            hbb += w;
        }
        const double det = haa * hbb - hab * hab;
        if (std::abs(det) < 1e-18) break;
        const double da = (hbb * ga - hab * gb) / det;
        const double db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if (std::abs(da) < 1e-10 && std::abs(db) < 1e-10) break;
    }
    c.a_ = a;
    c.b_ = b;
    return c;
}

Calibrator Calibrator::FitIsotonic(const std::vector<double>& probabilities, const std::vector<float>& labels) {
    const std::size_t n = std::min(probabilities.size(), labels.size());
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return probabilities[a] < probabilities[b]; });
    // Blocks of (sum of y, weight, mean x); equal x values start in one block.
    struct Block {
        double sum_y;
        double weight;
        double sum_x;
    };
    std::vector<Block> blocks;
    for (std::size_t k = 0; k < n;) {
        std::size_t j = k;
        Block b{0, 0, 0};
        while (j < n && probabilities[order[j]] == probabilities[order[k]]) {
            b.sum_y += labels[order[j]] >= 0.5f ? 1.0 : 0.0;
            b.weight += 1;
            b.sum_x += probabilities[order[j]];
            ++j;
        }
        blocks.push_back(b);
        while (blocks.size() > 1) {
            Block& last = blocks.back();
            Block& prev = blocks[blocks.size() - 2];
            if (prev.sum_y / prev.weight <= last.sum_y / last.weight) break;
            prev.sum_y += last.sum_y;
            prev.weight += last.weight;
            prev.sum_x += last.sum_x;
            blocks.pop_back();
        }
        k = j;
    }
    Calibrator c;
    c.kind_ = Kind::kIsotonic;
    for (const Block& b : blocks) {
        c.x_.push_back(b.sum_x / b.weight);
        c.y_.push_back(b.sum_y / b.weight);
    }
    return c;
}

double Calibrator::Apply(double p) const {
    switch (kind_) {
        case Kind::kIdentity:
            return p;
        case Kind::kPlatt:
            return Sigmoid(a_ * ClampedLogit(p) + b_);
        case Kind::kIsotonic: {
            if (x_.empty()) return p;
            if (p <= x_.front()) return y_.front();
            if (p >= x_.back()) return y_.back();
            const auto it = std::upper_bound(x_.begin(), x_.end(), p);
            const std::size_t hi = static_cast<std::size_t>(it - x_.begin());
            const std::size_t lo = hi - 1;
            const double span = x_[hi] - x_[lo];
            if (span <= 0) return y_[lo];
            return y_[lo] + (y_[hi] - y_[lo]) * (p - x_[lo]) / span;
        }
    }
    return p;
}

std::vector<double> Calibrator::Apply(const std::vector<double>& probabilities) const {
    std::vector<double> out;
    out.reserve(probabilities.size());
    for (double p : probabilities) out.push_back(Apply(p));
    return out;
}

std::string_view Calibrator::KindName() const {
    switch (kind_) {
        case Kind::kIdentity:
            return "identity";
        case Kind::kPlatt:
            return "platt";
        case Kind::kIsotonic:
            return "isotonic";
    }
    return "identity";
}

namespace {
std::string Num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}
}  // namespace

std::string Calibrator::Encode() const {
    std::string out(KindName());
    if (kind_ == Kind::kPlatt) out += " " + Num(a_) + " " + Num(b_);
    if (kind_ == Kind::kIsotonic) {
        for (std::size_t i = 0; i < x_.size(); ++i) out += " " + Num(x_[i]) + ":" + Num(y_[i]);
    }
    return out;
}

Result<Calibrator> Calibrator::Decode(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::string kind;
    in >> kind;
    Calibrator c;
    if (kind == "identity") return c;
    if (kind == "platt") {
        c.kind_ = Kind::kPlatt;
        if (!(in >> c.a_ >> c.b_) || !std::isfinite(c.a_) || !std::isfinite(c.b_)) {
            return InvalidArgument("calibrator: \"platt\" needs two finite numbers");
        }
        return c;
    }
    if (kind == "isotonic") {
        c.kind_ = Kind::kIsotonic;
        std::string pair;
        while (in >> pair) {
            const auto colon = pair.find(':');
            if (colon == std::string::npos)
                return InvalidArgument("calibrator: isotonic point \"" + pair + "\" is not x:y");
            char* end = nullptr;
            const std::string xs = pair.substr(0, colon), ys = pair.substr(colon + 1);
            const double x = std::strtod(xs.c_str(), &end);
            if (end == xs.c_str() || *end != '\0') return InvalidArgument("calibrator: bad x in \"" + pair + "\"");
            const double y = std::strtod(ys.c_str(), &end);
            if (end == ys.c_str() || *end != '\0') return InvalidArgument("calibrator: bad y in \"" + pair + "\"");
            if (!c.x_.empty() && x < c.x_.back())
                return InvalidArgument("calibrator: isotonic x values must not decrease");
            c.x_.push_back(x);
            c.y_.push_back(y);
        }
        return c;
    }
    return InvalidArgument("calibrator: unknown kind \"" + kind + "\" (identity, platt, isotonic)");
}

}  // namespace kyoso::domain::ml
