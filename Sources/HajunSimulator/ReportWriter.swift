import Foundation
import HajunCore

/// Writes the text of one report in one channel: an original, a follow-up of it, an edit, or a notice.
struct ReportWriter {
    let channel: SimulatedChannel
    var random: SeededRandom

    /// The update lines an edit appends.
    static let updateLines: [Language: [String]] = [
        .ru: ["UPD: информация подтверждена", "UPD: техника ушла дальше", "UPD: добавили фото от подписчика"],
        .be: ["UPD: інфармацыя пацверджаная", "UPD: тэхніка паехала далей"],
        .en: ["UPD: confirmed by a second source", "UPD: the vehicles have moved on"],
        .uk: ["UPD: підтверджено"],
    ]

    /// A language the channel writes in that has a wording for the incident (Russian when none has).
    static func language(for incident: Incident, channel: SimulatedChannel, _ random: inout SeededRandom) -> Language {
        let options = channel.languages.filter { !templates(for: incident, $0.0).isEmpty }
        guard !options.isEmpty else { return .ru }
        return options[random.weightedIndex(options.map(\.1))].0
    }

    static func templates(for incident: Incident, _ language: Language) -> [String] {
        guard let set = ReportTemplates.templates(incident.category, language) else { return [] }
        // A wording without a count or a time reads the same for every incident at a place; the time of day in
        // front, as Hajun's posts often have it, keeps different incidents apart (and reports of one together).
        // Takeoffs and launches always carry it: a busy airfield or a wave from one site gives several of them
        // within minutes, with the same few aircraft or missiles, and Hajun told them apart by the time.
        let timed = incident.category == .aviation || incident.category == .missileLaunch
        return (incident.place == nil ? set.unlocated : set.located).map {
            $0.contains("{time}") || (!timed && $0.contains("{n")) ? $0 : "{time} " + $0
        }
    }

    mutating func original(_ active: ActiveIncident, at time: Timestamp, messageID: Int64) -> ActiveIncident.Original {
        let incident = active.incident
        let choices = ReportWriter.templates(for: incident, active.language)
        let template =
            ReportTemplates.isStory(incident) ? choices[incident.story % choices.count] : random.pick(choices)
        var renderer = TemplateRenderer(incident: incident, language: active.language)
        renderer.latinEquipment = active.language != .en && random.chance(0.15)
        let body = renderer.render(template)
        let decoration = PostDecoration.random(for: channel, hashtag: incident.place?.hashtag(active.language), &random)
        let (text, entities) = decoration.apply(to: body)
        let post = SimulatedPost(
            chat: channel, messageID: messageID, date: time, editDate: nil, text: text, entities: entities,
            hasPhoto: random.chance(0.12), authorSignature: signature(),
            forwardOrigin: nil, truth: truth(incident, active.language, .original)
        )
        return ActiveIncident.Original(post: post, body: body, decoration: decoration, template: template)
    }

    mutating func followUp(
        _ kind: GroundTruth.Kind,
        of original: ActiveIncident.Original,
        incident active: ActiveIncident,
        at time: Timestamp,
        messageID: Int64
    ) -> SimulatedPost {
        let incident = active.incident
        var post = SimulatedPost(
            chat: channel, messageID: messageID, date: time, editDate: nil, text: original.post.text,
            entities: original.post.entities, hasPhoto: original.post.hasPhoto, authorSignature: nil,
            forwardOrigin: nil, truth: truth(incident, active.language, kind)
        )
        var body = original.body
        switch kind {
        case .forward:
            post.forwardOrigin = SimulatedPost.Origin(
                chat: original.post.chat, messageID: original.post.messageID, date: original.post.date,
                authorSignature: original.post.authorSignature
            )
            return post
        case .variant:
            switch random.below(3) {
            case 0: body = TextVariation.typos(body, &random)
            case 1: body = TextVariation.lookAlike(body, &random)
            default: body = TextVariation.lookAlike(TextVariation.typos(body, &random), &random)
            }
        case .rewording:
            let language =
                random.chance(0.7) ? active.language : ReportWriter.language(for: incident, channel: channel, &random)
            var choices = ReportWriter.templates(for: incident, language)
            var leadIn = ""
            if ReportTemplates.isStory(incident) {
                choices = [choices[incident.story % choices.count]]
                leadIn = random.pick(ReportTemplates.leadIns[language] ?? [""])
            } else if language == active.language && choices.count > 1 {
                choices.removeAll { $0 == original.template }
            }
            var renderer = TemplateRenderer(incident: incident, language: language)
            renderer.latinEquipment = language != .en && random.chance(0.15)
            if incident.count >= 8 && random.chance(0.25) { renderer.count = (incident.count + 2) / 5 * 5 }
            body = leadIn + renderer.render(random.pick(choices))
            post.truth.language = language
        default:
            break
        }
        let hashtag = incident.place?.hashtag(post.truth.language)
        (post.text, post.entities) = PostDecoration.random(for: channel, hashtag: hashtag, &random).apply(to: body)
        post.hasPhoto = original.post.hasPhoto && random.chance(0.7)
        post.authorSignature = signature()
        return post
    }

    mutating func edit(
        of original: ActiveIncident.Original, incident active: ActiveIncident, at time: Timestamp
    ) -> SimulatedPost {
        var post = original.post
        post.editDate = time
        post.truth.kind = .edit
        var body: String
        if original.template.contains("{n") && random.chance(0.5) {
            var renderer = TemplateRenderer(incident: active.incident, language: active.language)
            renderer.count = active.incident.count + random.between(1, 5)
            body = renderer.render(original.template)
        } else {
            body = original.body + "\n" + random.pick(ReportWriter.updateLines[active.language] ?? ["UPD"])
        }
        if body == original.body { body += " (UPD)" }
        (post.text, post.entities) = original.decoration.apply(to: body)
        return post
    }

    mutating func notice(at time: Timestamp, messageID: Int64) -> SimulatedPost {
        let languages = channel.languages.filter { ChannelNotices.notices[$0.0] != nil }
        let language = languages.isEmpty ? .ru : languages[random.weightedIndex(languages.map(\.1))].0
        let template = random.pick(ChannelNotices.notices[language] ?? ["+"])
        let text =
            template
            .replacingOccurrences(of: "{bot}", with: channel.bot)
            .replacingOccurrences(of: "{channel}", with: "@" + channel.username)
        // One notice is one "incident" whichever channel's bot or username it names: they differ only in what
        // every reader skips (and normalization removes).
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in template.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        let truth = GroundTruth(
            incident: "notice-" + String(repeating: "0", count: 16 - hex.count) + hex, category: .other, region: nil,
            language: language, kind: .notice
        )
        return SimulatedPost(
            chat: channel, messageID: messageID, date: time, editDate: nil, text: text, entities: [], hasPhoto: false,
            authorSignature: nil, forwardOrigin: nil, truth: truth
        )
    }

    private mutating func signature() -> String? {
        guard !channel.signatures.isEmpty, random.chance(0.7) else { return nil }
        return random.pick(channel.signatures)
    }

    private func truth(_ incident: Incident, _ language: Language, _ kind: GroundTruth.Kind) -> GroundTruth {
        GroundTruth(
            incident: incident.id, category: incident.category, region: incident.region, language: language, kind: kind)
    }
}
