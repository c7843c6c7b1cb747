/// Waiting for a server task after its graceful shutdown began.
enum GracefulStop {
    /// Waits until `task` ends; past `limit` (a handler still sleeping through a test's slow answer), cancels it.
    /// By then the listener is closed and every accepted connection is being served, so the cancellation cannot
    /// drop one unserved.
    static func wait(for task: Task<Void, any Error>, atMost limit: Duration) async {
        await withTaskGroup(of: Void.self) { children in
            children.addTask { _ = await task.result }
            children.addTask {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { task.cancel() }
            }
            await children.next()
            children.cancelAll()
        }
        _ = await task.result
    }
}
