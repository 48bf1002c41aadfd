import Testing

@testable import KioskCore

private let booking = Booking(
    code: BookingCode(symbols: "7QH2M9XKD4")!, serviceID: ServiceID("ktp-el"), day: "2026-12-01",
    window: TimeRange(start: TimeOfDay(hour: 10, minute: 0), end: TimeOfDay(hour: 11, minute: 0)))

/// 2026-12-01 at `hour`:`minute` WITA.
private func at(_ hour: Int, _ minute: Int, dayOffset: Int = 0) -> Timestamp {
    Timestamp(secondsSinceEpoch: 1_796_054_400 + Int64(dayOffset * 86_400 + hour * 3600 + minute * 60))
}

@Test func checkInIsAllowedAroundTheBookedWindowOnItsDay() {
    func check(_ time: Timestamp) -> BookingCheck {
        booking.checkIn(at: time, zone: .wita, earlyMinutes: 60, lateMinutes: 30)
    }
    #expect(LocalTime(at(0, 0), zone: .wita).dayKey == "2026-12-01")
    #expect(check(at(8, 59)) == .tooEarly)
    #expect(check(at(9, 0)) == .accepted)
    #expect(check(at(10, 30)) == .accepted)
    #expect(check(at(11, 29)) == .accepted)
    #expect(check(at(11, 30)) == .tooLate)
    #expect(check(at(10, 30, dayOffset: 1)) == .wrongDay)
    #expect(check(at(10, 30, dayOffset: -1)) == .wrongDay)
}

@Test func bookingFilesAreValidated() throws {
    let catalogue = Catalogue(agencies: [])
    let bad = """
        {"bookings": [{"code": "BK-7QH2M-9XKD4-Q", "service": "ktp-el", "day": "2026-12-01", "window": "09:00-10:00"}]}
        """
    let error = #expect(throws: ConfigError.self) { try ConfigParser.bookings(text: bad, path: "/b.json", catalogue: catalogue) }
    #expect(error?.jsonPath == "$.bookings[0].code")
    #expect(error?.fix.contains("check symbol") == true)
}
