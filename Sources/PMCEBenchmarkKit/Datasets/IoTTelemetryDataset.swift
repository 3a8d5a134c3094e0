extension DatasetGenerator {
    /// `iot-telemetry`: sensor readings pushed by a fleet of devices.
    static let iotTelemetry = DatasetGenerator(
        name: "iot-telemetry",
        summary: "IoT fleet telemetry as JSON: thermostats, air-quality monitors and power meters reporting slowly drifting readings with ISO 8601 timestamps, per-device sequence numbers, occasional batched readings and alerts.",
        seed: 0x504d_4345_0000_0004,
        format: .lines,
        simulation: IoTFleet.self
    )
}

/// Devices with mean-reverting sensor values; each report comes from one device.
private struct IoTFleet: MessageSimulation {
    static let messageCount = 2500

    struct Metric {
        var name: String
        var value: Int            // scaled by 10^decimals
        var mean: Int
        var step: Int
        var decimals: Int
    }

    struct Device {
        var id: String
        var type: String
        var site: String
        var firmware: String
        var sequence: Int
        var batteryMillivolts: Int
        var signal: Int
        var metrics: [Metric]
    }

    private static let sites = ["plant-1", "plant-3", "warehouse-berlin", "office-lisbon", "depot-7"]
    private static let firmwares = ["2.4.1", "2.4.1", "2.4.1", "2.5.0-rc2", "2.3.9"]

    private var devices: [Device] = []
    private var clock = 1_764_032_400_000

    init(_ random: inout SplitMix64) {
        for index in 0..<40 {
            let type = ["thermostat", "air-quality", "power-meter"][index % 3]
            let metrics: [Metric]
            switch type {
            case "thermostat":
                metrics = [
                    Metric(name: "temperature_c", value: 2100, mean: random.int(in: 1900...2300), step: 8, decimals: 2),
                    Metric(name: "humidity_pct", value: 450, mean: random.int(in: 380...560), step: 6, decimals: 1),
                    Metric(name: "setpoint_c", value: 210, mean: 210, step: 0, decimals: 1),
                ]
            case "air-quality":
                metrics = [
                    Metric(name: "co2_ppm", value: 600, mean: random.int(in: 450...900), step: 15, decimals: 0),
                    Metric(name: "pm2_5_ugm3", value: 80, mean: random.int(in: 30...150), step: 6, decimals: 1),
                    Metric(name: "voc_index", value: 100, mean: 100, step: 5, decimals: 0),
                    Metric(name: "temperature_c", value: 2200, mean: random.int(in: 1900...2500), step: 6, decimals: 2),
                ]
            default:
                metrics = [
                    Metric(name: "power_w", value: 12_000, mean: random.int(in: 2_000...40_000), step: 400, decimals: 1),
                    Metric(name: "voltage_v", value: 2300, mean: random.int(in: 2280...2320), step: 4, decimals: 1),
                    Metric(name: "current_a", value: 520, mean: random.int(in: 100...1700), step: 20, decimals: 2),
                    Metric(name: "energy_kwh", value: random.int(in: 100_000...9_000_000), mean: 0, step: 0, decimals: 3),
                ]
            }
            let prefix = ["th", "aq", "pm"][index % 3]
            devices.append(Device(
                id: "\(prefix)-\(String(repeating: "0", count: 4 - String(index + 1).count))\(index + 1)",
                type: type, site: random.element(of: Self.sites), firmware: random.element(of: Self.firmwares),
                sequence: random.int(in: 1000...90_000), batteryMillivolts: random.int(in: 3400...4150),
                signal: random.int(in: -95 ... -48), metrics: metrics))
        }
    }

    mutating func nextMessage(_ random: inout SplitMix64) -> [UInt8] {
        clock += random.int(in: 20...2_000)
        let index = random.below(devices.count)
        devices[index].sequence += 1
        devices[index].signal = Swift.max(-110, Swift.min(-40, devices[index].signal + random.int(in: -3...3)))
        if random.chance(1, in: 30) { devices[index].batteryMillivolts -= 1 }
        for metric in devices[index].metrics.indices { drift(&devices[index].metrics[metric], &random) }
        let device = devices[index]

        var text = TextBuilder(capacity: 512)
        text.append("{")
        text.appendKey("device_id")
        text.appendJSONString(device.id)
        text.appendMember("type", device.type)
        text.appendMember("site", device.site)
        text.appendMember("seq", device.sequence)
        text.appendMember("ts", iso8601(clock))
        text.appendNextKey("metrics")
        text.append("{")
        for (position, metric) in device.metrics.enumerated() {
            if position > 0 { text.append(",") }
            text.appendKey(metric.name)
            text.append(scaled: metric.value, decimals: metric.decimals)
        }
        text.append("}")
        if device.type == "power-meter", random.chance(1, in: 6) {
            // A batch of the readings buffered since the last upload, one per second.
            text.appendNextKey("readings")
            var value = device.metrics[0].value
            let count = random.int(in: 5...30)
            text.appendJSONArray(0..<count) { text, reading in
                value = Swift.max(0, value + random.bell(center: 0, spread: 300))
                text.append("{")
                text.appendKey("ts")
                text.appendJSONString(iso8601(clock - (count - reading) * 1000))
                text.appendMember("power_w", scaled: value, decimals: 1)
                text.append("}")
            }
        }
        text.appendMember("battery_mv", device.batteryMillivolts)
        text.appendMember("rssi_dbm", device.signal)
        text.appendMember("fw", device.firmware)
        if random.chance(1, in: 40) {
            text.appendNextKey("alert")
            text.append("{")
            text.appendKey("code")
            text.appendJSONString(random.element(of: ["THRESHOLD_HIGH", "SENSOR_FAULT", "LOW_BATTERY", "DOOR_OPEN"]))
            text.appendMember("severity", random.element(of: ["warning", "warning", "critical"]))
            text.append("}")
        }
        text.append("}")
        return text.bytes
    }

    private func drift(_ metric: inout Metric, _ random: inout SplitMix64) {
        guard metric.step > 0 else {
            if metric.name == "energy_kwh" { metric.value += random.int(in: 0...40) }
            return
        }
        // Mean reversion: a random step plus a pull of a tenth of the distance back to the mean.
        metric.value += random.bell(center: 0, spread: metric.step) + (metric.mean - metric.value) / 10
    }

    private func iso8601(_ milliseconds: Int) -> String {
        var text = TextBuilder(capacity: 24)
        text.appendISO8601(milliseconds: milliseconds)
        return String(decoding: text.bytes, as: UTF8.self)
    }
}
