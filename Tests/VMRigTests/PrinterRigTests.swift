import Testing

/// A USB printer gadget (configfs `usb_f_printer` on `dummy_hcd`, 04b8:0202) that the guest's usbcore
/// enumerates and usblp binds, and a real kioskd printing to it over libusb:
/// - print: a walk prints F-001; the bytes at `/dev/g_printer0` hold the number, a QR code whose
///   payload is the ticket id kioskd logged, and a cut after it; usblp is bound again after the job;
/// - paper-out: paper empty set at the gadget (`GADGET_SET_PRINTER_STATUS`) while idle: kioskd's idle
///   watch (`GET_PORT_STATUS` through usblp's `LPGETSTATUS`) logs paper-out within 3 s, a walk then
///   issues no number, and the refill is noticed within 3 s;
/// - cover-open-idle: the port status set to error while idle, `DLE EOT` naming the cover: kioskd
///   logs cover-open within 3 s, and ready within 3 s of the cover closing; usblp bound again after;
/// - unbind: the gadget unbound when the ticket's first bytes arrive: the ticket is recorded
///   `printed=no`; bound again, kioskd finds the printer ready;
/// - paper-out-mid-job: paper empty set at the gadget as the ticket arrives (GS r then goes
///   unanswered, as a stopped printer's): the ticket is recorded `printed=uncertain` with the rest
///   cleared (`DLE DC4 8` answered), and kioskd logs paper-out for the next citizen;
/// - cover-open-mid-job, cutter-error-mid-job: the port status set to error as the ticket arrives, `DLE EOT`
///   naming the cause and `GS r` unanswered: the ticket is never recorded printed, kioskd logs cover-open or
///   cutter-error (the next citizen is turned away), and after the fix, ready;
/// - stops-reading-mid-job: the gadget end no longer read as the ticket arrives (a hung printer whose USB
///   port status still says ready): never printed, kioskd logs not-answering, and after the restart, ready;
/// - rebind: the next walk prints the next number to the gadget, and not the stopped ticket's;
/// - stray-answer: usblp unbound (it reads bulk IN while the idle watch holds /dev/usb/lp0), a stray
///   `GS r` answer (00) written at the gadget end after the arrival's `DLE EOT` and before the job: with
///   `GS r` then unanswered the ticket is recorded `printed=uncertain` (the stray was read away before
///   the job, not taken for its answer); with `GS r` answered, `printed=yes`.
@Test(.timeLimit(.minutes(8)), arguments: [
    "print", "paper-out", "cover-open-idle", "unbind", "paper-out-mid-job", "cover-open-mid-job", "cutter-error-mid-job", "stops-reading-mid-job", "rebind",
    "stray-answer",
])
func usbPrinterInTheVM(check: String) async throws {
    let outcome = try await rigBoot.value
    let name = "printer-usb." + check
    if !outcome.passed(name) { Issue.record(Comment(rawValue: outcome.explain(name))) }
}
