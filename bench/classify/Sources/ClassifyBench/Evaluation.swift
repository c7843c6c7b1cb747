import Foundation
import HajunCore

/// Scores the classifier on the labelled corpus directly (no daemon) and lists its mistakes with explanations.
enum Evaluation {
    static func run(classifier: Classifier, posts: [Post]) {
        var correct = 0
        var regionTotal = 0
        var regionCorrect = 0
        var languageCorrect = 0
        var perCategory: [String: (tp: Int, fp: Int, fn: Int)] = [:]
        for post in posts {
            let result = classifier.classify(text: post.text, normalized: post.normalized)
            let predicted = result.category.rawValue
            var problems: [String] = []
            if predicted == post.category {
                correct += 1
                perCategory[predicted, default: (0, 0, 0)].tp += 1
            } else {
                perCategory[predicted, default: (0, 0, 0)].fp += 1
                perCategory[post.category, default: (0, 0, 0)].fn += 1
                problems.append("category \(predicted) (want \(post.category))")
            }
            if let region = post.region {
                regionTotal += 1
                if result.location?.region.rawValue == region {
                    regionCorrect += 1
                } else {
                    problems.append("region \(result.location?.region.rawValue ?? "none") (want \(region))")
                }
            }
            if result.language.rawValue == post.language {
                languageCorrect += 1
            } else {
                problems.append("lang \(result.language.rawValue) (want \(post.language))")
            }
            if !problems.isEmpty {
                print("✗ \(problems.joined(separator: "; "))\n    \(post.text)\n    norm: \(post.normalized.string)")
                print(
                    "    terms: \(result.matchedTerms) score \(result.score) runner-up "
                        + "\(result.runnerUp?.rawValue ?? "-") \(result.runnerUpScore) places "
                        + "\(result.entities.places.map(\.id))")
            }
        }
        var f1Sum = 0.0
        for category in Category.allCases.map(\.rawValue) {
            let c = perCategory[category] ?? (0, 0, 0)
            let precision = c.tp + c.fp == 0 ? 0 : Double(c.tp) / Double(c.tp + c.fp)
            let recall = c.tp + c.fn == 0 ? 0 : Double(c.tp) / Double(c.tp + c.fn)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            f1Sum += f1
            print(
                "\(category.padding(toLength: 16, withPad: " ", startingAt: 0)) P \(fmt(precision)) R \(fmt(recall)) F1 \(fmt(f1))"
            )
        }
        print("posts \(posts.count)")
        print("category accuracy \(fmt(Double(correct) / Double(posts.count)))")
        print("macro-F1 \(fmt(f1Sum / Double(Category.allCases.count)))")
        print("region accuracy \(fmt(Double(regionCorrect) / Double(max(regionTotal, 1)))) of \(regionTotal)")
        print("language accuracy \(fmt(Double(languageCorrect) / Double(posts.count)))")
    }

    static func fmt(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
