import Testing

@testable import KioskCore

/// Scans, booking check-in, ticket status and priority tickets, through `KioskFlow.step`.
@Suite struct ScanFlowTests {
    static let weekdays = OpeningHours(
        Dictionary(uniqueKeysWithValues: Weekday.allCases.map {
            ($0, [TimeRange(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 15, minute: 0))])
        }))
    static let catalogue = Catalogue(agencies: [
        Agency(
            id: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "Disdukcapil", english: "Civil Registry"),
            services: [
                Service(
                    id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"),
                    name: LocalizedText(indonesian: "KTP-el", english: "ID card"), prefix: "A", hours: weekdays,
                    dailyQuota: nil),
                Service(
                    id: ServiceID("kk"), agencyID: AgencyID("disdukcapil"),
                    name: LocalizedText(indonesian: "Kartu Keluarga", english: "Family card"), prefix: "B", hours: weekdays,
                    dailyQuota: nil),
            ])
    ])
    static let settings = FlowSettings(
        catalogue: catalogue, timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10, agenciesPerPage: 4,
        servicesPerPage: 4)
    /// Tuesday 2026-12-01 10:15 WITA.
    static let now = Timestamp(secondsSinceEpoch: 1_796_091_300)
    static let code = BookingCode(symbols: "7QH2M9XKD4")!

    static func booking(day: String = "2026-12-01", from: Int = 10, to: Int = 11, priority: TicketPriority? = nil) -> Booking {
        Booking(
            code: code, serviceID: ServiceID("ktp-el"), day: day,
            window: TimeRange(start: TimeOfDay(hour: from, minute: 0), end: TimeOfDay(hour: to, minute: 0)),
            priority: priority)
    }

    var state = KioskState()
    var effects: [Effect] = []
    var counter: UInt8 = 0

    mutating func send(_ event: Event, at time: Timestamp = now) {
        counter += 1
        let context = StepContext(now: time, freshTicketID: TicketID(randomBytes: [UInt8](repeating: counter, count: 16)))
        (state, effects) = KioskFlow.step(state, event, context, settings: Self.settings)
    }

    mutating func scan(_ text: String) { send(.scanned(Array(text.utf8))) }

    var logs: [String] { effects.compactMap { if case .log(_, let line) = $0 { line } else { nil } } }
    var issued: [Ticket] { effects.compactMap { if case .issue(let ticket) = $0 { ticket } else { nil } } }

    @Test mutating func aBookingChecksInAsATicketForTheBookedServiceWithItsPriority() {
        scan(Self.code.description)
        #expect(state.screen == .checking(.booking(Self.code)))
        #expect(effects.contains(.lookUpBooking(Self.code)))
        send(.bookingLookedUp(Self.code, .found(Self.booking(priority: .pregnant))))
        #expect(state.screen == .booking(Self.booking(priority: .pregnant)))
        send(.press(.takeBookedTicket))
        let ticket = try! #require(issued.first)
        #expect(ticket.serviceID == ServiceID("ktp-el") && ticket.number == "A-001")
        #expect(ticket.bookingCode == Self.code && ticket.priority == .pregnant)
        #expect(state.screen == .ticket(ticket, .printing))
    }

    @Test mutating func aBookingIsNotCheckedInWhileThePrinterCannotPrint() {
        send(.printerStatus(.paperOut))
        scan(Self.code.description)
        send(.bookingLookedUp(Self.code, .found(Self.booking())))
        send(.press(.takeBookedTicket))
        #expect(issued.isEmpty)
        #expect(state.screen == .notice(.printerDown, returnTo: .home), "no number nobody holds; the booking stays unused")
    }

    /// kiosk-sim (issue 17, hours as an invariant): a booked citizen checking in late, within the window's half hour of
    /// grace but after the service closed, got a ticket printed offline; online the server refused it as closed. A
    /// booking's window does not open a closed service: the kiosk says it is closed, at the scan and at the tap.
    @Test mutating func aBookingDoesNotCheckInWhileItsServiceTakesNoTickets() {
        // 15:10 on Tuesday: the window 14:00–15:00 allows check-in until 15:30, but the service closed at 15:00.
        let afterClosing = Timestamp(secondsSinceEpoch: 1_796_091_300 + (4 * 60 + 55) * 60)
        scan(Self.code.description)
        send(.bookingLookedUp(Self.code, .found(Self.booking(from: 14, to: 15))), at: afterClosing)
        #expect(state.screen == .unavailable(ServiceID("ktp-el")))
        #expect(logs.contains { $0.contains("takes no tickets now") })
        send(.press(.back), at: afterClosing)
        #expect(state.screen == .home)
        // Shown open at the scan, closed by the tap (the citizen lingered past closing): no number is asked.
        let beforeClosing = Timestamp(secondsSinceEpoch: 1_796_091_300 + (4 * 60 + 40) * 60)
        scan(Self.code.description)
        send(.bookingLookedUp(Self.code, .found(Self.booking(from: 14, to: 15))), at: beforeClosing)
        #expect(state.screen == .booking(Self.booking(from: 14, to: 15)))
        send(.press(.takeBookedTicket), at: afterClosing)
        #expect(issued.isEmpty)
        #expect(state.screen == .unavailable(ServiceID("ktp-el")))
    }

    @Test(arguments: [
        (BookingLookup.unknown, TextKey.bookingUnknown), (.alreadyUsed, .bookingUsed), (.unavailable, .bookingUnavailable),
        (.found(booking(day: "2026-12-02")), .bookingWrongDay), (.found(booking(from: 12, to: 13)), .bookingTooEarly),
        (.found(booking(from: 8, to: 9)), .bookingTooLate),
    ])
    mutating func eachRefusalHasItsOwnNotice(_ lookup: BookingLookup, _ notice: TextKey) {
        scan(Self.code.description)
        send(.bookingLookedUp(Self.code, lookup))
        #expect(state.screen == .scanNotice(notice))
        send(.press(.back))
        #expect(state.screen == .home)
    }

    /// At 10:15: a window from 11:00 opens 45 min later (within the hour early), one from 12:00
    /// 1 h 45 later (too early); one ending 10:00 ended 15 min ago (within the half hour late),
    /// one ending 09:00 ended 75 min ago (too late).
    @Test(arguments: [(11, 12, true), (12, 13, false), (9, 10, true), (8, 9, false)])
    mutating func theCheckInWindowOpensAnHourEarlyAndClosesHalfAnHourLate(_ from: Int, _ to: Int, _ accepted: Bool) {
        scan(Self.code.description)
        send(.bookingLookedUp(Self.code, .found(Self.booking(from: from, to: to))))
        #expect((state.screen == .booking(Self.booking(from: from, to: to))) == accepted)
    }

    @Test mutating func aLateAnswerForACodeNoLongerShownChangesNothing() {
        scan(Self.code.description)
        send(.press(.back))
        send(.tick, at: Self.now.adding(seconds: 60))
        #expect(state.screen == .home)
        send(.bookingLookedUp(Self.code, .found(Self.booking())))
        #expect(state.screen == .home)
    }

    @Test mutating func anOwnTicketShowsItsPlaceOrSaysItIsNotFromHere() throws {
        let id = TicketID(randomBytes: [UInt8](repeating: 9, count: 16))
        scan("https://antrean.example/t/\(id)")
        #expect(effects == [.show(.checking(.ticket(id))), .lookUpTicket(id)])
        let ticket = Ticket(
            id: id, serviceID: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"), day: "2026-12-01", sequence: 3,
            number: "A-003", issuedAt: Self.now, peopleAhead: nil, language: .indonesian)
        send(.ticketLookedUp(id, ticket))
        #expect(state.screen == .ticketStatus(ticket))
        send(.press(.done))
        #expect(state.screen == .home)
        scan(id.description)
        send(.ticketLookedUp(id, nil))
        #expect(state.screen == .scanNotice(.ticketNotFound))
    }

    @Test mutating func hostileAndUnknownCodesGetAFriendlyNoticeAndAreLoggedOnlyEscaped() {
        scan("\u{1B}]0;owned\u{07}\u{1B}[2J")
        #expect(state.screen == .scanNotice(.scanNotReadable))
        #expect(logs.count == 1 && logs[0].contains("\\x1b]0;owned\\x07"), "\(logs)")
        #expect(!logs[0].unicodeScalars.contains { $0.value < 0x20 }, "no raw control character in the log")
        send(.press(.back))
        scan("hello world")
        #expect(state.screen == .scanNotice(.scanUnknown))
        #expect(effects.allSatisfy { if case .issue = $0 { false } else { true } })
    }

    @Test mutating func aTechnicianBadgeMidJourneyIsLoggedAndChangesNoScreen() {
        send(.press(.chooseAgency(AgencyID("disdukcapil"))))
        scan("TECH-AB12")
        #expect(state.screen == .services(AgencyID("disdukcapil"), page: 0))
        #expect(logs == ["technician badge TECH-AB12 ignored: a citizen is mid-journey"])
    }

    @Test mutating func noScanIsActedOnWhileATicketPrints() {
        scan(Self.code.description)
        send(.bookingLookedUp(Self.code, .found(Self.booking())))
        send(.press(.takeBookedTicket))
        let printing = state.screen
        scan(Self.code.description)
        #expect(state.screen == printing && !effects.contains(.lookUpBooking(Self.code)))
    }

    @Test mutating func aPriorityChosenOnTheFirstScreenIsCarriedByTheNextTicketOnly() throws {
        send(.press(.chooseLanguage(.english)))
        send(.press(.askPriority))
        #expect(state.screen == .priorityChoice)
        send(.press(.choosePriority(.disability)))
        #expect(state.screen == .home && state.priority == .disability)
        send(.press(.chooseAgency(AgencyID("disdukcapil"))))
        send(.press(.chooseService(ServiceID("ktp-el"))))
        #expect(try #require(issued.first).priority == .disability)
        send(.ticketPrinted(try #require(issued.first).id))
        send(.press(.done))
        #expect(state.priority == nil, "the next citizen starts without a priority")
        send(.press(.chooseAgency(AgencyID("disdukcapil"))))
        send(.press(.chooseService(ServiceID("ktp-el"))))
        #expect(try #require(issued.first).priority == nil)
    }

    @Test func aPriorityTicketAndABookingTicketAreMarkedForStaff() {
        let service = Self.catalogue.allServices[0]
        let agency = Self.catalogue.agencies[0]
        var ticket = Ticket(
            id: TicketID(randomBytes: [UInt8](repeating: 1, count: 16)), serviceID: service.id, agencyID: agency.id,
            day: "2026-12-01", sequence: 1, number: "A-001", issuedAt: Self.now, peopleAhead: nil, language: .indonesian,
            priority: .elderly, bookingCode: Self.code)
        func lines() -> [String] {
            TicketLayout.document(
                for: ticket, agency: agency, service: service, mallName: LocalizedText(indonesian: "M", english: "M"),
                kioskID: "K", zone: .wita
            ).blocks.compactMap { if case .text(let text, _) = $0 { text } else { nil } }
        }
        #expect(lines().contains("PRIORITAS — Lansia, verifikasi petugas"))
        #expect(lines().contains("PEMESANAN ONLINE \(Self.code)"))
        ticket.language = .english
        #expect(lines().contains("PRIORITY — Elderly, staff to verify"))
        ticket.priority = nil
        ticket.bookingCode = nil
        #expect(!lines().contains { $0.contains("PRIORIT") || $0.contains("BOOKING") })
    }

    @Test func everyTextKeyIsTranslatedInBothLanguages() {
        for key in TextKey.allCases {
            #expect(!Translations.text(key, .indonesian).isEmpty && !Translations.text(key, .english).isEmpty, "\(key)")
        }
    }
}
