extension DatasetGenerator {
    /// `log-lines`: a log-tailing stream, one log line per message.
    static let logLines = DatasetGenerator(
        name: "log-lines",
        summary: "A live log tail, one line per message: nginx access-log lines (combined format with timings) interleaved with structured application log lines (levels, threads, loggers, key=value fields, request ids).",
        seed: 0x504d_4345_0000_0005,
        format: .lines,
        simulation: LogSimulation.self
    )
}

/// A web shop's reverse proxy and application server writing interleaved logs.
private struct LogSimulation: MessageSimulation {
    static let messageCount = 3000

    private static let userAgents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
        "okhttp/4.12.0",
        "curl/8.5.0",
        "Prometheus/2.54.1",
    ]
    private static let routes = [
        ("GET", "/api/v1/products/{id}"), ("GET", "/api/v1/products?page={n}&size=24"), ("POST", "/api/v1/cart/items"),
        ("GET", "/api/v1/cart"), ("POST", "/api/v1/orders"), ("GET", "/api/v1/orders/{id}"), ("GET", "/static/js/app.{hex}.js"),
        ("GET", "/healthz"), ("GET", "/metrics"), ("DELETE", "/api/v1/cart/items/{id}"), ("GET", "/ws/notifications"),
    ]
    private static let loggers = [
        "com.example.shop.orders.OrderService", "com.example.shop.cart.CartController", "com.example.shop.catalog.ProductRepository",
        "com.example.shop.payments.PaymentGateway", "org.hibernate.SQL", "com.zaxxer.hikari.pool.HikariPool", "com.example.shop.auth.SessionFilter",
    ]
    private let routeWeights = WeightTable.zipf(count: LogSimulation.routes.count, offset: 1)
    private let userWeights = WeightTable.zipf(count: Names.userHandles.count)
    private let levelWeights = WeightTable(weights: [74, 13, 9, 4])   // INFO, DEBUG, WARN, ERROR
    private var clock = 1_764_032_400_000
    private var orderID = 48_213

    init(_ random: inout SplitMix64) {}

    mutating func nextMessage(_ random: inout SplitMix64) -> [UInt8] {
        clock += random.int(in: 0...400)
        var text = TextBuilder(capacity: 320)
        if random.chance(2, in: 5) { appendAccessLine(&text, &random) } else { appendApplicationLine(&text, &random) }
        return text.bytes
    }

    /// `203.0.113.42 - - [25/Nov/2025:01:02:03 +0000] "GET /api/v1/orders/48213 HTTP/1.1" 200 1532 "-" "curl/8.5.0" rt=0.012 uct=0.001`
    private mutating func appendAccessLine(_ text: inout TextBuilder, _ random: inout SplitMix64) {
        let network = random.element(of: ["192.0.2.", "198.51.100.", "203.0.113."])
        text.append("\(network)\(random.int(in: 1...254)) - - [")
        let (date, time) = CivilTime.split(milliseconds: clock)
        text.append(date.day, width: 2)
        text.append("/\(CivilTime.monthAbbreviations[date.month - 1])/\(date.year):")
        text.append(time.hour, width: 2)
        text.append(":")
        text.append(time.minute, width: 2)
        text.append(":")
        text.append(time.second, width: 2)
        text.append(" +0000] \"")
        let (method, template) = Self.routes[random.index(weightedBy: routeWeights)]
        text.append("\(method) \(fill(template, &random)) HTTP/1.1\" ")
        let status = random.chance(92, in: 100) ? (method == "POST" ? 201 : 200) : random.element(of: [301, 304, 400, 401, 404, 404, 499, 500, 502])
        text.append(status)
        text.append(" ")
        text.append(status == 304 ? 0 : random.skewedSize(minimum: 90, maximum: 48_000))
        text.append(random.chance(1, in: 3) ? " \"-\" \"" : " \"https://shop.example.com/\" \"")
        text.append(random.element(of: Self.userAgents))
        text.append("\" rt=")
        text.append(scaled: random.skewedSize(minimum: 1, maximum: 900), decimals: 3)
        text.append(" uct=")
        text.append(scaled: random.int(in: 0...3), decimals: 3)
    }

    /// `2025-11-25T01:02:03.456Z INFO  [http-nio-8080-exec-7] c.e.s.o.OrderService - order created order_id=48213 user=anna_k request_id=9f2c…`
    private mutating func appendApplicationLine(_ text: inout TextBuilder, _ random: inout SplitMix64) {
        text.appendISO8601(milliseconds: clock)
        let level = random.index(weightedBy: levelWeights)
        text.append([" INFO  ", " DEBUG ", " WARN  ", " ERROR "][level])
        text.append("[http-nio-8080-exec-\(random.int(in: 1...24))] ")
        text.append(random.element(of: Self.loggers))
        text.append(" - ")
        let user = Names.userHandles[random.index(weightedBy: userWeights)]
        switch (level, random.below(4)) {
        case (0, 0):
            orderID += 1
            text.append("order created order_id=\(orderID) user=\(user) items=\(random.int(in: 1...7)) total=")
            text.append(scaled: random.skewedSize(minimum: 499, maximum: 45_000), decimals: 2)
            text.append(" currency=EUR")
        case (0, 1):
            text.append("session started user=\(user) ip=198.51.100.\(random.int(in: 1...254)) mfa=\(random.chance(1, in: 3))")
        case (0, _):
            text.append("cart updated user=\(user) product_id=\(random.int(in: 10_000...10_999)) quantity=\(random.int(in: 1...4))")
        case (1, _):
            text.append("select p1_0.id,p1_0.name,p1_0.price,p1_0.stock from products p1_0 where p1_0.id=? took=\(random.int(in: 1...40))ms")
        case (2, 0):
            text.append("slow request path=/api/v1/orders duration=\(random.int(in: 1_000...9_000))ms threshold=1000ms")
        case (2, _):
            text.append("HikariPool-1 - Connection is not available, active=\(random.int(in: 18...20)) idle=0 waiting=\(random.int(in: 1...12))")
        default:
            text.append("payment declined order_id=\(orderID) user=\(user) provider=stripe code=\(random.element(of: ["card_declined", "expired_card", "processing_error"])) attempt=\(random.int(in: 1...3))")
        }
        text.append(" request_id=")
        for _ in 0..<16 { text.append(String(random.below(16), radix: 16)) }
    }

    private func fill(_ template: String, _ random: inout SplitMix64) -> String {
        var path = template.replacing("{id}", with: String(random.int(in: 10_000...10_999)))
        path = path.replacing("{n}", with: String(random.int(in: 1...40)))
        return path.replacing("{hex}", with: "3f9a1c")
    }
}
