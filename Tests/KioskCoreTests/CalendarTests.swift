import KioskCore
import Testing

@Suite("Calendar: holidays, special hours, breaks, cutoffs and sessions")
struct CalendarTests {
    private static func sample() throws -> Catalogue {
        let file = try ConfigFixtures.shippedFile("kiosk-config/catalogue-badung-sample.json")
        return try ConfigParser.catalogue(text: file.text, path: file.path)
    }

    private static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }
    private static func time(_ h: Int, _ m: Int) -> TimeOfDay { TimeOfDay(hour: h, minute: m) }

    /// The days the sample MPP Badung is closed in 2026, typed from the decrees (not from the catalogue):
    /// SKB 3 Menteri national holidays, the cuti bersama days it closes, and Bali's regional days.
    private static let closedDays: Set<String> = [
        "2026-01-01", "2026-01-16", "2026-02-17", "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21",
        "2026-03-22", "2026-04-03", "2026-04-05", "2026-04-08", "2026-05-01", "2026-05-14", "2026-05-27",
        "2026-05-31", "2026-06-01", "2026-06-16", "2026-06-17", "2026-06-18", "2026-06-26", "2026-06-27",
        "2026-08-17", "2026-08-25", "2026-11-04", "2026-12-25",
    ]
    /// Cuti bersama days the sample opens 08:00–12:00.
    private static let halfDays: Set<String> = ["2026-02-16", "2026-03-23", "2026-03-24", "2026-05-15", "2026-05-28", "2026-12-24"]

    @Test("every day of 2026 for a weekday service: closed on the decrees' days, half days, Ramadan hours")
    func aYearOfDays() throws {
        let catalogue = try Self.sample()
        let schedule = catalogue.schedule
        let service = try #require(catalogue.service(ServiceID("akta-kelahiran")))  // Mon–Fri, default hours
        var day = Self.date("2026-01-01")
        var checked = 0
        while day.year == 2026 {
            let key = day.description
            let weekend = day.weekday == .saturday || day.weekday == .sunday
            let at0900 = schedule.window(of: service, on: day, at: Self.time(9, 0))
            let at1330 = schedule.window(of: service, on: day, at: Self.time(13, 30))
            if Self.closedDays.contains(key) {
                guard case .closed(.dayOff(let entry), _) = at0900 else {
                    Issue.record("\(key) should be a day off, got \(at0900)")
                    day = day.adding(days: 1)!
                    continue
                }
                #expect(!entry.name.indonesian.isEmpty && !entry.name.english.isEmpty)
            } else if weekend {
                #expect(at0900 == .closed(.noHoursToday, next: at0900.nextOpening), "\(key)")
            } else if Self.halfDays.contains(key) {
                // 08:00–12:00, less the Friday prayer break from 11:30, less the 30-minute cutoff.
                let last = day.weekday == .friday ? Self.time(11, 0) : Self.time(11, 30)
                #expect(at0900 == .open(lastTicket: last, session: nil), "\(key): half day")
                #expect(at1330.isOpen == false, "\(key): half day afternoon")
            } else {
                #expect(at0900.isOpen, "\(key) should be open at 09:00")
                let ramadan = Self.date("2026-02-19") <= day && day <= Self.date("2026-03-20")
                // Last tickets 30 minutes before closing: 15:00 normally; in Ramadan 14:00 (Fri 14:30).
                let lastAt1330: TimeOfDay? =
                    switch (ramadan, day.weekday == .friday) {
                    case (false, _): Self.time(14, 30)
                    case (true, false): nil
                    case (true, true): Self.time(14, 0)
                    }
                #expect(at1330.lastTicket == lastAt1330, "\(key) 13:30")
            }
            checked += 1
            day = day.adding(days: 1)!
        }
        #expect(checked == 365)
    }

    @Test("Nyepi names itself and the next opening skips the closed days that follow")
    func nyepi() throws {
        let catalogue = try Self.sample()
        let service = try #require(catalogue.service(ServiceID("ktp-el")))
        let answer = catalogue.schedule.window(of: service, on: Self.date("2026-03-19"), at: Self.time(10, 0))
        guard case .closed(.dayOff(let entry), let next) = answer else {
            Issue.record("Nyepi is open: \(answer)")
            return
        }
        #expect(entry.kind == .nationalHoliday)
        #expect(entry.name.indonesian.contains("Nyepi"))
        // 20 Mar cuti bersama (closed), 21–22 Idul Fitri, 23 Mar a half day from 08:00.
        #expect(next == Opening(date: Self.date("2026-03-23"), time: Self.time(8, 0)))
    }

    @Test("a Friday prayer break and a last-ticket cutoff say when tickets start again")
    func breakAndCutoff() throws {
        let catalogue = try Self.sample()
        let schedule = catalogue.schedule
        let pln = try #require(catalogue.agency(AgencyID("pln"))?.services.first)
        let friday = Self.date("2026-01-09")
        guard case .closed(.onBreak(let pause), let next) = schedule.window(of: pln, on: friday, at: Self.time(12, 0)) else {
            Issue.record("no Friday break for PLN")
            return
        }
        #expect(pause.name.english == "Friday prayer break")
        #expect(next == Opening(date: friday, time: Self.time(13, 0)))
        let tuesday = Self.date("2026-01-13")
        #expect(schedule.window(of: pln, on: tuesday, at: Self.time(14, 29)) == .open(lastTicket: Self.time(14, 30), session: nil))
        #expect(
            schedule.window(of: pln, on: tuesday, at: Self.time(14, 30))
                == .closed(.lastTicketPassed(Self.time(14, 30)), next: Opening(date: Self.date("2026-01-14"), time: Self.time(8, 0))))
        #expect(schedule.window(of: pln, on: tuesday, at: Self.time(15, 0)).isOpen == false)
    }

    @Test("KTP-el's quota sessions: each session is its own window, the gap between them is closed")
    func sessions() throws {
        let catalogue = try Self.sample()
        let ktp = try #require(catalogue.service(ServiceID("ktp-el")))
        #expect(ktp.sessions.map(\.quota) == [50, 50, 50])
        let schedule = catalogue.schedule
        let monday = Self.date("2026-01-12")
        #expect(schedule.window(of: ktp, on: monday, at: Self.time(9, 0)) == .open(lastTicket: Self.time(9, 30), session: 0))
        #expect(schedule.window(of: ktp, on: monday, at: Self.time(10, 0)) == .open(lastTicket: Self.time(11, 30), session: 1))
        #expect(schedule.window(of: ktp, on: monday, at: Self.time(12, 30)) == .closed(.outsideHours, next: Opening(date: monday, time: Self.time(13, 0))))
        #expect(schedule.window(of: ktp, on: monday, at: Self.time(13, 0)) == .open(lastTicket: Self.time(14, 30), session: 2))
    }

    @Test("one day decides over a run of days, a service's entry over the building's, a closure over hours at a tie")
    func precedence() throws {
        let hours = OpeningHours(Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [TimeRange(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 15, minute: 0))]) }))
        let service = Service(id: ServiceID("samsat"), agencyID: AgencyID("bapenda"), name: LocalizedText(indonesian: "a", english: "a"), prefix: "S", hours: hours, dailyQuota: nil)
        let name = LocalizedText(indonesian: "n", english: "n")
        let morning = OpeningHours(Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [TimeRange(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 12, minute: 0))]) }))
        let d = Self.date("2026-03-23")
        func window(_ entries: [CalendarEntry], at t: TimeOfDay) -> TicketWindow {
            ServiceSchedule(calendar: BuildingCalendar(entries: entries)).window(of: service, on: d, at: t)
        }
        let buildingClosed = CalendarEntry(first: d, last: d, kind: .cutiBersama, name: name)
        let samsatMorning = CalendarEntry(first: d, last: d, kind: .specialHours, name: name, scope: .service(service.id), hours: morning)
        let samsatRamadan = CalendarEntry(first: Self.date("2026-02-19"), last: Self.date("2026-03-31"), kind: .specialHours, name: name, scope: .service(service.id), hours: morning)
        #expect(window([buildingClosed, samsatMorning], at: Self.time(9, 0)).isOpen, "the service's own day opens it")
        #expect(!window([buildingClosed, samsatRamadan], at: Self.time(9, 0)).isOpen, "a run of days never opens a holiday")
        let buildingMorning = CalendarEntry(first: d, last: d, kind: .specialHours, name: name, hours: morning)
        #expect(!window([buildingClosed, buildingMorning], at: Self.time(9, 0)).isOpen, "a closure wins a tie")
        #expect(window([buildingMorning], at: Self.time(13, 0)).isOpen == false)
        #expect(window([], at: Self.time(13, 0)).isOpen)
    }

    @Test("calendar dates: real days only, round trips, weekdays")
    func dates() {
        #expect(CalendarDate("2026-02-29") == nil)
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("aaaa-bb-cc") == nil)
        #expect(CalendarDate("2026-3-19") == nil)
        #expect(Self.date("2026-03-19").weekday == .thursday)
        #expect(Self.date("1970-01-01").daysSinceEpoch == 0)
        var day = Self.date("1999-12-25")
        for _ in 0..<3000 {
            let next = day.adding(days: 1)!
            #expect(next.daysSinceEpoch == day.daysSinceEpoch + 1)
            #expect(CalendarDate(next.description) == next)
            day = next
        }
        #expect(Self.date("9999-12-31").adding(days: 1) == nil)
        #expect(Self.date("2026-01-01").adding(days: Int.max) == nil)
    }

    @Test(
        "a broken calendar names the file, the line and the fix",
        arguments: [
            (#"{"date": "2026-02-30", "kind": "national-holiday", "name": {"id": "x", "en": "x"}}"#, "is not a date"),
            (#"{"from": "2026-03-02", "to": "2026-03-01", "kind": "special-hours", "name": {"id": "x", "en": "x"}, "hours": ["08:00-12:00"]}"#, "is before"),
            (#"{"date": "2026-03-19", "kind": "holiday", "name": {"id": "x", "en": "x"}}"#, "unknown calendar kind"),
            (#"{"date": "2026-03-19", "kind": "special-hours", "name": {"id": "x", "en": "x"}}"#, "has no \"hours\""),
            (#"{"date": "2026-03-19", "kind": "local-closure", "agency": "a", "service": "s", "name": {"id": "x", "en": "x"}}"#, "both an agency and a service"),
            (#"{"date": "2026-03-19", "kind": "local-closure", "agency": "nope", "name": {"id": "x", "en": "x"}}"#, "is not in \"agencies\""),
            (#"{"kind": "local-closure", "name": {"id": "x", "en": "x"}}"#, "has no day"),
        ])
    func brokenEntries(entry: String, problem: String) {
        let text = """
            {"defaultHours": {"mon": ["08:00-15:00"]},
             "agencies": [{"id": "a", "name": {"id": "A", "en": "A"}}],
             "services": [{"id": "s", "agency": "a", "name": {"id": "S", "en": "S"}, "prefix": "S"}],
             "calendar": [
               \(entry)
             ]}
            """
        #expect {
            _ = try ConfigParser.catalogue(text: text, path: "/etc/kioskd/catalogue.json")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.description.contains(problem) && error.description.contains("catalogue.json:5") && !error.fix.isEmpty
        }
    }

    @Test("quota sessions must not overlap or promise more than the daily quota")
    func brokenSessions() {
        for (sessions, problem) in [
            (#"[{"time": "08:00-10:00", "quota": 50}, {"time": "09:00-11:00", "quota": 50}]"#, "overlaps"),
            (#"[{"time": "08:00-10:00", "quota": 80}, {"time": "10:00-12:00", "quota": 80}]"#, "more than dailyQuota 150"),
        ] {
            let text = """
                {"defaultHours": {"mon": ["08:00-15:00"]},
                 "agencies": [{"id": "a", "name": {"id": "A", "en": "A"}}],
                 "services": [{"id": "s", "agency": "a", "name": {"id": "S", "en": "S"}, "prefix": "S", "dailyQuota": 150,
                   "quotaSessions": \(sessions)}]}
                """
            #expect {
                _ = try ConfigParser.catalogue(text: text, path: "c.json")
            } throws: { error in
                (error as? ConfigError)?.description.contains(problem) == true
            }
        }
    }
}

extension TicketWindow {
    var isOpen: Bool { if case .open = self { true } else { false } }
    var lastTicket: TimeOfDay? { if case .open(let last, _) = self { last } else { nil } }
    var nextOpening: Opening? { if case .closed(_, let next) = self { next } else { nil } }
}
