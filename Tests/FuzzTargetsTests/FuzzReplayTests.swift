import Foundation
import FuzzTargets
import Testing

/// The repository's `fuzz/` folder: seeds each target starts from, and every input a fuzzer found
/// crashing (kept as a regression, replayed here so it stays fixed).
private let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fuzz").standardized

private func inputs(_ kind: String, _ target: FuzzTarget) -> [URL] {
    let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
}

@Suite struct FuzzReplayTests {
    /// Every target has seeds, and they run through it (a trap would end the test run).
    @Test(arguments: FuzzTarget.allCases)
    func seedsRun(_ target: FuzzTarget) throws {
        let seeds = inputs("seeds", target)
        #expect(!seeds.isEmpty, "fuzz/seeds/\(target.rawValue) has no seeds")
        for seed in seeds { target.run(Array(try Data(contentsOf: seed))) }
    }

    /// Every crash the fuzzers found, through its target: fixed, it no longer traps.
    @Test(arguments: FuzzTarget.allCases)
    func savedCrashesStayFixed(_ target: FuzzTarget) throws {
        for input in inputs("regressions", target) { target.run(Array(try Data(contentsOf: input))) }
    }
}
