// Classification throughput, release build, one core: the bundled lexicon and gazetteer, the labelled corpus's
// posts normalized up front (normalization has its own figures), then `Classifier.classify` over them again and
// again. Prints posts per second (best of several rounds) and checks every round decided the same. Time is the
// thread's CPU time (what one core delivers, whatever else the machine is running), with wall time beside it.
//
// `--evaluate` instead prints the corpus scores and every post the classifier gets wrong, with its explanation:
// the quick loop for tuning the lexicon (the end-to-end test through `hajund replay` is the authority).
// `--corpus FILE` reads another labelled file in the same format.
import Foundation
import HajunCore
import LexiconLoading

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../..")
    .standardized
let arguments = Array(CommandLine.arguments.dropFirst())

func read(_ relative: String) -> String {
    let url = root.appendingPathComponent(relative)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { fatalError("cannot read \(url.path)") }
    return text
}

let lexicon: Lexicon
let gazetteer: Gazetteer
do {
    lexicon = try LexiconFile.load(yaml: read("config/lexicon.yaml"), file: "config/lexicon.yaml")
    gazetteer = try GazetteerFile.load(yaml: read("config/gazetteer.yaml"), file: "config/gazetteer.yaml")
} catch {
    print("\(error)")
    exit(1)
}

struct Post: Sendable {
    var text: String
    var normalized: NormalizedText
    var category: String
    var region: String?
    var language: String
}

let corpusPath = arguments.firstIndex(of: "--corpus").map { arguments[$0 + 1] }
let corpusText: String
if let corpusPath {
    guard let text = try? String(contentsOfFile: corpusPath, encoding: .utf8) else {
        fatalError("cannot read \(corpusPath)")
    }
    corpusText = text
} else {
    corpusText = read("Tests/Fixtures/classification/corpus.jsonl")
}
let posts: [Post] = corpusText.split(separator: "\n").map { line in
    let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    let text = object["text"] as! String
    return Post(
        text: text, normalized: Normalizer.normalize(text), category: object["label_category"] as! String,
        region: object["label_region"] as? String, language: object["label_lang"] as! String)
}

let compileStart = DispatchTime.now().uptimeNanoseconds
let classifier = Classifier(lexicon: lexicon, gazetteer: gazetteer)
let compileMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e6

if arguments.contains("--evaluate") {
    Evaluation.run(classifier: classifier, posts: posts)
    exit(0)
}

let totalPosts = arguments.first.flatMap { Int($0) } ?? 2_000_000
let rounds = 5
let passes = max(1, totalPosts / posts.count)
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

var best = Double.infinity
var bestWall = Double.infinity
var reference: UInt64?
for _ in 0..<rounds {
    let start = threadCPUSeconds()
    let wallStart = DispatchTime.now().uptimeNanoseconds
    var checksum: UInt64 = 0
    for _ in 0..<passes {
        for post in posts {
            let result = classifier.classify(text: post.text, normalized: post.normalized)
            checksum =
                checksum &* 31 &+ UInt64(result.category.rawValue.utf8.count) &+ UInt64(result.entities.counts.count)
                &+ UInt64(result.entities.places.count)
        }
    }
    best = min(best, threadCPUSeconds() - start)
    bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9)
    precondition(reference == nil || reference == checksum, "rounds disagree")
    reference = checksum
}
let classified = passes * posts.count
print("lexicon+gazetteer compile: \(String(format: "%.1f", compileMilliseconds)) ms")
print(
    "classify: \(classified) posts (\(posts.count) distinct), best of \(rounds): \(String(format: "%.3f", best)) s CPU, "
        + "\(Int(Double(classified) / best)) posts/s per core, \(String(format: "%.2f", best / Double(classified) * 1e6)) "
        + "µs/post (wall \(String(format: "%.3f", bestWall)) s, \(Int(Double(classified) / bestWall)) posts/s)")
