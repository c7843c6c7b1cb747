import CCurl
import Dispatch
import Foundation
import Synchronization

/// An HTTP(S) client over libcurl's easy interface with the limits a feed poller needs: http and https only
/// (for redirects too), a redirect limit, connect and total timeouts, a response size cap that also stops
/// decompression bombs, TLS verification, proxies (including `socks5h://`) and a clear User-Agent.
///
/// `perform` blocks its thread; `send` runs it on a dispatch queue so async callers never block the cooperative pool,
/// and cancelling the calling task aborts the transfer within about a second (curl's progress callback).
public struct CurlHTTPClient: Sendable {
    public var options: HTTPClientOptions

    public init(options: HTTPClientOptions = HTTPClientOptions()) {
        CurlGlobal.initializeOnce()
        self.options = options
    }

    /// Performs the request off the cooperative thread pool. Cancelling the task aborts the transfer with
    /// `HTTPClientError.cancelled`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let cancellation = TransferCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                // A thread of its own: a long poll blocks for its whole timeout, and the global dispatch pool is
                // about as small as the core count, so a few long polls there would stall every other request.
                let thread = Thread {
                    continuation.resume(with: Result { try self.perform(request, cancellation: cancellation) })
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Performs the request on the calling thread.
    public func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        try perform(request, cancellation: TransferCancellation())
    }

    private func perform(_ request: HTTPRequest, cancellation: TransferCancellation) throws -> HTTPResponse {
        let redacted = URLRedaction.redact(request.url)
        let lowered = request.url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw HTTPClientError.unsupportedScheme(url: redacted)
        }
        guard let handle = curl_easy_init() else {
            throw HTTPClientError.transport(url: redacted, code: -1, message: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }
        if cancellation.isCancelled { throw HTTPClientError.cancelled(url: redacted) }
        let transfer = Transfer(limit: options.maxResponseBytes, cancellation: cancellation)
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        // Empty Expect header: curl would otherwise wait a second for `100 Continue` on larger POST bodies.
        headerList = curl_slist_append(headerList, "Expect:")

        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            hj_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
            hj_setopt_string(handle, CURLOPT_URL, request.url)
            hj_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            hj_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
            hj_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
            hj_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects)
            hj_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds)
            hj_setopt_long(
                handle, CURLOPT_TIMEOUT_MS, request.totalTimeoutMilliseconds ?? options.totalTimeoutMilliseconds)
            hj_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            hj_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
            hj_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
            hj_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes))
            hj_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
            hj_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
            if let caFile = options.caFile { hj_setopt_string(handle, CURLOPT_CAINFO, caFile) }
            if let proxy = options.proxy { hj_setopt_string(handle, CURLOPT_PROXY, proxy) }
            hj_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
            switch request.method {
            case "GET": hj_setopt_long(handle, CURLOPT_HTTPGET, 1)
            case "HEAD": hj_setopt_long(handle, CURLOPT_NOBODY, 1)
            default: hj_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
            }
            hj_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
            hj_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody)
            hj_setopt_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
            hj_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader)
            // The progress callback runs at least once a second, even on an idle long poll: it is where a
            // cancelled task stops its transfer.
            hj_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            hj_setopt_pointer(handle, CURLOPT_XFERINFODATA, context.toOpaque())
            hj_setopt_progress_callback(handle, curlProgress)
            if let body = request.body {
                return body.withUnsafeBufferPointer { bodyPointer in
                    hj_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    hj_setopt_pointer(
                        handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bodyPointer.baseAddress))
                    return curl_easy_perform(handle)
                }
            }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK { throw HTTPClientError.cancelled(url: redacted) }
            if transfer.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
                throw HTTPClientError.responseTooLarge(url: redacted, limit: options.maxResponseBytes)
            }
            if code == CURLE_OPERATION_TIMEDOUT { throw HTTPClientError.timedOut(url: redacted) }
            if code == CURLE_TOO_MANY_REDIRECTS {
                throw HTTPClientError.tooManyRedirects(url: redacted, limit: options.maxRedirects)
            }
            if code == CURLE_UNSUPPORTED_PROTOCOL { throw HTTPClientError.unsupportedScheme(url: redacted) }
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            throw HTTPClientError.transport(
                url: redacted,
                code: Int(code.rawValue),
                message: URLRedaction.redactBotTokens(message)
            )
        }
        var status = 0
        hj_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: transfer.finalHeaders, body: transfer.body)
    }
}

/// Collects one transfer's body and headers; owned by `perform`, reached from curl's callbacks.
private final class Transfer {
    let limit: Int
    let cancellation: TransferCancellation
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var exceededLimit = false

    init(limit: Int, cancellation: TransferCancellation) {
        self.limit = limit
        self.cancellation = cancellation
    }

    /// Headers of the last response only: each redirect hop starts a new status line.
    var finalHeaders: [(name: String, value: String)] { headers }

    func appendHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Trim CR and LF as bytes: in Swift, "\r\n" is one Character, so hasSuffix("\n") would miss it.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 10 || bytes[end - 1] == 13 { end -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharactersSpaces()
        headers.append((name, value))
    }
}

extension Substring {
    fileprivate func trimmingCharactersSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

private func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    if transfer.body.count + length > transfer.limit {
        transfer.exceededLimit = true
        return 0  // makes curl fail the transfer with CURLE_WRITE_ERROR
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

private func curlWriteHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        transfer.appendHeaderLine(UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

private func curlProgress(
    _ context: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloaded: curl_off_t,
    _ uploadTotal: curl_off_t, _ uploaded: curl_off_t
) -> Int32 {
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.cancellation.isCancelled ? 1 : 0
}

/// Set from the cancelling task, read on the transfer's thread.
final class TransferCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    var isCancelled: Bool { flag.load(ordering: .acquiring) }

    func cancel() {
        flag.store(true, ordering: .releasing)
    }
}

/// libcurl's global initialisation must run once before any handle, and is not thread-safe itself.
enum CurlGlobal {
    static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func initializeOnce() {
        _ = initialized
    }
}
