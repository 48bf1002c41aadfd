import KioskCore
import KioskDevices

/// Carries out ``TechnicianWork``: the cut test, saving and undoing a calibration (in use at once),
/// a sync now, a restart. Returns the events that answer it.
enum TechnicianDesk {
    static func carryOut(
        _ work: TechnicianWork, config: KioskConfig, touch: TouchDevice, printer: PrintWorker, pins: PINDesk,
        server: ServerConnection?, restart: () -> Void
    ) -> [Event] {
        switch work {
        case .cutTest:
            let strip = TestPage.cutTest(config)
            printer.submit(strip.bytes, millimetres: strip.millimetres, for: TestPage.cutTestJobID, within: 10)
        case .saveCalibration(let correction):
            return [.calibrationChanged(save(correction, config.stateDirectory, touch))]
        case .undoCalibration:
            do {
                let matrix = try CalibrationStore.undo(stateDirectory: config.stateDirectory)
                try touch.recalibrate()
                return [.calibrationChanged(.undone(matrix))]
            } catch {
                return [.calibrationChanged(.failed(reason: "\(error)"))]
            }
        case .syncNow:
            server?.supervisor.syncNow()
        case .restartKioskd:
            restart()
        case .lookUpBadge(let badge):
            pins.lookUpBadge(badge)
        }
        return []
    }

    /// `correction` after the calibration touches are read through now, saved and put in use.
    private static func save(_ correction: CalibrationMatrix, _ stateDirectory: String, _ touch: TouchDevice) -> CalibrationChange {
        guard let current = touch.calibration else { return .failed(reason: "the touchscreen is not open") }
        let matrix = correction.after(current)
        guard matrix.values.allSatisfy(\.isFinite), matrix.inverse != nil else {
            return .failed(reason: "the new calibration \(matrix) cannot be inverted")
        }
        do {
            try CalibrationStore.save(matrix, stateDirectory: stateDirectory)
            try touch.recalibrate()
            return .saved(matrix)
        } catch {
            return .failed(reason: "\(error)")
        }
    }
}
