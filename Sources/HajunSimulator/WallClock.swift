import Foundation
import HajunCore

/// The real time, for the server's pacing and the dates of paced posts.
enum WallClock {
    static var now: Timestamp {
        Timestamp(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
