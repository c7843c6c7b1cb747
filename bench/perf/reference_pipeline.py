#!/usr/bin/env python3
"""The pipeline a user would write instead of hajund, as the performance benchmark's peer.

Reads Telegram Bot API getUpdates files (`{"ok":true,"result":[...]}`) with `json`, finds near duplicates with
datasketch's MinHashLSH (128 permutations, Jaccard threshold 0.7) over the post's lower-cased word tokens, puts
each post in a category by regular-expression keywords, and appends one `json.dumps` line per post.

The output lines carry the keys of hajund's event schema that the quality scorer reads (`id`, `source.chat`,
`source.message_id`, `edited_at`, `category`, `dedup.status`, `dedup.of`), so both are scored by the same code.

Usage: reference_pipeline.py OUTPUT.jsonl FILE...
"""

import json
import re
import sys

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")

# Keywords in Russian, Belarusian, Ukrainian and English, most specific category first; the first match wins.
CATEGORIES = [
    ("missile_launch", r"пуск|ракет|искандер|іскандэр|іскандер|iskander|missile|launch|баллистич|балістыч"),
    ("rail_sabotage", r"релейн|рэлейн|диверси|дыверсі|рельс|railway sabotage|relay|rail sabotage|рейкав"),
    ("cyber_attack", r"кибер|кібер|хакер|hacker|cyber|ddos|взлом|ўзлом|leak|утечк|ransomware"),
    ("arrest", r"задерж|затрыма|арест|арышт|обыск|ператрус|detain|arrest|sentenced|экстремист|экстрэміст"),
    ("mobilization", r"мобилиз|мабіліз|мобіліз|повестк|позыв|военкомат|ваенкамат|mobiliz|conscript|summons|reservist"),
    ("exercise", r"учени|вучэнн|навчан|exercise|drill|боеготовност|баяздольн"),
    ("protest", r"протест|пратэст|граффити|графіці|листовк|улётк|protest|graffiti|leaflet"),
    ("aviation", r"су-\d|su-\d|миг|mig-|ми-8|мі-8|mi-8|ка-52|ka-52|а-50|a-50|ил-76|іл-76|il-76|самол|самал|літак"
     r"|борт|вертол|вертал|гелікоптер|авиац|авіяц|авіац|aircraft|helicopter|airfield|аэродром|аэрадром|аеродром"),
    ("troop_movement", r"колонн|калон|колон|техник|тэхнік|техніка|эшелон|эшалон|convoy|column|troops|военн|вайсков"
     r"|військов|military vehicles|танк|tank|бтр|btr|камаз|kamaz"),
]
CATEGORY_PATTERNS = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]

MESSAGE_KINDS = ("channel_post", "edited_channel_post", "message", "edited_message")


def category_of(lowered):
    for name, pattern in CATEGORY_PATTERNS:
        if pattern.search(lowered):
            return name
    return "other"


def main():
    output_path, files = sys.argv[1], sys.argv[2:]
    lsh = MinHashLSH(threshold=0.7, num_perm=128)
    first_of = {}  # event id -> the id of its group's first event
    post_event = {}  # (chat, message_id) -> event id, for edits
    seq = 0
    with open(output_path, "w", encoding="utf-8") as out:
        for path in files:
            with open(path, encoding="utf-8") as handle:
                response = json.load(handle)
            for update in response.get("result", []):
                kind = next((k for k in MESSAGE_KINDS if k in update), None)
                if kind is None:
                    continue
                message = update[kind]
                text = message.get("text") or message.get("caption")
                if not text:
                    continue
                chat = message["chat"].get("username") or str(message["chat"]["id"])
                message_id = message["message_id"]
                seq += 1
                event_id = "e%d" % seq
                lowered = text.lower()
                tokens = set(WORD.findall(lowered))
                key = (chat, message_id)
                if key in post_event:
                    status, of = "edit", first_of[post_event[key]]
                else:
                    minhash = MinHash(num_perm=128)
                    minhash.update_batch([token.encode("utf-8") for token in tokens])
                    matches = lsh.query(minhash)
                    if matches:
                        earliest = min(matches, key=lambda m: int(m[1:]))
                        status, of = "near", first_of[earliest]
                    else:
                        status, of = "new", None
                    lsh.insert(event_id, minhash)
                    post_event[key] = event_id
                first_of[event_id] = of or event_id
                record = {
                    "id": event_id,
                    "seq": seq,
                    "source": {"chat": chat, "message_id": message_id},
                    "posted_at": message.get("date"),
                    "edited_at": message.get("edit_date"),
                    "text": text,
                    "category": category_of(lowered),
                    "dedup": {"status": status, "of": of},
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print("reference pipeline: %d posts" % seq, file=sys.stderr)


if __name__ == "__main__":
    main()
