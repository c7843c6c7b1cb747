import HajunCore

/// A report of an incident waiting for its time to be posted.
struct ScheduledReport {
    var time: Timestamp
    /// Creation order, so that reports at the same second keep a fixed order (an original before its forward).
    var sequence: Int
    var incident: Int
    var kind: GroundTruth.Kind
    var channel: Int

    func precedes(_ other: ScheduledReport) -> Bool {
        time != other.time ? time < other.time : sequence < other.sequence
    }
}

/// A binary min-heap of scheduled reports, earliest first.
struct ReportQueue {
    private var heap: [ScheduledReport] = []

    var isEmpty: Bool { heap.isEmpty }
    var first: ScheduledReport? { heap.first }

    mutating func push(_ report: ScheduledReport) {
        heap.append(report)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> ScheduledReport? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let earliest = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return earliest
    }
}
