/// Every piece of citizen-facing text the kiosk shows or prints, by key.
public enum TextKey: String, Sendable, CaseIterable {
    case sampleCatalogue
    case chooseAgency, chooseService
    case back, next, previous, done, pageOf
    case serviceClosed, serviceFull
    case printing, takeYourTicket, yourNumber, printFailed, notRecorded
    case printerDown, printerDownNumberOnScreen, screenOnlyNumber, noNumberOffline
    case printUncertain, printFailedNoNumber, printUncertainNoNumber
    case ticketDate, ticketTime, ticketPeopleAhead, ticketPleaseWait, ticketKiosk
    // The queue server's citizen page (/t/{ticketId}).
    case pagePeopleAhead, pageWaitMinutes, pageWaitUnknown, pageCalled, pageFinished, pageVoided
    // Scanning, booking check-in and priority tickets.
    case checkingBooking, checkingTicket, bookingTitle, bookingAgency, bookingService, bookingTime, takeTicket, cancel
    case bookingUnknown, bookingUsed, bookingWrongDay, bookingTooEarly, bookingTooLate, bookingUnavailable
    case scanUnknown, scanNotReadable, ticketNotFound
    case ticketStatusTitle, ticketIssuedAt, queuePositionUnknown
    case priorityButton, priorityChoose, priorityVerified, priorityNone, priorityChosen, priorityTicketLine
    case priorityElderly, priorityDisability, priorityPregnant, priorityNursing
    case bookingTicketLine
    // Linked kiosks: waiting for the queue server, and the staff's mark on an offline ticket.
    case gettingNumber, offlineMark, ticketOffline, ticketWaitMinutes
    // The building's calendar, and a kiosk that cannot serve.
    case closedDayOff, closedToday, closedOnBreak, closedLastTicket, sessionFull, buildingClosed
    case opensLaterToday, opensOn, opensNotSoon
    case weekdayMonday, weekdayTuesday, weekdayWednesday, weekdayThursday, weekdayFriday, weekdaySaturday, weekdaySunday
    case outOfServiceTitle, outOfServiceHelp, outOfServiceTechnician
    // The idle prompt, a closed service's hours, the queue position, and the ticket's lines.
    case stillThere, stillThereCountdown, stillThereTouch, hoursToday, counter
    case ticketScanLinked, ticketScanAtKiosk, positionOnPhone, positionWhenIssued
    // The first screen's letter index.
    case letterKey, agenciesByLetter, otherLetter
    // The speech guidance (said, never shown).
    case speechOn, speechOff, speechLetters
    // The mark of the speech guidance's spot on the first screen (shown in both languages).
    case speechMark
    // The citizen satisfaction survey (Translations+Survey.swift).
    case surveyButton, surveyTitle, surveyScan, surveyNotATicket, surveyQuestionOf, surveySuggestionTitle, surveySuggestionHelp
    case surveySend, surveySkip, surveyErase, surveySpace, surveySending, surveyThanks, surveyThanksLater
    case surveyAlreadyAnswered, surveyNotServed, surveyWindowClosed, surveyUnknownTicket, surveyNotRecorded
    case surveyKeyLetter, surveyKeyDigit, surveyKeyStop, surveyKeyComma, surveyKeyQuestion
}

/// The translation table: Bahasa Indonesia first, English second.
///
/// Placeholders are written `{name}` and filled by ``Translations/text(_:_:_:)``.
public enum Translations {
    /// The text for `key` in both languages.
    public static func entry(_ key: TextKey) -> LocalizedText {
        switch key {
        case .sampleCatalogue: t("CONTOH — bukan katalog resmi", "SAMPLE — not an official catalogue")
        case .chooseAgency: t("Pilih instansi", "Choose an agency")
        case .chooseService: t("Pilih layanan", "Choose a service")
        case .back: t("Kembali", "Back")
        case .next: t("Berikutnya ›", "Next ›")
        case .previous: t("‹ Sebelumnya", "‹ Previous")
        case .done: t("Selesai", "Done")
        case .pageOf: t("Halaman {page} dari {pages}", "Page {page} of {pages}")
        case .serviceClosed: t("Tutup", "Closed")
        case .serviceFull: t("Kuota hari ini habis", "Fully booked today")
        case .printing: t("Tiket sedang dicetak…", "Printing your ticket…")
        case .takeYourTicket: t("Silakan ambil tiket Anda", "Please take your ticket")
        case .yourNumber: t("Nomor antrean Anda", "Your queue number")
        case .printFailed:
            t(
                "Tiket tidak dapat dicetak. Catat nomor ini dan tunjukkan kepada petugas.",
                "The ticket could not be printed. Note this number and show it to the staff.")
        case .notRecorded:
            t(
                "Maaf, nomor antrean tidak dapat diterbitkan. Silakan hubungi petugas.",
                "Sorry, no queue number could be issued. Please ask the staff.")
        case .printerDown:
            t(
                "Maaf, printer tiket sedang tidak dapat mencetak. Silakan hubungi petugas.",
                "Sorry, the ticket printer cannot print at the moment. Please ask the staff.")
        case .noNumberOffline:
            t(
                "Maaf, server antrean sedang tidak dapat dihubungi dan kios ini belum dapat memberi nomor antrean sendiri. Silakan hubungi petugas.",
                "Sorry, the queue server cannot be reached and this kiosk cannot give queue numbers on its own yet. Please ask the staff.")
        case .printerDownNumberOnScreen:
            t(
                "Printer tiket sedang tidak dapat mencetak. Nomor antrean Anda akan tampil di layar: mohon dicatat.",
                "The ticket printer cannot print at the moment. Your queue number will be shown on screen: please note it down.")
        case .screenOnlyNumber:
            t(
                "Tiket tidak dicetak. Catat nomor ini dan tunjukkan kepada petugas.",
                "No ticket is printed. Note this number and show it to the staff.")
        case .printUncertain:
            t(
                "Printer tidak memastikan tiket Anda tercetak. Jika tidak ada tiket yang keluar, catat nomor ini dan tunjukkan kepada petugas.",
                "The printer did not confirm your ticket. If no ticket came out, note this number and show it to the staff.")
        case .printFailedNoNumber:
            t(
                "Maaf, tiket Anda tidak dapat dicetak dan tidak berlaku. Silakan hubungi petugas.",
                "Sorry, your ticket could not be printed and is not valid. Please ask the staff.")
        case .printUncertainNoNumber:
            t(
                "Printer tidak memastikan tiket Anda tercetak. Jika tidak ada tiket yang keluar, silakan hubungi petugas: mereka dapat menemukan tiket Anda.",
                "The printer did not confirm your ticket. If no ticket came out, please ask the staff: they can find your ticket.")
        case .ticketDate: t("Tanggal", "Date")
        case .ticketTime: t("Jam", "Time")
        case .ticketPeopleAhead: t("Antrean di depan Anda: {count}", "People ahead of you: {count}")
        case .ticketPleaseWait: t("Mohon menunggu panggilan", "Please wait to be called")
        case .ticketKiosk: t("Kios", "Kiosk")
        case .pagePeopleAhead: t("Antrean di depan Anda: {count}", "People ahead of you: {count}")
        case .pageWaitMinutes: t("Perkiraan waktu tunggu: {minutes} menit", "Estimated wait: {minutes} minutes")
        case .pageWaitUnknown:
            t("Perkiraan waktu tunggu belum tersedia", "No wait estimate yet")
        case .pageCalled: t("Nomor Anda dipanggil ke loket {counter}", "Your number is called to counter {counter}")
        case .pageFinished: t("Layanan untuk nomor ini sudah selesai", "This number has been served")
        case .pageVoided: t("Nomor ini dibatalkan", "This number was cancelled")
        case .gettingNumber: t("Mengambil nomor antrean Anda…", "Getting your queue number…")
        // "Luring" is the standard Indonesian word for offline.
        case .offlineMark: t("Luring", "Offline")
        case .ticketOffline: t("Diterbitkan luring", "Issued offline")
        case .ticketWaitMinutes: t("Perkiraan waktu tunggu: {minutes} menit", "Estimated wait: {minutes} minutes")
        case .closedDayOff, .closedToday, .closedOnBreak, .closedLastTicket, .sessionFull, .buildingClosed,
            .opensLaterToday, .opensOn, .opensNotSoon, .weekdayMonday, .weekdayTuesday, .weekdayWednesday, .weekdayThursday,
            .weekdayFriday, .weekdaySaturday, .weekdaySunday, .outOfServiceTitle, .outOfServiceHelp, .outOfServiceTechnician:
            calendarEntry(key)
        case .stillThere, .stillThereCountdown, .stillThereTouch, .hoursToday, .counter, .ticketScanLinked,
            .ticketScanAtKiosk, .positionOnPhone, .positionWhenIssued, .speechOn, .speechOff, .speechLetters, .speechMark, .letterKey, .agenciesByLetter, .otherLetter:
            citizenEntry(key)
        case .surveyButton, .surveyTitle, .surveyScan, .surveyNotATicket, .surveyQuestionOf, .surveySuggestionTitle, .surveySuggestionHelp,
            .surveySend, .surveySkip, .surveyErase, .surveySpace, .surveySending, .surveyThanks, .surveyThanksLater,
            .surveyAlreadyAnswered, .surveyNotServed, .surveyWindowClosed, .surveyUnknownTicket, .surveyNotRecorded,
            .surveyKeyLetter, .surveyKeyDigit, .surveyKeyStop, .surveyKeyComma, .surveyKeyQuestion:
            surveyEntry(key)
        default: scanningEntry(key)
        }
    }

    /// The text for `key` in `language`, with `{name}` placeholders filled from `values`.
    public static func text(_ key: TextKey, _ language: Language, _ values: [String: String] = [:]) -> String {
        fill(entry(key)(language), values)
    }

    /// Replaces each `{name}` in `template` by `values[name]`; unknown names stay as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func t(_ indonesian: String, _ english: String) -> LocalizedText {
        LocalizedText(indonesian: indonesian, english: english)
    }
}
