// `kyoso webhooks ...` run as a user would: the real binary, exit codes and output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct Outcome {
    int exit_code;
    std::string output;  // stdout and stderr
};

Outcome Kyoso(const std::string& args) {
    const std::string cmd = std::string(KYOSO_BINARY) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(WebhooksCli, EveryCommandHasHelp) {
    for (const char* cmd :
         {"webhooks", "webhooks list", "webhooks add", "webhooks deliveries", "webhooks replay", "webhooks dispatch"}) {
        auto r = Kyoso(std::string(cmd) + " --help");
        EXPECT_EQ(r.exit_code, 0) << cmd << "\n" << r.output;
        EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd;
    }
}

TEST(WebhooksCli, AddListDispatchDeliveriesAndReplay) {
    TempDb db("webhooks-cli");
    ASSERT_EQ(Kyoso("db migrate --db " + db.path()).exit_code, 0);
    const std::string with_db = " --db " + db.path();

    auto bad = Kyoso("webhooks add" + with_db + " --url ftp://example.jp/ --events 'deal.*,Bad Event'");
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_NE(bad.output.find("url"), std::string::npos) << bad.output;
    EXPECT_NE(bad.output.find("events[1]"), std::string::npos) << bad.output;

    auto added = Kyoso("webhooks add" + with_db +
                       " --url http://127.0.0.1:1/refused --events 'deal.*, activity.log' --description SFA");
    ASSERT_EQ(added.exit_code, 0) << added.output;
    EXPECT_NE(added.output.find("webhook 1:"), std::string::npos) << added.output;
    const auto at = added.output.find("secret: whsec_");
    ASSERT_NE(at, std::string::npos) << added.output;
    const std::string secret = added.output.substr(at + 8, 6 + 64);

    auto listed = Kyoso("webhooks list" + with_db);
    EXPECT_EQ(listed.exit_code, 0);
    EXPECT_NE(listed.output.find("http://127.0.0.1:1/refused"), std::string::npos) << listed.output;
    EXPECT_NE(listed.output.find("[deal.*,activity.log]"), std::string::npos) << listed.output;
    EXPECT_EQ(listed.output.find(secret), std::string::npos) << "the secret is shown only once";

    auto dispatched = Kyoso("webhooks dispatch" + with_db);
    EXPECT_EQ(dispatched.exit_code, 0) << dispatched.output;
    EXPECT_NE(dispatched.output.find("attempted 0"), std::string::npos) << "webhook.create is not a deal.* event";

    auto log = Kyoso("webhooks deliveries" + with_db + " --id 1");
    EXPECT_EQ(log.exit_code, 0);
    EXPECT_NE(log.output.find("0 deliveries"), std::string::npos) << log.output;
    EXPECT_EQ(Kyoso("webhooks deliveries" + with_db + " --id 9").exit_code, 1);
    EXPECT_EQ(Kyoso("webhooks deliveries" + with_db + " --id 1 --status lost").exit_code, 1);

    auto replay = Kyoso("webhooks replay" + with_db + " --delivery 77");
    EXPECT_EQ(replay.exit_code, 1);
    EXPECT_NE(replay.output.find("no webhook delivery with id 77"), std::string::npos) << replay.output;

    auto missing = Kyoso("webhooks list --db " + db.path() + ".absent");
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.output.find("no database"), std::string::npos);
}

}  // namespace
}  // namespace kyoso::testing
