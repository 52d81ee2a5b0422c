// KioskIntake: the facade over the controller link that the window uses (see backend.hpp).
#include "backend/backend.hpp"
#include "backend/controller_session.hpp"

namespace returnloop::kiosk {

Status KioskIntake::check_address(std::string_view address) {
    Result<ControllerAddress> parsed = parse_controller_address(address);
    if (!parsed) return parsed.error();
    return ok_status();
}

Result<std::unique_ptr<KioskIntake>> KioskIntake::connect(KioskBackend& backend, std::string_view address,
                                                          std::function<void(const std::string&)> emit, IntakeObserver observer) {
    Result<ControllerAddress> parsed = parse_controller_address(address);
    if (!parsed) return parsed.error();
    auto controller = std::make_unique<IntakeController>(backend, IntakeOptions{std::move(parsed).value()}, std::move(emit));
    controller->set_observer(std::move(observer));
    return std::unique_ptr<KioskIntake>(new KioskIntake(std::move(controller)));
}

KioskIntake::KioskIntake(std::unique_ptr<IntakeController> controller) : controller_(std::move(controller)) {}
KioskIntake::~KioskIntake() = default;

int KioskIntake::fd() const { return controller_->fd(); }
void KioskIntake::on_readable(KioskTime now) { controller_->on_readable(now); }
void KioskIntake::tick(KioskTime now) { controller_->tick(now); }
void KioskIntake::emit_service_state() { controller_->emit_service_state(); }

}  // namespace returnloop::kiosk
