/// Growth for the dedup stores' columns: by a quarter, not the doubling `append` does, so that a column holds
/// at most 25 % slack (the memory per remembered post is a budget: `bench/dedup`).
enum ColumnGrowth {
    @inline(__always)
    static func append<T>(_ value: T, to column: inout [T]) {
        if column.count == column.capacity { column.reserveCapacity(column.count + max(256, column.count / 4)) }
        column.append(value)
    }
}
