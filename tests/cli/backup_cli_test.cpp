// `kyoso backup` and `kyoso restore` run as an administrator would: a backup
// taken while `kyoso serve` answers a stream of writes, restored into a new file.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace kyoso::testing {
namespace {

namespace fs = std::filesystem;

struct Run {
    int exit_code;
    std::string output;
};

// Runs a shell command; `output` is its stdout (and stderr when the command says 2>&1).
Run Shell(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

Run Kyoso(const std::string& args) { return Shell(std::string(KYOSO_BINARY) + " " + args + " 2>&1"); }

std::string Trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

// The bearer token of a fresh administrator (docs/security.md).
std::string AdminToken(const std::string& db) {
    auto admin = Shell("printf '%s\\n' 'backup-test-password-0123' | " + std::string(KYOSO_BINARY) +
                       " users create-admin --db " + db + " --login backup-admin --password-stdin 2>&1");
    EXPECT_EQ(admin.exit_code, 0) << admin.output;
    auto token =
        Shell(std::string(KYOSO_BINARY) + " users token --db " + db + " --login backup-admin --name backup-cli-test");
    EXPECT_EQ(token.exit_code, 0) << token.output;
    return Trim(token.output);
}

// Every HTTP call of this file: adds the bearer token when there is one.
httplib::Result Post(httplib::Client& client, const std::string& token, const std::string& path,
                     const std::string& body) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client.Post(path, headers, body, "application/json");
}

// A port nobody listens on right now: bind to port 0, read the port, close.
int FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        close(fd);
        return 0;
    }
    close(fd);
    return ntohs(addr.sin_port);
}

pid_t StartServer(const std::string& db, int port, const std::string& log) {
    const pid_t pid = fork();
    if (pid == 0) {
        FILE* f = freopen(log.c_str(), "w", stderr);
        (void)f;
        setenv("KYOSO_TODAY", "2026-11-27", 1);  // the activities are dated 2026-11-01: never in the future
        const std::string port_text = std::to_string(port);
        execl(KYOSO_BINARY, KYOSO_BINARY, "serve", "--db", db.c_str(), "--port", port_text.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

int StopServer(pid_t pid) {
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

bool WaitForHealth(int port) {
    httplib::Client client("127.0.0.1", port);
    for (int i = 0; i < 400; ++i) {
        auto r = client.Get("/api/health");
        if (r && r->status == 200) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// Removes the files a test made (databases, backups and their sidecars).
class Files {
public:
    std::string Add(const std::string& name) {
        paths_.push_back(::testing::TempDir() + "backup-cli-" + std::to_string(getpid()) + "-" + name);
        Remove(paths_.back());
        return paths_.back();
    }
    ~Files() {
        for (const auto& p : paths_) Remove(p);
    }

private:
    static void Remove(const std::string& p) {
        std::error_code ec;
        for (const std::string& base : {p, p + ".partial", p + ".restoring", p + ".building"}) {
            for (const char* s : {"", "-wal", "-shm", "-journal"}) fs::remove(base + s, ec);
        }
    }
    std::vector<std::string> paths_;
};

TEST(BackupCli, EveryCommandHasHelp) {
    for (const char* cmd : {"backup", "restore"}) {
        auto r = Kyoso(std::string(cmd) + " --help");
        EXPECT_EQ(r.exit_code, 0) << cmd << "\n" << r.output;
        EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd;
    }
}

TEST(BackupCli, ClearErrorsNameThePaths) {
    Files files;
    const auto db = files.Add("errors.db");
    const auto bak = files.Add("errors.bak");
    auto missing = Kyoso("backup --db " + db + " --to " + bak);
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.output.find("no database at " + db), std::string::npos) << missing.output;
    ASSERT_EQ(Kyoso("db migrate --db " + db).exit_code, 0);
    ASSERT_EQ(Kyoso("backup -q --db " + db + " --to " + bak).exit_code, 0);
    auto again = Kyoso("backup --db " + db + " --to " + bak);
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.output.find(bak + " exists; pass --force"), std::string::npos) << again.output;
    EXPECT_EQ(Kyoso("backup -q --force --db " + db + " --to " + bak).exit_code, 0);
    auto over = Kyoso("restore --from " + bak + " --db " + db);
    EXPECT_EQ(over.exit_code, 1);
    EXPECT_NE(over.output.find(db + " exists; pass --force"), std::string::npos) << over.output;
    const auto text = files.Add("not-a-backup.csv");
    Shell("printf 'code,name\\n' > " + text);
    auto wrong = Kyoso("restore --from " + text + " --db " + files.Add("never.db"));
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_NE(wrong.output.find(text + " is not a SQLite database"), std::string::npos) << wrong.output;
}

// The round trip under write load: every write the server acknowledged before the
// backup started is in the restored database, which is intact and whose audit
// chain verifies.
TEST(BackupCli, BackupWhileServingWritesThenRestoreKeepsEveryAcknowledgedWrite) {
    Files files;
    const auto db = files.Add("live.db");
    const auto bak = files.Add("live.bak");
    const auto restored = files.Add("restored.db");
    const auto log = files.Add("serve.log");
    auto demo = Kyoso("demo -q --db " + db + " --seed 1 --force");
    ASSERT_EQ(demo.exit_code, 0) << demo.output;
    auto deal = Shell("sqlite3 " + db + " 'SELECT id, government_code, owner_id FROM deals ORDER BY id LIMIT 1'");
    ASSERT_EQ(deal.exit_code, 0) << deal.output;
    std::vector<std::string> cols;
    {
        std::stringstream in(Trim(deal.output));
        std::string col;
        while (std::getline(in, col, '|')) cols.push_back(col);
    }
    ASSERT_EQ(cols.size(), 3u) << deal.output;
    const std::string token = AdminToken(db);

    const int port = FreePort();
    ASSERT_GT(port, 0);
    const pid_t server = StartServer(db, port, log);
    ASSERT_GT(server, 0);
    if (!WaitForHealth(port)) {
        StopServer(server);
        FAIL() << "kyoso serve did not come up on port " << port;
    }

    // The load: one client posting activities back to back, each with a unique note.
    const nlohmann::json base = {{"type", "call"},
                                 {"occurred_on", "2026-11-01"},
                                 {"government_code", cols[1]},
                                 {"user_id", std::stoll(cols[2])},
                                 {"deal_id", std::stoll(cols[0])}};
    std::atomic<bool> backup_started{false}, stop{false};
    std::atomic<long long> acked_after_backup{0};
    std::mutex mu;
    std::vector<long long> acked_before;  // ids answered 201 before the backup process was started
    std::vector<std::string> failures;
    std::thread writer([&] {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(30, 0);
        for (int i = 0; !stop; ++i) {
            auto body = base;
            body["notes"] = "backup-load-" + std::to_string(i);
            auto r = Post(client, token, "/api/activities", body.dump());
            const bool before = !backup_started;  // read after the answer arrived
            std::lock_guard lock(mu);
            if (!r || r->status != 201) {
                failures.push_back(r ? std::to_string(r->status) + " " + r->body : httplib::to_string(r.error()));
                if (failures.size() > 5) return;
                continue;
            }
            const long long id = nlohmann::json::parse(r->body).at("id").get<long long>();
            if (before) {
                acked_before.push_back(id);
            } else {
                ++acked_after_backup;
            }
        }
    });
    // A bounded stretch of load before the backup: 50 writes or 3 seconds.
    const auto load_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < load_deadline) {
        {
            std::lock_guard lock(mu);
            if (acked_before.size() >= 50 || !failures.empty()) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    backup_started = true;
    auto backup = Kyoso("backup --db " + db + " --to " + bak);
    // The server went on writing after the backup: wait for 20 more writes (at most 10 s).
    const auto after_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (acked_after_backup < 20 && std::chrono::steady_clock::now() < after_deadline) {
        {
            std::lock_guard lock(mu);
            if (!failures.empty()) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Restoring over the live database is refused while the server has it open.
    auto refused = Kyoso("restore --from " + bak + " --db " + db + " --force");
    stop = true;
    writer.join();
    const int status = StopServer(server);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "server did not stop cleanly";

    std::printf("load: %zu writes acknowledged before the backup, %lld after it\n%s", acked_before.size(),
                acked_after_backup.load(), backup.output.c_str());
    ASSERT_EQ(backup.exit_code, 0) << backup.output;
    EXPECT_NE(backup.output.find("backup " + bak + ": "), std::string::npos) << backup.output;
    EXPECT_NE(backup.output.find("integrity ok"), std::string::npos) << backup.output;
    EXPECT_NE(backup.output.find("audit intact"), std::string::npos) << backup.output;
    EXPECT_TRUE(failures.empty()) << failures.front();
    EXPECT_FALSE(acked_before.empty());
    EXPECT_GE(acked_after_backup.load(), 20) << "the server stopped answering writes during the backup";
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("stop kyoso serve first"), std::string::npos) << refused.output;

    auto restore = Kyoso("restore --from " + bak + " --db " + restored);
    ASSERT_EQ(restore.exit_code, 0) << restore.output;
    EXPECT_NE(restore.output.find("restored " + bak + " into " + restored), std::string::npos) << restore.output;
    auto check = Kyoso("db check --db " + restored);
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_NE(check.output.find("integrity ok"), std::string::npos) << check.output;
    auto audit = Kyoso("audit verify --db " + restored);
    EXPECT_EQ(audit.exit_code, 0) << audit.output;
    EXPECT_NE(audit.output.find("intact"), std::string::npos) << audit.output;

    std::string ids;
    for (long long id : acked_before) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    auto present =
        Shell("sqlite3 " + restored +
              " \"SELECT count(*) FROM activities WHERE notes LIKE 'backup-load-%' AND id IN (" + ids + ")\"");
    ASSERT_EQ(present.exit_code, 0) << present.output;
    EXPECT_EQ(Trim(present.output), std::to_string(acked_before.size()))
        << "a write acknowledged before the backup started is missing from it";
    // The live database has everything, including what came after the backup.
    auto live = Shell("sqlite3 " + db + " \"SELECT count(*) FROM activities WHERE notes LIKE 'backup-load-%'\"");
    auto copy = Shell("sqlite3 " + restored + " \"SELECT count(*) FROM activities WHERE notes LIKE 'backup-load-%'\"");
    EXPECT_GT(std::stoll(Trim(live.output)), std::stoll(Trim(copy.output)));
}

}  // namespace
}  // namespace kyoso::testing
