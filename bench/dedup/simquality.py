#!/usr/bin/env python3
# Pairwise same-incident precision/recall of hajund events against the simulator's truth (the lead's script).
# Usage: hajund simulate --write DIR --posts 3000 --format jsonl --seed S
#        hajund replay DIR/reports.jsonl > DIR/events.jsonl
#        python3 bench/dedup/simquality.py DIR [fn|fp]   (fn/fp print random missed or false pairs)
import json, sys, collections, itertools
d = sys.argv[1]
truth = {}
for l in open(d + '/truth.jsonl'):
    t = json.loads(l)
    if t.get('edit'): continue
    truth[(t['chat'], t['message_id'])] = t
events = [json.loads(l) for l in open(d + '/events.jsonl')]
byid = {e['id']: e for e in events}
def root(e):
    seen = set()
    while e['dedup']['of'] and e['dedup']['of'] in byid and e['id'] not in seen:
        seen.add(e['id']); e = byid[e['dedup']['of']]
    return e['id']
posts = {}
for e in events:
    if e['edited_at']: continue
    k = (e['source']['chat'], e['source']['message_id'])
    if k in truth and k not in posts: posts[k] = e
keys = list(posts)
pred = collections.defaultdict(list); gold = collections.defaultdict(list)
for k in keys:
    pred[root(posts[k])].append(k); gold[truth[k]['incident']].append(k)
def pairs(groups):
    s = set()
    for g in groups.values():
        for a, b in itertools.combinations(sorted(g), 2): s.add((a, b))
    return s
P, G = pairs(pred), pairs(gold)
tp = len(P & G)
print(f"posts {len(keys)} pred pairs {len(P)} gold pairs {len(G)} P={tp/max(1,len(P)):.3f} R={tp/max(1,len(G)):.3f}")
kinds = collections.Counter()
for a, b in G - P:
    kinds[(truth[a]['kind'], truth[b]['kind'])] += 1
print("missed pairs by kinds:", kinds.most_common(10))
fk = collections.Counter()
for a, b in P - G:
    fk[(truth[a]['incident'][:6], truth[b]['incident'][:6], truth[a]['category'])] += 1
print("false pairs:", fk.most_common(10))
mode = sys.argv[2] if len(sys.argv) > 2 else ''
import random
random.seed(1)
if mode == 'fn':
    for a, b in random.sample(sorted(G - P), min(12, len(G - P))):
        print('---', truth[a]['incident'], truth[a]['kind'], '|', truth[b]['kind'], posts[a]['dedup'], posts[b]['dedup']['status'])
        print('  A', posts[a]['posted_at'], posts[a]['text'][:200].replace('\n', ' '))
        print('  B', posts[b]['posted_at'], posts[b]['text'][:200].replace('\n', ' '))
if mode == 'fp':
    for a, b in random.sample(sorted(P - G), min(12, len(P - G))):
        print('---', truth[a]['incident'], truth[a]['kind'], '|', truth[b]['incident'], truth[b]['kind'])
        print('  A', posts[a]['posted_at'], posts[a]['text'][:200].replace('\n', ' '))
        print('  B', posts[b]['posted_at'], posts[b]['text'][:200].replace('\n', ' '))
