import Foundation
import HajunTestSupport
import Testing

@testable import HajunDaemon

@Suite struct OutboxTests {
    private func item(_ key: String, receiver: String = "hook", series: String? = nil) -> OutboxItem {
        OutboxItem(
            receiver: receiver, key: key, alertID: key, rule: "r", status: "firing",
            payload: Array("{\"k\":\"\(key)\"}".utf8), series: series)
    }

    @Test func enqueueIsIdempotentAndDurable() throws {
        let directory = try TemporaryDirectory()
        do {
            let outbox = try Outbox(directory: directory.path)
            #expect(
                try outbox.enqueue([item("a"), item("b"), item("a", receiver: "file")], now: 1000) == ["hook", "file"])
            #expect(try outbox.enqueue([item("a"), item("b")], now: 2000).isEmpty, "known keys are ignored")
        }
        let reopened = try Outbox(directory: directory.path)
        let entries = try reopened.entries()
        #expect(entries.map(\.key) == ["a", "b", "a"])
        #expect(entries.map(\.receiver) == ["hook", "hook", "file"])
        #expect(entries.allSatisfy { $0.enqueuedAt == 1000 && $0.state == .pending && $0.attempts == 0 })
        #expect(try reopened.pendingCounts() == ["hook": 2, "file": 1])
    }

    @Test func dueEntriesComeInOrderAndRetriesWait() throws {
        let directory = try TemporaryDirectory()
        let outbox = try Outbox(directory: directory.path)
        try outbox.enqueue([item("a"), item("b"), item("c")], now: 1000)
        let first = try outbox.due(receiver: "hook", now: 1000, limit: 10)
        #expect(first.map(\.key) == ["a", "b", "c"])
        try outbox.markRetry(first[0].id, nextAttemptAt: 5000, error: "HTTP 503")
        try outbox.markDelivered(first[1].id, now: 1001)
        try outbox.markDead(first[2].id, now: 1002, reason: "HTTP 400")
        #expect(try outbox.due(receiver: "hook", now: 4999, limit: 10).isEmpty)
        #expect(try outbox.nextAttempt(receiver: "hook") == 5000)
        let later = try outbox.due(receiver: "hook", now: 5000, limit: 10)
        #expect(later.map(\.key) == ["a"])
        #expect(later.first?.attempts == 1)
        #expect(later.first?.lastError == "HTTP 503")
        let all = try outbox.entries()
        #expect(all.map(\.state) == [.pending, .delivered, .dead])
        #expect(all[1].payload.isEmpty, "delivered payloads are dropped, the key stays")
        // Tombstones are kept a week, so that a re-enqueued alert is still recognised.
        #expect(try outbox.enqueue([item("b")], now: 6000).isEmpty)
        try outbox.purge(now: 1002 + Outbox.tombstoneMilliseconds + 1)
        #expect(try outbox.entries().map(\.key) == ["a"])
    }

    @Test func ruleStateIsSavedWithTheEntries() throws {
        let directory = try TemporaryDirectory()
        let outbox = try Outbox(directory: directory.path)
        #expect(try outbox.ruleState() == nil)
        try outbox.enqueue([], ruleState: [1, 2, 3], now: 1)
        try outbox.enqueue([item("x")], ruleState: [4, 5], now: 2)
        #expect(try Outbox(directory: directory.path).ruleState() == [4, 5])
    }

    @Test func activeAlertmanagerAlertsAreResentUnlessOneIsPending() throws {
        let directory = try TemporaryDirectory()
        let outbox = try Outbox(directory: directory.path)
        let firing = item("f1", receiver: "am", series: "rule\u{1F}region=homiel")
        try outbox.enqueue([firing], activate: [(firing, 2000)], now: 1000)
        #expect(try outbox.queueResends(now: 2000) { _ in 1000 }.isEmpty, "the first send is still pending")
        try outbox.markDelivered(try outbox.entries()[0].id, now: 1500)
        #expect(
            try outbox.queueResends(now: 2500) { _ in 1000 }.isEmpty, "not due again yet: the last check moved it on")
        #expect(try outbox.queueResends(now: 3000) { _ in 1000 } == ["am"])
        let resend = try #require(try outbox.entries().last)
        #expect(resend.key == "f1@3000")
        #expect(resend.alertID == "f1")
        #expect(resend.payload == firing.payload)
        try outbox.enqueue([], deactivate: [("am", firing.series!)], now: 3100)
        try outbox.markDelivered(resend.id, now: 3200)
        #expect(try outbox.queueResends(now: 10_000) { _ in 1000 }.isEmpty, "resolved: no more re-sends")
    }
}
