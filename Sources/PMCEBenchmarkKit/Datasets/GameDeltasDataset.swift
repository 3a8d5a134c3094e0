extension DatasetGenerator {
    /// `game-deltas`: a multiplayer game server's per-tick state deltas.
    static let gameDeltas = DatasetGenerator(
        name: "game-deltas",
        summary: "Multiplayer game server state deltas at 20 ticks/s as compact JSON: only the entities and fields that changed (positions, velocities, health, animation), gameplay events, and a full snapshot every 250 ticks.",
        seed: 0x504d_4345_0000_0003,
        format: .lines,
        simulation: GameSimulation.self
    )
}

/// Entities moving with inertia in a 4096 × 4096 arena (coordinates in hundredths), most of
/// them every tick, so consecutive deltas repeat ids and keys and carry slowly changing numbers.
private struct GameSimulation: MessageSimulation {
    static let messageCount = 2000
    static let snapshotInterval = 250
    static let arena = 409_600

    struct Entity {
        var id: Int
        var kind: String
        var x, y, z: Int
        var vx, vy: Int
        var heading: Int          // tenths of a degree
        var health: Int
        var animation: String
    }

    private static let kinds = ["player", "player", "player", "npc", "npc", "projectile"]
    private static let animations = ["idle", "run", "walk", "jump", "attack", "reload", "crouch"]
    /// How often, in 40 ticks, an entity of each kind changes: projectiles fly, players move in bursts.
    private static let updatesPerForty = ["player": 5, "npc": 4, "projectile": 20]
    private static let items = ["medkit", "ammo_556", "ammo_9mm", "armor_plate", "grenade", "scope_4x"]

    private var entities: [Entity] = []
    private var tick = 51_200

    init(_ random: inout SplitMix64) {
        entities = (0..<32).map { index in
            Entity(
                id: 1000 + index * 7, kind: Self.kinds[index % Self.kinds.count],
                x: random.below(Self.arena), y: random.below(Self.arena), z: random.int(in: 0...1200),
                vx: 0, vy: 0, heading: random.below(3600), health: 100, animation: "idle")
        }
    }

    mutating func nextMessage(_ random: inout SplitMix64) -> [UInt8] {
        tick += 1
        let isSnapshot = tick % Self.snapshotInterval == 0
        var changed: [Int] = []
        for index in entities.indices {
            guard isSnapshot || random.chance(Self.updatesPerForty[entities[index].kind] ?? 4, in: 40) else { continue }
            step(&entities[index], &random)
            changed.append(index)
        }
        if changed.isEmpty { changed.append(random.below(entities.count)) }

        var text = TextBuilder(capacity: 2048)
        text.append("{")
        text.appendKey("t")
        text.appendJSONString(isSnapshot ? "snapshot" : "delta")
        text.appendMember("tick", tick)
        text.appendNextKey("ents")
        text.appendJSONArray(changed) { text, index in appendEntity(&text, entities[index], full: isSnapshot, &random) }
        if !isSnapshot, random.chance(1, in: 5) {
            text.appendNextKey("ev")
            text.appendJSONArray(0..<random.int(in: 1...3)) { text, _ in appendEvent(&text, &random) }
        }
        text.append("}")
        return text.bytes
    }

    private func step(_ entity: inout Entity, _ random: inout SplitMix64) {
        let maxSpeed = entity.kind == "projectile" ? 4000 : 600
        entity.vx = Swift.max(-maxSpeed, Swift.min(maxSpeed, entity.vx + random.bell(center: 0, spread: 120)))
        entity.vy = Swift.max(-maxSpeed, Swift.min(maxSpeed, entity.vy + random.bell(center: 0, spread: 120)))
        entity.x = Swift.max(0, Swift.min(Self.arena, entity.x + entity.vx / 20))
        entity.y = Swift.max(0, Swift.min(Self.arena, entity.y + entity.vy / 20))
        entity.heading = (entity.heading + random.bell(center: 0, spread: 60) + 3600) % 3600
        if random.chance(1, in: 12) { entity.animation = random.element(of: Self.animations) }
    }

    /// `{"id":1007,"p":[1203.55,88.20,12.00],"v":[1.25,-0.50],"r":271.5,"hp":87,"a":"run"}`;
    /// a delta drops the fields that rarely change unless they did.
    private func appendEntity(_ text: inout TextBuilder, _ entity: Entity, full: Bool, _ random: inout SplitMix64) {
        text.append("{")
        text.appendKey("id")
        text.append(entity.id)
        if full { text.appendMember("kind", entity.kind) }
        text.appendNextKey("p")
        text.appendJSONArray(scaled: [entity.x, entity.y, entity.z], decimals: 2)
        text.appendNextKey("v")
        text.appendJSONArray(scaled: [entity.vx, entity.vy], decimals: 2)
        text.appendMember("r", scaled: entity.heading, decimals: 1)
        if full || random.chance(1, in: 10) { text.appendMember("hp", entity.health - (full ? 0 : random.below(30))) }
        if full || random.chance(1, in: 8) { text.appendMember("a", entity.animation) }
        text.append("}")
    }

    private func appendEvent(_ text: inout TextBuilder, _ random: inout SplitMix64) {
        let source = random.element(of: entities).id
        let target = random.element(of: entities).id
        text.append("{")
        text.appendKey("k")
        switch random.below(4) {
        case 0:
            text.appendJSONString("hit")
            text.appendMember("src", source)
            text.appendMember("dst", target)
            text.appendMember("dmg", random.int(in: 4...45))
        case 1:
            text.appendJSONString("pickup")
            text.appendMember("src", source)
            text.appendMember("item", random.element(of: Self.items))
        case 2:
            text.appendJSONString("spawn")
            text.appendMember("id", target)
        default:
            text.appendJSONString("kill")
            text.appendMember("src", source)
            text.appendMember("dst", target)
            text.appendMember("weapon", random.chance(1, in: 2) ? "rifle" : "pistol")
        }
        text.append("}")
    }
}
