// Receipts reach the printer from one worker thread, so a printer that hangs (a USB printer out of paper blocks its
// writes, a network printer stops answering) never blocks the screen, a scan or start-up. Every job runs with the
// transport's timeouts; the owner collects results when it likes (take_results) and never waits for one unless it
// asks to (wait_idle, for the end of a headless run and for tests).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "backend/printer.hpp"

namespace returnloop::kiosk {

struct PrintJob {
    std::int64_t payout_id = 0;
    std::int64_t session_id = 0;
    std::string bytes;  // ESC/POS
};

struct PrintResult {
    std::int64_t payout_id = 0;
    std::int64_t session_id = 0;
    Status status = ok_status();
};

class PrintQueue {
public:
    PrintQueue(PrinterTarget target, int timeout_ms);
    ~PrintQueue();  // finishes the job in hand (bounded by its timeouts) and drops the rest
    PrintQueue(const PrintQueue&) = delete;
    PrintQueue& operator=(const PrintQueue&) = delete;

    void submit(PrintJob job);
    std::vector<PrintResult> take_results();
    bool wait_idle(std::chrono::milliseconds timeout);  // true when nothing is queued or printing

private:
    void run();

    PrinterTarget target_;
    int timeout_ms_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<PrintJob> jobs_;
    std::vector<PrintResult> results_;
    bool busy_ = false;
    bool stopping_ = false;
    std::thread worker_;  // last: starts once the members it uses exist
};

}  // namespace returnloop::kiosk
