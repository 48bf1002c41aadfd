/// Event sequences a real panel sends, for `kioskctl tap`, demos and tests.
public enum SyntheticTouch {
    /// A multitouch protocol B tap at screen point (x, y), as a panel with single-touch emulation
    /// sends it: a touch-down frame (slot 0, tracking id, positions, `BTN_TOUCH` 1, `ABS_X`/`ABS_Y`,
    /// `SYN_REPORT`) and a release frame (tracking id −1, `BTN_TOUCH` 0, `SYN_REPORT`).
    public static func tap(x: Int, y: Int, scaler: AxisScaler, trackingID: Int32) -> [InputEvent] {
        tap(device: scaler.toDevice(x: x, y: y), trackingID: trackingID)
    }

    /// The same tap at a device position.
    public static func tap(device: (x: Int32, y: Int32), trackingID: Int32) -> [InputEvent] {
        [
            .absolute(InputCode.mtSlot, 0),
            .absolute(InputCode.mtTrackingID, trackingID),
            .absolute(InputCode.mtPositionX, device.x),
            .absolute(InputCode.mtPositionY, device.y),
            .key(InputCode.buttonTouch, 1),
            .absolute(InputCode.absX, device.x),
            .absolute(InputCode.absY, device.y),
            .synReport,
            .absolute(InputCode.mtTrackingID, -1),
            .key(InputCode.buttonTouch, 0),
            .synReport,
        ]
    }

    /// The same tap as a single-touch device (`ABS_X`/`ABS_Y` + `BTN_TOUCH`) sends it.
    public static func singleTouchTap(x: Int, y: Int, scaler: AxisScaler) -> [InputEvent] {
        let device = scaler.toDevice(x: x, y: y)
        return [
            .absolute(InputCode.absX, device.x),
            .absolute(InputCode.absY, device.y),
            .key(InputCode.buttonTouch, 1),
            .synReport,
            .key(InputCode.buttonTouch, 0),
            .synReport,
        ]
    }
}
