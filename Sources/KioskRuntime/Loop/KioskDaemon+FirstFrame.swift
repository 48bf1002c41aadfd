import KioskCore
import KioskDisplay
import KioskUI

extension KioskDaemon {
    /// Draws the first screen (a fresh kiosk's state: the agencies) into a new frame, presents it on `display`
    /// and logs the time since kioskd's `main` began (`launchedAt`, monotonic ns): the cold-start figure the
    /// rig reads. Called while the daemon starts, before the ledger, the printer and the link are opened:
    /// none of them changes the first screen. Returns the frame and the minute its clock shows.
    static func firstFrame(
        renderer: ScreenRenderer, settings: FlowSettings, display: Display, launchedAt: UInt64
    ) -> (frame: Canvas, minute: Int) {
        var frame = Canvas(width: renderer.size.width, height: renderer.size.height)
        let now = Clock.now()
        let damage = renderer.render(KioskState(), settings: settings, now: now, into: &frame)
        display.present(frame, damage: damage)
        // "Presented" as everywhere in kioskd: the page flip queued (on the glass at the next vertical blank),
        // the snapshot handed to its writer.
        let tenths = (Clock.monotonicNanoseconds() &- launchedAt) / 100_000
        Log.write(.info, "first frame presented \(tenths / 10).\(tenths % 10) ms after kioskd began; screen \(display.health)")
        return (frame, LocalTime(now, zone: settings.timeZone).minute)
    }
}
