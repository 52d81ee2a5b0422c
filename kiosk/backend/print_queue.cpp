// The printer's worker thread (see print_queue.hpp).
#include "backend/print_queue.hpp"

namespace returnloop::kiosk {

PrintQueue::PrintQueue(PrinterTarget target, int timeout_ms)
    : target_(std::move(target)), timeout_ms_(timeout_ms), worker_([this] { run(); }) {}

PrintQueue::~PrintQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void PrintQueue::submit(PrintJob job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    changed_.notify_all();
}

std::vector<PrintResult> PrintQueue::take_results() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<PrintResult> out;
    out.swap(results_);
    return out;
}

bool PrintQueue::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return jobs_.empty() && !busy_; });
}

void PrintQueue::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) return;
        PrintJob job = std::move(jobs_.front());
        jobs_.pop_front();
        busy_ = true;
        lock.unlock();
        Status sent = send_to_printer(target_, job.bytes, timeout_ms_);
        lock.lock();
        busy_ = false;
        results_.push_back(PrintResult{job.payout_id, job.session_id, std::move(sent)});
        changed_.notify_all();
    }
}

}  // namespace returnloop::kiosk
