import HajunCore

/// The server's state: the generator, the released posts as Bot API updates, each channel's current posts for RSS,
/// and the clients waiting in long polls.
actor UpdateStore {
    /// An update waiting to be confirmed.
    struct PendingUpdate {
        var id: Int64
        var type: String
        var json: [UInt8]
    }

    /// The update types a bot gets when it has not asked for specific ones (Telegram leaves out member updates).
    static let defaultUpdateTypes: Set<String> = ["message", "edited_message", "channel_post", "edited_channel_post"]

    private var generator: CorpusGenerator
    /// The post the generator produced next but that is not released yet.
    private var upcoming: SimulatedPost?
    private var pending: [PendingUpdate] = []
    /// Index of the first unconfirmed update in `pending` (confirmed ones are dropped in batches).
    private var head = 0
    private var nextUpdateID: Int64
    private var allowedUpdates: Set<String>?
    private var archive = ChannelArchive()
    private var released: [SimulatedPost] = []
    private var postsReleased = 0
    /// Wall-clock dates given to released posts, so that forwards and edits of them agree.
    private var wallDates: [String: Timestamp] = [:]
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0
    private var isShutDown = false

    init(corpus: CorpusConfiguration) {
        generator = CorpusGenerator(corpus)
        nextUpdateID = CorpusWriter.firstUpdateID(seed: corpus.seed)
        upcoming = generator.next()
    }

    /// The simulated time of the next post to release; nil when the corpus is exhausted.
    var upcomingTime: Timestamp? { upcoming?.editDate ?? upcoming?.date }

    /// Releases up to `count` posts (edits included). With `wallClock`, posts take that date instead of their
    /// simulated one. Returns how many were released.
    @discardableResult
    func release(_ count: Int, wallClock: Timestamp? = nil) -> Int {
        var releasedNow = 0
        while releasedNow < count, var post = upcoming {
            upcoming = generator.next()
            if let wallClock { restamp(&post, at: wallClock) }
            publish(post)
            releasedNow += 1
        }
        if releasedNow > 0 { wakeWaiters() }
        return releasedNow
    }

    /// Releases every post due by `now` on a timeline played `speed` times faster than simulated time, from
    /// `anchor` (simulated) at `wallAnchor`. Returns when the next post falls due; nil when none is left.
    func releaseDue(now: Timestamp, anchor: Timestamp, wallAnchor: Timestamp, speed: Double) -> Timestamp? {
        func due(_ time: Timestamp) -> Timestamp {
            wallAnchor.adding(
                milliseconds: Int64(Double(time.millisecondsSince1970 - anchor.millisecondsSince1970) / speed))
        }
        while let time = upcomingTime, due(time) <= now {
            release(1, wallClock: now)
        }
        return upcomingTime.map(due)
    }

    /// Whether a webhook is set: Telegram refuses `getUpdates` then.
    private(set) var webhook: String?

    func setWebhook(_ url: String?) {
        webhook = (url?.isEmpty ?? true) ? nil : url
    }

    // MARK: - getUpdates

    /// Confirms updates before `offset` (a negative offset keeps only the last `-offset`), as `getUpdates` does.
    func confirm(offset: Int64?) {
        guard let offset, offset != 0 else { return }
        if offset > 0 {
            while head < pending.count, pending[head].id < offset { head += 1 }
        } else {
            head = max(head, pending.count - Int(min(-offset, Int64(pending.count))))
        }
        if head > 4096 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
    }

    /// Remembers the update types to deliver; an empty list restores the default. Nil keeps the last setting.
    func setAllowedUpdates(_ types: [String]?) {
        guard let types else { return }
        allowedUpdates = types.isEmpty ? nil : Set(types)
    }

    /// Up to `limit` unconfirmed updates of the allowed types.
    func select(limit: Int) -> [PendingUpdate] {
        let allowed = allowedUpdates ?? UpdateStore.defaultUpdateTypes
        var batch: [PendingUpdate] = []
        var index = head
        while index < pending.count, batch.count < limit {
            if allowed.contains(pending[index].type) { batch.append(pending[index]) }
            index += 1
        }
        return batch
    }

    /// Waits until an update arrives, the timeout passes, or the server stops.
    func waitForUpdates(timeoutMilliseconds: Int) async {
        guard !isShutDown, timeoutMilliseconds > 0 else { return }
        let id = nextWaiter
        nextWaiter += 1
        let timer = Task {
            try? await Task.sleep(nanoseconds: UInt64(timeoutMilliseconds) * 1_000_000)
            self.resumeWaiter(id)
        }
        await withCheckedContinuation { continuation in
            waiters[id] = continuation
        }
        timer.cancel()
    }

    func shutDown() {
        isShutDown = true
        wakeWaiters()
    }

    // MARK: - Inspection

    var pendingCount: Int { pending.count - head }
    var releasedPosts: [SimulatedPost] { released }
    var releasedPostCount: Int { postsReleased }
    var isExhausted: Bool { upcoming == nil }

    func channelPosts(_ username: String) -> [SimulatedPost] {
        archive.posts(of: username)
    }

    // MARK: - Private

    private func publish(_ post: SimulatedPost) {
        pending.append(
            PendingUpdate(
                id: nextUpdateID, type: BotAPIEncoding.updateType(of: post),
                json: BotAPIEncoding.update(post, updateID: nextUpdateID)))
        nextUpdateID += 1
        archive.add(post)
        released.append(post)
        if !post.isEdit { postsReleased += 1 }
    }

    private func restamp(_ post: inout SimulatedPost, at now: Timestamp) {
        let now = Timestamp(secondsSince1970: now.secondsSince1970)
        let key = "\(post.chat.username)/\(post.messageID)"
        if post.isEdit {
            post.editDate = now
            post.date = wallDates[key] ?? now
        } else {
            post.date = now
            wallDates[key] = now
        }
        if let origin = post.forwardOrigin {
            post.forwardOrigin?.date = wallDates["\(origin.chat.username)/\(origin.messageID)"] ?? now
        }
    }

    private func resumeWaiter(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume()
    }

    private func wakeWaiters() {
        let waiting = waiters
        waiters.removeAll()
        for continuation in waiting.values { continuation.resume() }
    }
}
