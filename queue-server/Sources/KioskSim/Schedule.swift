/// What can happen at a moment of a simulated day.
enum Happening: Hashable {
    case citizen
    /// The day's booking at this index comes to check in.
    case bookedCitizen(Int)
    case linkRound(kiosk: Int)
    case counter(desk: Int)
    case networkEpisode(kiosk: Int)
    case partition(kiosk: Int)
    case clockSkew(kiosk: Int)
    case clockSet(kiosk: Int)
    case crash(kiosk: Int)
    case restart(kiosk: Int)
    case printerFault(kiosk: Int)
    case serverDown
    case serverUp
    case staffRound
}

/// The day's happenings by time (ties in the order they were scheduled): a binary heap.
struct Schedule {
    private var heap: [(at: Int64, order: Int, happening: Happening)] = []
    private var scheduled = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func add(_ happening: Happening, at: Int64) {
        heap.append((at, scheduled, happening))
        scheduled += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The earliest happening, removed.
    mutating func next() -> (at: Int64, happening: Happening)? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, Self.before(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, Self.before(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (first.at, first.happening)
    }

    private static func before(_ a: (at: Int64, order: Int, happening: Happening), _ b: (at: Int64, order: Int, happening: Happening)) -> Bool {
        a.at != b.at ? a.at < b.at : a.order < b.order
    }
}
