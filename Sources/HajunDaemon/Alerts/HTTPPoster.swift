import Dispatch
import HajunCore
import HajunHTTP

/// POSTs payloads through libcurl with a per-attempt time limit, and classifies the answer.
///
/// Each poster runs its transfers on its own serial dispatch queue, not on the width-limited global queue: a
/// receiver that hangs until its timeout must not take threads the rest of the process (Swift concurrency's
/// cooperative pool shares them on Linux) needs.
struct HTTPPoster: Sendable {
    /// Proxy, CA file and User-Agent come from `limits.http`; timeouts are the receiver's.
    let base: HTTPClientOptions
    private let queue: DispatchQueue

    init(base: HTTPClientOptions, label: String) {
        self.base = base
        queue = DispatchQueue(label: "hajund.alerts.\(label)")
    }

    /// Receivers answer briefly; a larger body is refused.
    static let maxResponseBytes = 1 << 20

    func post(
        url: String, headers: [(name: String, value: String)], body: [UInt8], timeoutMilliseconds: Int64
    ) async
        -> DeliveryOutcome
    {
        await send(url: url, headers: headers, body: body, timeoutMilliseconds: timeoutMilliseconds) { response, now in
            DeliveryOutcome.classify(response, now: now)
        }
    }

    /// Sends, then lets `classify` judge the response; network failures and timeouts are retried.
    func send(
        url: String,
        headers: [(name: String, value: String)],
        body: [UInt8],
        timeoutMilliseconds: Int64,
        classify: (HTTPResponse, Timestamp) -> DeliveryOutcome
    ) async -> DeliveryOutcome {
        var options = base
        options.totalTimeoutMilliseconds = Int(max(100, timeoutMilliseconds))
        options.connectTimeoutMilliseconds = min(options.connectTimeoutMilliseconds, options.totalTimeoutMilliseconds)
        options.maxResponseBytes = Self.maxResponseBytes
        options.maxRedirects = 0
        let client = CurlHTTPClient(options: options)
        let request = HTTPRequest(url: url, method: "POST", headers: headers, body: body)
        let result: Result<HTTPResponse, any Error> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { try client.perform(request) }) }
        }
        switch result {
        case .success(let response): return classify(response, Timestamp.now)
        case .failure(let error): return DeliveryOutcome.failure(error)
        }
    }
}
