import Testing

/// A keyboard-wedge scanner: a configfs `f_hid` boot keyboard that the guest's usbhid makes an input
/// device; kioskd opens it and, when the gadget types today's booking code (letters with shift, then
/// Enter) at a pace kioskd keeps up with, logs that the booking may check in.
@Test(.timeLimit(.minutes(8)), arguments: ["booking"])
func hidScannerInTheVM(check: String) async throws {
    let outcome = try await rigBoot.value
    let name = "scanner-hid." + check
    if !outcome.passed(name) { Issue.record(Comment(rawValue: outcome.explain(name))) }
}
