// kiosk-rig-agent: runs inside the VM rig's guest (scripts/vm-rig/), makes kernel devices, drives a
// real kioskd through them and prints one `RIG-RESULT` line per check on the serial console.
//
// usage: kiosk-rig-agent SCENARIO RIG_DIRECTORY
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    say("usage: kiosk-rig-agent touch-mt|touch-st|printer-usb|scanner-hid|touch-hid|display-drm RIG_DIRECTORY")
    exit(2)
}
let started = Date()
do {
    switch arguments[1] {
    case "touch-mt":
        var scenario = TouchScenario(name: "touch-mt", kind: .multitouch, rig: arguments[2])
        try scenario.run()
    case "touch-st":
        var scenario = TouchScenario(name: "touch-st", kind: .singleTouch, rig: arguments[2])
        try scenario.run()
    case "printer-usb":
        try PrinterScenario(rig: arguments[2]).run()
    case "scanner-hid":
        try ScannerScenario(rig: arguments[2]).run()
    case "touch-hid":
        try HIDTouchScenario(rig: arguments[2]).run()
    case "display-drm":
        try DisplayScenario(rig: arguments[2]).run()
    default:
        throw AgentError("unknown scenario \(arguments[1])")
    }
} catch {
    say("RIG-RESULT \(arguments[1]).setup FAIL ms=\(milliseconds(since: started)) \(error)")
}
say("RIG-TIME \(arguments[1]) ms=\(milliseconds(since: started))")
