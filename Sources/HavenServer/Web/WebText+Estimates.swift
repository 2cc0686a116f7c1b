import HavenCore

/// The words of the estimates page, in Korean and English.
extension WebText {
    static let estimates = LocalizedLabel(en: "Estimates", ko: "추정")
    static let estimatesIntro = LocalizedLabel(
        en: "How many people were affected, including those no source recorded, estimated from how the sources' records of the same people overlap (multiple systems estimation). Each source is a list; a person is on it when the source reported the act, its incident or the person.",
        ko: "같은 사람에 대한 출처들의 기록이 얼마나 겹치는지로, 어느 출처도 기록하지 못한 사람까지 포함한 피해 인원을 추정합니다(다중 체계 추정). 출처 하나가 명단 하나이며, 출처가 그 행위나 사건, 또는 그 사람을 보고했으면 명단에 오릅니다.")
    static let estimatesAssumptions = LocalizedLabel(
        en: "The estimate assumes the sources cover the same people, place and period, that the same person is recognised across sources (merged records count once), and that people within a stratum are alike enough to be recorded at similar rates. Groups without names cannot be matched and are left out.",
        ko: "추정은 출처들이 같은 사람·장소·기간을 다루고, 같은 사람을 출처를 넘어 알아보며(병합된 기록은 한 번만 셈), 한 층 안의 사람들이 비슷한 비율로 기록된다고 가정합니다. 이름 없는 집단은 대조할 수 없어 제외합니다.")
    static let stratifyBy = LocalizedLabel(en: "Divided by", ko: "나눔 기준")
    static let stratifyNone = LocalizedLabel(en: "Not divided", ko: "나누지 않음")
    static let stratumRegion = LocalizedLabel(en: "Region", ko: "지역")
    static let stratumYear = LocalizedLabel(en: "Year", ko: "연도")
    static let stratumSex = LocalizedLabel(en: "Sex", ko: "성별")
    static let estimationMethod = LocalizedLabel(en: "Method", ko: "방법")
    static let methodDGA = LocalizedLabel(en: "Averaging over graphical models (dga)", ko: "그래프 모형 평균 (dga)")
    static let methodLCMCR = LocalizedLabel(en: "Latent classes (LCMCR)", ko: "잠재 계층 (LCMCR)")
    static let methodLogLinear = LocalizedLabel(en: "Log-linear models", ko: "로그선형 모형")
    static let documentedPeople = LocalizedLabel(en: "Documented", ko: "기록된 인원")
    static let estimatedPeople = LocalizedLabel(en: "Estimated", ko: "추정 인원")
    static let estimateInterval = LocalizedLabel(en: "95% interval", ko: "95% 구간")
    static let estimateLists = LocalizedLabel(en: "Sources (lists)", ko: "출처(명단)")
    static let estimateNote = LocalizedLabel(en: "Note", ko: "비고")
    static let noUpperBound = LocalizedLabel(en: "no upper bound", ko: "상한 없음")
    static let allPeople = LocalizedLabel(en: "All", ko: "전체")
    static let documentedAgainstEstimated = LocalizedLabel(en: "Documented (bar) and estimated (dot, with its interval)", ko: "기록된 인원(막대)과 추정 인원(점과 구간)")
    static let noEstimates = LocalizedLabel(en: "No person named as a victim of this act is documented by any source yet.",
                                            ko: "이 행위의 피해자로 이름이 기록되고 출처가 있는 사람이 아직 없습니다.")

    static func refusedStratum(observed: Int, minimum: Int) -> LocalizedLabel {
        LocalizedLabel(en: "\(observed) people, fewer than \(minimum): too few to estimate; divide more coarsely",
                       ko: "\(observed)명으로 \(minimum)명보다 적어 추정할 수 없습니다. 더 크게 나누어 보십시오")
    }
    static let oneListOnly = LocalizedLabel(en: "Only one source recorded anyone here.", ko: "이 층에서는 한 출처만 기록했습니다.")
    static func groupsLeftOut(_ count: Int) -> LocalizedLabel {
        LocalizedLabel(en: "\(count) acts were done to unnamed groups and are left out.", ko: "이름 없는 집단에 대한 행위 \(count)건은 제외했습니다.")
    }
    static func outsideLists(_ count: Int) -> LocalizedLabel {
        LocalizedLabel(en: "\(count) people are documented by no source and are not on any list.", ko: "\(count)명은 어느 출처에도 기록되지 않아 어떤 명단에도 없습니다.")
    }
    static func sourcesLeftOut(_ count: Int) -> LocalizedLabel {
        LocalizedLabel(en: "\(count) more sources documented these acts; the ten that documented the most people are the lists.",
                       ko: "이 행위를 기록한 출처가 \(count)개 더 있습니다. 가장 많은 사람을 기록한 10개 출처를 명단으로 썼습니다.")
    }
    static let methodFallback = LocalizedLabel(en: "dga takes three to five lists; log-linear models were used here.",
                                               ko: "dga는 명단 3~5개만 받으므로 여기서는 로그선형 모형을 썼습니다.")
    static let estimateFailed = LocalizedLabel(en: "The lists overlap too little to estimate.", ko: "명단들이 너무 적게 겹쳐 추정할 수 없습니다.")
}
