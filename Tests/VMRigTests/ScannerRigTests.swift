import Testing

/// A keyboard-wedge scanner: a configfs `f_hid` boot keyboard that the guest's usbhid makes an input
/// device, read by a real kioskd:
/// - booking: the gadget types today's booking code (letters with shift, then Enter) at a pace kioskd
///   keeps up with; kioskd logs that the booking may check in;
/// - syn-dropped: kioskd stopped, Shift pressed and held while 1,500 keys at the gadget's full speed
///   overflow the kernel's buffer, kioskd continued: it logs the kernel's `SYN_DROPPED`, and the code
///   typed next, whose first letter relies on the Shift held from before the drop (only `EVIOCGKEY`
///   says so), checks in;
/// - replug: the gadget unbound (kioskd logs the scanner lost) and bound again: kioskd reopens it and
///   the next code checks in.
@Test(.timeLimit(.minutes(8)), arguments: ["booking", "syn-dropped", "replug"])
func hidScannerInTheVM(check: String) async throws {
    let outcome = try await rigBoot.value
    let name = "scanner-hid." + check
    if !outcome.passed(name) { Issue.record(Comment(rawValue: outcome.explain(name))) }
}

/// A serial scanner: a configfs `f_acm` port that the guest's cdc_acm makes `/dev/ttyACM0`, read by a
/// real kioskd in raw mode:
/// - booking: the code and CR written at the gadget end in one write check in;
/// - replug: the gadget unbound (kioskd logs the scanner lost) and bound again: kioskd reopens the tty
///   and the next code checks in.
@Test(.timeLimit(.minutes(8)), arguments: ["booking", "replug"])
func serialScannerInTheVM(check: String) async throws {
    let outcome = try await rigBoot.value
    let name = "scanner-acm." + check
    if !outcome.passed(name) { Issue.record(Comment(rawValue: outcome.explain(name))) }
}
