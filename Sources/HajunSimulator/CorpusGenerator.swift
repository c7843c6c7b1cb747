import HajunCore

/// Generates a deterministic stream of channel posts, in time order, with ground truth.
///
/// Incidents arrive at a rate that follows the daily rhythm, plus bursts. Each incident is reported first by one
/// channel and then, maybe, forwarded, reposted with other decorations, re-worded by other subscribers, copied
/// with typos and look-alike letters, and edited. The same configuration always yields the same posts.
public struct CorpusGenerator: Sequence, IteratorProtocol {
    public let configuration: CorpusConfiguration
    /// Posts emitted so far (edits not counted).
    public private(set) var postsEmitted = 0

    /// Incidents and their timing.
    private var timing: SeededRandom
    /// Wording, decoration and corruption, kept apart so that timing does not depend on text lengths.
    private var wording: SeededRandom
    private var queue = ReportQueue()
    private var sequence = 0
    private var incidentCount = 0
    private var active: [Int: ActiveIncident] = [:]
    private var nextRegular: Timestamp
    private var nextBurst: Timestamp
    private var burstBacklog: [BurstPlanner.Member] = []
    private var nextMessageID: [Int64]
    private let meanIncidentGap: Double

    /// Posts per incident on average (follow-ups, notices), to turn posts per day into incidents per day.
    private static let postsPerIncident = 2.15

    public init(_ configuration: CorpusConfiguration) {
        self.configuration = configuration
        timing = SeededRandom(seed: configuration.seed, stream: "timing")
        wording = SeededRandom(seed: configuration.seed, stream: "wording")
        var ids = SeededRandom(seed: configuration.seed, stream: "message-ids")
        nextMessageID = configuration.channels.map { _ in Int64(ids.between(1000, 9999)) }
        meanIncidentGap = 86_400 * CorpusGenerator.postsPerIncident / Swift.max(configuration.postsPerDay, 0.001)
        nextRegular = configuration.start
        nextBurst =
            configuration.bursts
            ? configuration.start.adding(
                milliseconds: Int64(timing.exponential(mean: BurstPlanner.meanInterval) * 1000))
            : Timestamp(millisecondsSince1970: .max)
        if configuration.openingAlarm {
            // Right at the start, before the regular flow gets going: the posts a duty officer is alerted for.
            // Two busy airfields: takeoffs at one airfield are at least 12 minutes apart, so one alone may give
            // only two or three in the opening.
            burstBacklog = BurstPlanner.separated(
                (BurstPlanner.plan(.missileWave, at: configuration.start, &timing)
                    + BurstPlanner.plan(.busyAirfield, at: configuration.start, &timing)
                    + BurstPlanner.plan(.busyAirfield, at: configuration.start, &timing))
                    .sorted { $0.time < $1.time })
        }
        advanceRegular()
    }

    public mutating func next() -> SimulatedPost? {
        if let maximum = configuration.maximumPosts, postsEmitted >= maximum { return nil }
        while true {
            let nextIncident = Swift.min(nextRegular, nextBurst, burstBacklog.first?.time ?? nextRegular)
            if let head = queue.first, head.time <= nextIncident {
                let report = queue.pop()!
                guard let post = emit(report) else { continue }
                if !post.isEdit { postsEmitted += 1 }
                return post
            }
            if nextBurst <= nextIncident {
                burstBacklog.append(contentsOf: BurstPlanner.plan(at: nextBurst, &timing))
                burstBacklog.sort { $0.time < $1.time }
                nextBurst = nextBurst.adding(
                    milliseconds: Int64(timing.exponential(mean: BurstPlanner.meanInterval) * 1000))
            } else if let member = burstBacklog.first, member.time <= nextRegular {
                burstBacklog.removeFirst()
                let incident = IncidentFactory.make(
                    id: nextIncidentID(), category: member.category, time: member.time, place: member.place,
                    equipment: member.equipment, &timing
                )
                schedule(incident, extraReports: member.extraReports)
            } else {
                let time = nextRegular
                advanceRegular()
                if timing.chance(0.07) {
                    scheduleNotice(at: time)
                } else {
                    let category = IncidentFactory.randomCategory(&timing)
                    schedule(
                        IncidentFactory.make(id: nextIncidentID(), category: category, time: time, &timing),
                        extraReports: 0)
                }
            }
        }
    }

    // MARK: - Scheduling

    private mutating func advanceRegular() {
        let mean = meanIncidentGap / DailyRhythm.activity(at: nextRegular)
        let gap = Swift.max(1000, Int64(timing.exponential(mean: mean) * 1000))
        nextRegular = nextRegular.adding(milliseconds: gap)
    }

    private mutating func nextIncidentID() -> String {
        incidentCount += 1
        let digits = String(incidentCount)
        return "i" + String(repeating: "0", count: Swift.max(0, 7 - digits.count)) + digits
    }

    private mutating func schedule(_ incident: Incident, extraReports: Int) {
        let channels = configuration.channels
        let origin = timing.weightedIndex(channels.map(\.originWeight))
        let language = ReportWriter.language(for: incident, channel: channels[origin], &timing)
        let index = incidentCount
        let originalTime = incident.time.adding(milliseconds: Int64(timing.between(20, 480)) * 1000)
        var reports = [
            ScheduledReport(time: originalTime, sequence: 0, incident: index, kind: .original, channel: origin)
        ]
        let followUps =
            timing.weightedIndex([42, 25, 15, 10, 5, 3]) + (extraReports > 0 ? timing.between(0, extraReports) : 0)
        for _ in 0..<followUps {
            var kind = [GroundTruth.Kind.forward, .repost, .rewording, .variant][
                timing.weightedIndex([28, 20, 37, 15])]
            if kind == .forward && channels.count < 2 { kind = .repost }
            let channel: Int
            if kind == .forward {
                channel = (origin + 1 + timing.below(channels.count - 1)) % channels.count
            } else {
                channel = timing.below(channels.count)
            }
            let delay: Int
            switch kind {
            case .forward: delay = timing.between(60, 1800)
            case .repost: delay = timing.between(180, 3600)
            case .variant: delay = timing.between(300, 5400)
            // Another subscriber's own words about what they saw: written within minutes of the sighting, as
            // Hajun's readers did (later reports of a convoy come from further along its way, other places).
            default: delay = timing.between(120, 1500)
            }
            reports.append(
                ScheduledReport(
                    time: originalTime.adding(milliseconds: Int64(delay) * 1000), sequence: 0, incident: index,
                    kind: kind, channel: channel
                )
            )
        }
        if timing.chance(0.06) {
            let delay = Int64(timing.between(120, 2400)) * 1000
            reports.append(
                ScheduledReport(
                    time: originalTime.adding(milliseconds: delay), sequence: 0, incident: index, kind: .edit,
                    channel: origin)
            )
        }
        active[index] = ActiveIncident(incident: incident, language: language, pending: reports.count)
        for var report in reports {
            sequence += 1
            report.sequence = sequence
            queue.push(report)
        }
    }

    private mutating func scheduleNotice(at time: Timestamp) {
        incidentCount += 1
        let channel = timing.weightedIndex(configuration.channels.map(\.originWeight))
        let notice = Incident(
            id: "", category: .other, place: nil, destination: nil, equipment: nil, count: 0, time: time)
        active[incidentCount] = ActiveIncident(incident: notice, language: .ru, pending: 1)
        sequence += 1
        queue.push(
            ScheduledReport(time: time, sequence: sequence, incident: incidentCount, kind: .notice, channel: channel))
    }

    // MARK: - Emission

    private mutating func emit(_ report: ScheduledReport) -> SimulatedPost? {
        guard var incident = active[report.incident] else { return nil }
        incident.pending -= 1
        defer {
            if incident.pending == 0 { active[report.incident] = nil } else { active[report.incident] = incident }
        }
        let channel = configuration.channels[report.channel]
        // Telegram dates are whole seconds.
        var report = report
        report.time = Timestamp(secondsSince1970: report.time.secondsSince1970)
        var writer = ReportWriter(channel: channel, random: wording)
        defer { wording = writer.random }
        let post: SimulatedPost?
        switch report.kind {
        case .notice:
            post = writer.notice(at: report.time, messageID: takeMessageID(report.channel))
        case .original:
            let written = writer.original(incident, at: report.time, messageID: takeMessageID(report.channel))
            incident.original = written
            post = written.post
        case .edit:
            post = incident.original.map { writer.edit(of: $0, incident: incident, at: report.time) }
        case .forward, .repost, .variant, .rewording:
            guard let original = incident.original else { return nil }
            post = writer.followUp(
                report.kind, of: original, incident: incident, at: report.time, messageID: takeMessageID(report.channel)
            )
        }
        return post
    }

    private mutating func takeMessageID(_ channel: Int) -> Int64 {
        let id = nextMessageID[channel]
        // Deleted posts leave gaps in a channel's ids.
        nextMessageID[channel] += wording.chance(0.04) ? Int64(wording.between(2, 4)) : 1
        return id
    }
}
