import Foundation

/// Field problems in Korean. Validation speaks English (the API's messages, the audit and the
/// tests read it); pages and an import's dry run show a Korean reader the same problem in
/// Korean. Messages that carry a number or a code are matched by pattern and the number kept.
public enum ProblemText {
    /// The message in Korean, or nil when no translation is known.
    public static func korean(_ message: String) -> String? {
        if let exact = exact[message] { return exact }
        for (pattern, make) in patterns {
            if let match = message.wholeMatch(of: pattern) { return make(String(match.output.1)) }
        }
        return nil
    }

    private static let exact: [String: String] = [
        "is required": "필수 항목입니다",
        "choose one of the records named or a new record": "기록 중 하나 또는 새 기록을 고르십시오",
        "must not be empty": "비워 둘 수 없습니다",
        "must not contain NUL characters": "NUL 문자를 넣을 수 없습니다",
        "ends before it starts": "시작보다 앞서 끝납니다",
        "a day needs a month": "일을 쓰려면 월도 써야 합니다",
        "not a date; write YYYY, YYYY-MM or YYYY-MM-DD": "날짜가 아닙니다. YYYY, YYYY-MM 또는 YYYY-MM-DD로 쓰십시오",
        "the day does not exist in that month": "그 달에 없는 날입니다",
        "the month does not exist (1–12)": "없는 월입니다 (1–12)",
        "the year is outside 1900–2200": "연도가 1900–2200 범위를 벗어납니다",
        "at least one name is required": "이름이 하나 이상 필요합니다",
        "give a birth date or an age range, not both": "생년월일과 나이 범위 중 하나만 쓰십시오",
        "must be 0–130": "0–130 사이여야 합니다",
        "minimum is above maximum": "최솟값이 최댓값보다 큽니다",
        "must be at least 1": "1 이상이어야 합니다",
        "is smaller than women, men and children together": "여성, 남성, 아동을 합한 수보다 작습니다",
        "must be a three-letter ISO 4217 code such as KRW or USD": "KRW, USD 같은 세 글자 통화 코드여야 합니다",
        "is earlier than the step before it": "앞 단계보다 이른 날짜입니다",
        "is required once the request is sent": "발송한 요청에는 필수입니다",
        "a response date needs a response other than awaiting": "답변일을 쓰려면 '답변 대기'가 아닌 응답을 고르십시오",
        "is required when the incident has victims or actors": "피해자나 관련자가 있으면 필수입니다",
        "must be a number": "수여야 합니다",
        "unknown choice": "없는 선택지입니다",
        "write an age such as 52 or a range such as 50-59": "52처럼 나이, 또는 50-59처럼 범위로 쓰십시오",
        "choose a status": "상태를 고르십시오",
        "is required with a status": "상태를 고르면 필수입니다",
        "could not be read": "읽을 수 없습니다",
        "is not one of the compartments granted to you": "허가된 구획이 아닙니다",
        "refers to a record that does not exist or is outside your compartments": "없는 기록이거나 허가된 구획 밖의 기록을 가리킵니다",
        "a person cannot be their own relative": "자기 자신을 가족으로 지정할 수 없습니다",
        "an act has either one victim or one victim group, not both": "행위에는 피해자 한 명 또는 피해자 집단 하나만 지정합니다",
        "only a named victim can be counted as one of a group": "이름이 있는 피해자만 집단의 한 사람으로 셀 수 있습니다",
        "must be one of this incident's groups": "이 사건의 피해자 집단 중 하나여야 합니다",
        "choose a victim of this incident": "이 사건의 피해자를 고르십시오",
        "choose a group of this incident": "이 사건의 피해자 집단을 고르십시오",
    ]

    nonisolated(unsafe) private static let patterns: [(Regex<(Substring, Substring)>, (String) -> String)] = [
        (/is longer than (\d+) characters/, { "\($0)자보다 깁니다" }),
        (/has more than (\d+) entries/, { "\($0)개보다 많습니다" }),
        (/has more than (\d+) rows/, { "\($0)줄보다 많습니다" }),
        (/must be between 0 and (\d+)/, { "0에서 \($0) 사이여야 합니다" }),
        (/must be a whole number from 0 to (\d+)/, { "0에서 \($0) 사이의 정수여야 합니다" }),
        (/must be a number from 0 to (\d+)/, { "0에서 \($0) 사이의 수여야 합니다" }),
        (/unknown place code '(.*)'/, { "없는 장소 코드입니다 ('\($0)')" }),
        (/follows the final status (.+)/, { "끝난 상태(\($0)) 뒤에는 상태를 더할 수 없습니다" }),
        (/must match the timeline's last status \((.+)\)/, { "상태 경과의 마지막 상태(\($0))와 같아야 합니다" }),
    ]
}
