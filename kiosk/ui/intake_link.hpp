// The machine's controller inside the window's loop (rvm mode): the KioskIntake runs on the window's thread,
// which owns the back end; a small watcher thread only waits for the link to have bytes (or for the next
// reconnect/heartbeat tick) and wakes SDL with a user event, so the loop still sleeps until something happens.
#pragma once

#include <SDL.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "backend/backend.hpp"
#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

class WindowIntake {
public:
    // Connects (and keeps reconnecting) to the controller at `address`; its events go to state.events (stdout) and,
    // typed, to the shopper's screen (intake_view.hpp). The state must outlive this object.
    static Result<std::unique_ptr<WindowIntake>> start(AppState& state, const std::string& address);
    ~WindowIntake();
    WindowIntake(const WindowIntake&) = delete;
    WindowIntake& operator=(const WindowIntake&) = delete;

    Uint32 event_type() const { return event_type_; }
    // On the window's thread, for each of this object's SDL events: read what arrived, run timers.
    void service();

private:
    WindowIntake(AppState& state, Uint32 event_type);
    void watch();

    AppState& state_;
    std::unique_ptr<KioskIntake> controller_;
    Uint32 event_type_;
    std::atomic<int> fd_{-1};   // the link as the window's thread last left it
    std::mutex mutex_;
    std::condition_variable serviced_;
    bool wake_pending_ = false;  // an SDL event is queued and not yet serviced
    bool stop_ = false;
    std::thread watcher_;
};

}  // namespace returnloop::kiosk::ui
