import KioskCore
import KioskUI

extension KioskctlDoctorCommand {
    /// The citizen's 15 mm bars (touch targets, the number on the ticket screen) measured on the panel
    /// `display.panelMillimetres` names (the 21.5-inch design panel unless configured).
    static func panel(_ loaded: ConfigFiles.Loaded) -> Finding {
        let config = loaded.config
        let display = config.display
        let capacity = LayoutMetrics.pageCapacity(for: display.size)
        var settings = FlowSettings(
            catalogue: loaded.catalogue, timeZone: config.timeZone, idleTimeoutSeconds: config.idleTimeoutSeconds,
            ticketScreenSeconds: config.ticketScreenSeconds, agenciesPerPage: capacity.agencies,
            servicesPerPage: capacity.services, alwaysOpen: true)
        settings.speechGuidance = config.speech != nil
        do {
            let renderer = try ScreenRenderer(size: display.size, mallName: config.mallName, kioskID: config.kioskID)
            let measure = renderer.measure(on: display.panel, settings: settings, now: Clock.now())
            guard measure.meetsBars else {
                return Finding(
                    check: "panel", seen: measure.summary(display.panel),
                    fix: "at this resolution the panel is too small for 15 mm targets: fit a larger panel, or correct "
                        + "display.panelMillimetres if it is mistyped (the picture's width and height as the citizen sees it)")
            }
            return Finding(check: "panel", seen: measure.summary(display.panel))
        } catch {
            return Finding(check: "panel", seen: "\(error)", fix: "install the fonts kioskd draws with (fonts-dejavu-core)")
        }
    }
}
