extension Translations {
    /// Text of closed days, hours and sessions, and of the out-of-service screen.
    static func calendarEntry(_ key: TextKey) -> LocalizedText {
        switch key {
        case .closedDayOff: t("Tutup: {name}", "Closed: {name}")
        case .closedToday: t("Hari ini tutup", "Closed today")
        case .closedOnBreak: t("Istirahat: {name}", "Break: {name}")
        case .closedLastTicket: t("Nomor terakhir hari ini pukul {time}", "Last ticket today was at {time}")
        case .buildingClosed: t("Saat ini tidak ada layanan yang menerima nomor antrean", "No service takes queue numbers now")
        case .sessionFull: t("Kuota sesi ini habis", "This session is fully booked")
        case .opensLaterToday: t("Buka lagi pukul {time}", "Opens again at {time}")
        case .opensOn: t("Buka lagi {day} {date}, pukul {time}", "Opens again {day} {date} at {time}")
        case .opensNotSoon: t("Belum ada jadwal buka", "No opening scheduled")
        case .weekdayMonday: t("Senin", "Monday")
        case .weekdayTuesday: t("Selasa", "Tuesday")
        case .weekdayWednesday: t("Rabu", "Wednesday")
        case .weekdayThursday: t("Kamis", "Thursday")
        case .weekdayFriday: t("Jumat", "Friday")
        case .weekdaySaturday: t("Sabtu", "Saturday")
        case .weekdaySunday: t("Minggu", "Sunday")
        case .outOfServiceTitle: t("Mohon maaf, kios ini sedang tidak dapat digunakan", "Sorry, this kiosk is out of service")
        case .outOfServiceHelp:
            t(
                "Silakan gunakan kios lain atau tanyakan kepada petugas.",
                "Please use another kiosk or ask a member of staff.")
        case .outOfServiceTechnician: t("Untuk teknisi", "For the technician")
        default: preconditionFailure("\(key) is translated in Translations.entry")
        }
    }

    /// Why a service takes no tickets now, and when it does again, in `language`: e.g.
    /// "Tutup: Hari Suci Nyepi · Buka lagi Senin 23-03-2026, pukul 08:00".
    public static func availabilityText(_ availability: Availability, today: CalendarDate, _ language: Language) -> String? {
        let (why, next): (String, Opening?)
        switch availability {
        case .open:
            return nil
        case .full(let later):
            (why, next) = (text(later == nil ? .serviceFull : .sessionFull, language), later)
        case .closed(let reason, let later):
            next = later
            switch reason {
            case .dayOff(let entry): why = text(.closedDayOff, language, ["name": entry.name(language)])
            case .noHoursToday: why = text(.closedToday, language)
            case .onBreak(let pause): why = text(.closedOnBreak, language, ["name": pause.name(language)])
            case .lastTicketPassed(let time): why = text(.closedLastTicket, language, ["time": time.text])
            case .outsideHours: why = text(.serviceClosed, language)
            }
        }
        guard let next else {
            if case .full(nil) = availability { return why }
            return why + " · " + text(.opensNotSoon, language)
        }
        return why + " · " + openingText(next, today: today, language)
    }

    /// "Buka lagi pukul 13:00" today, else "Buka lagi Senin 23-03-2026, pukul 08:00".
    public static func openingText(_ opening: Opening, today: CalendarDate, _ language: Language) -> String {
        if opening.date == today { return text(.opensLaterToday, language, ["time": opening.time.text]) }
        let date = opening.date
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return text(
            .opensOn, language,
            ["day": weekdayName(date.weekday, language), "date": "\(pad(date.day))-\(pad(date.month))-\(date.year)", "time": opening.time.text])
    }

    /// The weekday's name in `language`.
    public static func weekdayName(_ day: Weekday, _ language: Language) -> String {
        let keys: [Weekday: TextKey] = [
            .monday: .weekdayMonday, .tuesday: .weekdayTuesday, .wednesday: .weekdayWednesday, .thursday: .weekdayThursday,
            .friday: .weekdayFriday, .saturday: .weekdaySaturday, .sunday: .weekdaySunday,
        ]
        return text(keys[day]!, language)
    }

    private static func t(_ indonesian: String, _ english: String) -> LocalizedText {
        LocalizedText(indonesian: indonesian, english: english)
    }
}
