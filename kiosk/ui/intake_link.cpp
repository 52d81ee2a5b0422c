// The controller link in the window (see intake_link.hpp).
#include "ui/intake_link.hpp"

#include <poll.h>

#include "ui/intake_view.hpp"

namespace returnloop::kiosk::ui {
namespace {

constexpr int kTickMs = 250;  // reconnects (every 0.5 s) and heartbeats (2 s) are due at this granularity

}  // namespace

Result<std::unique_ptr<WindowIntake>> WindowIntake::start(AppState& state, const std::string& address) {
    if (Status checked = KioskIntake::check_address(address); !checked) return checked.error();
    const Uint32 type = SDL_RegisterEvents(1);
    if (type == static_cast<Uint32>(-1)) return Error{"controller", std::string("SDL has no user event left: ") + SDL_GetError()};
    std::unique_ptr<WindowIntake> link(new WindowIntake(state, type));
    Result<std::unique_ptr<KioskIntake>> controller = KioskIntake::connect(
        state.backend(), address, [&state](const std::string& line) { state.events.push_back(line); },
        [&state](const IntakeNotice& notice) { on_intake_notice(state, notice); });
    if (!controller) return controller.error();
    link->controller_ = std::move(controller).value();
    state.intake = true;
    state.now = state.services.now();
    state.now_ms = state.now.unix_ms;
    link->controller_->tick(state.now);
    link->fd_ = link->controller_->fd();
    link->watcher_ = std::thread([raw = link.get()] { raw->watch(); });
    return link;
}

WindowIntake::WindowIntake(AppState& state, Uint32 event_type) : state_(state), event_type_(event_type) {}

WindowIntake::~WindowIntake() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    serviced_.notify_all();
    if (watcher_.joinable()) watcher_.join();
}

void WindowIntake::service() {
    state_.now = state_.services.now();
    state_.now_ms = state_.now.unix_ms;
    pollfd ready{controller_->fd(), POLLIN, 0};
    if (ready.fd >= 0 && ::poll(&ready, 1, 0) > 0) controller_->on_readable(state_.now);
    controller_->tick(state_.now);
    controller_->emit_service_state();  // a staff action or a paid-out session may have changed what it can take
    fd_ = controller_->fd();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        wake_pending_ = false;
    }
    serviced_.notify_all();
}

void WindowIntake::watch() {
    for (;;) {
        {
            // One wake-up at a time: bytes left unread would otherwise flood SDL's queue with events.
            std::unique_lock<std::mutex> lock(mutex_);
            serviced_.wait(lock, [this] { return stop_ || !wake_pending_; });
            if (stop_) return;
        }
        pollfd ready{fd_.load(), POLLIN, 0};
        if (ready.fd >= 0) (void)::poll(&ready, 1, kTickMs);
        else {
            std::unique_lock<std::mutex> lock(mutex_);
            serviced_.wait_for(lock, std::chrono::milliseconds(kTickMs), [this] { return stop_; });
            if (stop_) return;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (stop_) return;
        wake_pending_ = true;
        SDL_Event event{};
        event.type = event_type_;
        if (SDL_PushEvent(&event) != 1) wake_pending_ = false;  // the queue is full: try again next round
    }
}

}  // namespace returnloop::kiosk::ui
