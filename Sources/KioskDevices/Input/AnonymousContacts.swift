/// Multitouch protocol A: each frame lists every contact anonymously (positions closed by
/// `SYN_MT_REPORT`); an empty frame means all lifted. Contacts are followed from frame to frame by
/// nearest position and given slots and tracking ids, so the rest of ``TouchInput`` sees protocol B.
struct AnonymousContacts: Sendable {
    /// At most this many contacts per frame are kept; more are a corrupt stream.
    static let maximumContacts = 16

    var x: Int32 = 0 { didSet { hasPosition = true } }
    var y: Int32 = 0 { didSet { hasPosition = true } }
    /// A position arrived since the last `SYN_MT_REPORT`; a report without one is "no contacts".
    private var hasPosition = false
    private(set) var isInUse = false
    private var frame: [(x: Int32, y: Int32)] = []
    private var nextTrackingID: Int32 = 0

    /// `SYN_MT_REPORT`: the position so far is one contact.
    mutating func closeContact() {
        isInUse = true
        if hasPosition && frame.count < Self.maximumContacts { frame.append((x, y)) }
        hasPosition = false
    }

    /// `SYN_REPORT`: matches this frame's contacts to the slots' contacts (closest pairs first),
    /// lifts the unmatched old ones and starts the unmatched new ones in free slots.
    mutating func assign(to slots: inout [Int32: ContactSlot]) {
        var unmatched = Set(frame.indices)
        var pairs: [(distance: Int64, slot: Int32, index: Int)] = []
        for (key, slot) in slots where slot.isActive {
            for (index, contact) in frame.enumerated() {
                let dx = Saturating.distance(contact.x, slot.x), dy = Saturating.distance(contact.y, slot.y)
                pairs.append((Saturating.squaredLength(dx, dy), key, index))
            }
        }
        var matchedSlots = Set<Int32>()
        for pair in pairs.sorted(by: { ($0.distance, $0.slot, $0.index) < ($1.distance, $1.slot, $1.index) })
        where !matchedSlots.contains(pair.slot) && unmatched.contains(pair.index) {
            matchedSlots.insert(pair.slot)
            unmatched.remove(pair.index)
            slots[pair.slot]!.x = frame[pair.index].x
            slots[pair.slot]!.y = frame[pair.index].y
        }
        for key in slots.keys where slots[key]!.isActive && !matchedSlots.contains(key) {
            slots[key]!.setTrackingID(-1)
        }
        var free: Int32 = 0
        for index in unmatched.sorted() {
            while slots[free]?.isActive == true || matchedSlots.contains(free) || slots[free]?.endedTrackingID != nil {
                free += 1
            }
            slots[free, default: ContactSlot()].x = frame[index].x
            slots[free, default: ContactSlot()].y = frame[index].y
            slots[free, default: ContactSlot()].setTrackingID(nextTrackingID)
            nextTrackingID = (nextTrackingID + 1) & 0xFFFF
            free += 1
        }
        frame.removeAll(keepingCapacity: true)
    }
}
