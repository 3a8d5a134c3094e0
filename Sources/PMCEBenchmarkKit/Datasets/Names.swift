/// Names shared by the generators: people, user handles, cities and hosts.
/// Invented or common names written for this project, in rough order of popularity so that
/// Zipf-weighted draws make a few users and places far more frequent than the rest.
enum Names {
    static let firstNames: [String] = EnglishVocabulary.words("""
        Anna James Maria David Sarah Michael Laura Daniel Emma Thomas Olivia Lucas Sofia Noah Mia \
        Ethan Hannah Leo Chloe Samuel Grace Oliver Ava Henry Zoe Jack Lily Adam Nora Isaac Clara \
        Felix Ruth Omar Ines Victor Alice Hugo Elena Marcus Yara Kenji Priya Mateo Amara Tariq Freya
        """)

    static let userHandles: [String] = EnglishVocabulary.words("""
        anna_k jdavies maria.s dkim sarah_w mike88 laura.b dan_o emma.t tom_h olivia.r lucas_m sofi \
        noah.j mia_w ethan_p hannah.c leo_v chloe92 sam_r gracie oliver.b ava_n henryw zoe.q jackd \
        lily_f adam.s nora_k isaac.t clara_v felixm ruth.o omar_k ines.p victor_a alice.w hugo_b \
        elena.m marcus_j yara_s kenji.t priya_r mateo_g amara_o tariq.h freya_l
        """)

    static let cities: [String] = EnglishVocabulary.words("""
        London Paris Berlin Madrid Rome Lisbon Dublin Vienna Prague Warsaw Oslo Stockholm Helsinki \
        Athens Zurich Amsterdam Brussels Copenhagen Tallinn Riga Porto Lyon Munich Hamburg Milan
        """)

    static let chatRooms: [String] = EnglishVocabulary.words("""
        general random engineering support release-planning design ops-alerts frontend backend \
        mobile data-team marketing sales hiring watercooler incidents
        """)
}
