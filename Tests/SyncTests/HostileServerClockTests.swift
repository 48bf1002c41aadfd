import KioskLink
import Testing

/// A server's clock is a number from outside: a hostile `Date` header or heartbeat time trapped
/// in the offset's arithmetic and killed kioskd's link supervisor.
@Suite struct HostileServerClockTests {
    @Test func aDateHeaderWithAHugeYearOrANegativeTimeIsIgnored() {
        let clock = ClockOffset()
        clock.add(dateHeader: "Mon, 12 Jan 999999999999999 13:46:40 GMT", sentAt: 0, receivedAt: 1)
        clock.add(dateHeader: "Mon, 12 Jan -99999999999999 13:46:40 GMT", sentAt: 0, receivedAt: 1)
        clock.add(dateHeader: "Mon, 12 Jan 2026 -9223372036854775808:00:00 GMT", sentAt: 0, receivedAt: 1)  // found by kiosk-fuzz
        clock.add(dateHeader: "Mon, 12 Jan 2026 00:-9223372036854775808:-1 GMT", sentAt: 0, receivedAt: 1)
        #expect(clock.uncertainty == nil, "no sample was taken")
        clock.add(dateHeader: "Fri, 31 Dec 9999 23:59:59 GMT", sentAt: 0, receivedAt: 1)
        #expect(clock.uncertainty == 1000)
    }

    @Test func serverTimesAtTheEndsOfInt64AreIgnored() {
        let clock = ClockOffset()
        clock.add(serverLow: .max, serverHigh: .max, sentAt: .min, receivedAt: 0)
        clock.add(serverLow: .min, serverHigh: .min, sentAt: 0, receivedAt: .max)
        #expect(clock.uncertainty == nil)
        clock.add(serverLow: 5000, serverHigh: 5000, sentAt: 0, receivedAt: 10)
        #expect(clock.milliseconds == 4995)
        #expect(clock.uncertainty == 10)
    }
}
