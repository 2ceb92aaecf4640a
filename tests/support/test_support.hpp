#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "kyoso/core/date.hpp"
#include "kyoso/ports/services.hpp"

namespace kyoso::testing {

// A fresh database path under the test temp dir, removed (with -wal/-shm) on destruction.
class TempDb {
public:
    explicit TempDb(const std::string& tag = "t") {
        static std::atomic<int> counter{0};
        path_ = ::testing::TempDir() + "kyoso-" + tag + "-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter++) + ".db";
        Remove();
    }
    ~TempDb() { Remove(); }
    const std::string& path() const { return path_; }

private:
    void Remove() {
        std::error_code ec;
        for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s, ec);
    }
    std::string path_;
};

class FixedClock final : public ports::Clock {
public:
    explicit FixedClock(Date today) : today_(today) {}
    Date Today() const override { return today_; }

private:
    Date today_;
};

// ../shared/data relative to the project root; empty when absent.
inline std::string SharedData(const std::string& rel) {
    std::filesystem::path p = std::filesystem::path(KYOSO_SOURCE_DIR) / ".." / "shared" / "data" / rel;
    return std::filesystem::exists(p) ? p.string() : std::string();
}

#define KYOSO_REQUIRE_SHARED_DATA(var, rel)                    \
    const std::string var = ::kyoso::testing::SharedData(rel); \
    if (var.empty()) GTEST_SKIP() << "../shared/data/" << rel << " is absent: skipping the real-data test"

}  // namespace kyoso::testing
