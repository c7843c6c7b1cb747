import HajunCore

extension ReportTemplates {
    static let english: [Category: ReportTemplates] = [
        .troopMovement: ReportTemplates(
            located: [
                "Military convoy {loc}: {n:vehicle|vehicles} including {eq}, heading towards {dir}.",
                "{n:vehicle|vehicles} ({eq}) spotted {loc}, moving in the direction of {dir}",
                "Train arrived {loc} with {eq} on flatcars, {n:vehicle|vehicles} in total",
            ],
            unlocated: []
        ),
        .aviation: ReportTemplates(
            located: [
                "{n:aircraft|aircraft} {eq} took off from {nom} airfield",
                "Activity at {nom} airfield: {eq} x{n} spotted",
                "{eq} takeoff from {nom} airfield at {time}, {n:aircraft|aircraft} in total",
            ],
            unlocated: [
                "{eq} in the air over Belarus since {time}, we are monitoring"
            ]
        ),
        .missileLaunch: ReportTemplates(
            located: [
                "Attention! Missile launches {loc}! {n:launch|launches} recorded",
                "Launches of {eq} missiles from the {nom} area towards Ukraine",
                "Explosions heard {loc}, witnesses saw {n:missile|missiles} in the sky",
            ],
            unlocated: [
                "Missile launches from Belarusian territory recorded ({n:missile|missiles})"
            ]
        ),
        .railSabotage: ReportTemplates(
            located: [
                "Relay cabinet set on fire near {nom}, train traffic stopped",
                "Rail partisans: signalling damaged {loc}, trains are standing",
            ],
            unlocated: [
                "The rail war goes on: another relay cabinet burned at {time}"
            ]
        ),
        .cyberAttack: ReportTemplates(
            located: [
                "Cyber Partisans hacked surveillance cameras {loc}",
                "Hacker attack on the railway system: {nom} station is down",
            ],
            unlocated: [
                "Cyber Partisans claim they breached Belarusian Railways servers",
                "DDoS attack on government websites, hackers claim responsibility",
                "Interior ministry database hacked: hackers published {n:file|files}",
            ]
        ),
        .arrest: ReportTemplates(
            located: [
                "{n:person|people} detained {loc} for photographing military vehicles",
                "Security forces detained a resident of {nom} over a social media repost",
            ],
            unlocated: [
                "A subscriber of the channel was detained and faces up to {n} years"
            ]
        ),
        .mobilization: ReportTemplates(
            located: [
                "Draft office {loc} is handing out summonses, {n:man|men} called up for training",
                "Mobilization: reservists from {nom} are being summoned to the draft office",
            ],
            unlocated: [
                "Ministry of Defence announced a snap check: {n:reservist|reservists} called up nationwide"
            ]
        ),
        .exercise: ReportTemplates(
            located: [
                "Exercise {loc}: live firing at the range, {n:vehicle|vehicles} involved ({eq})",
                "Combat readiness check {loc}, shots heard — it is an exercise",
            ],
            unlocated: [
                "A snap combat readiness check of the army started at {time}"
            ]
        ),
        .protest: ReportTemplates(
            located: [
                "Protest {loc}: people came out with white-red-white flags",
                "Anti-war action {loc}, about {n} participants",
            ],
            unlocated: [
                "Partisans put up {n:anti-war leaflet|anti-war leaflets}"
            ]
        ),
        .other: ReportTemplates(
            located: [
                "Road closed {loc}, police on site",
                "Fire at a warehouse {loc}, cause unknown",
                "Quiet {loc} today, no military vehicles seen",
            ],
            unlocated: []
        ),
    ]
}
