import HavenCore
import HavenReports
import HavenStats

/// Every word the pages show, in Korean and English. Vocabulary terms carry their own labels
/// (``Vocabulary/label``); this holds the interface around them.
enum WebText {
    static let appName = LocalizedLabel(en: "Haven", ko: "Haven 헤이븐")
    static let skipToContent = LocalizedLabel(en: "Skip to content", ko: "본문으로 건너뛰기")
    static let switchLanguage = LocalizedLabel(en: "한국어", ko: "English")
    static let switchLanguageHint = LocalizedLabel(en: "이 페이지를 한국어로 보기", ko: "View this page in English")
    static let signIn = LocalizedLabel(en: "Sign in", ko: "로그인")
    static let signOut = LocalizedLabel(en: "Sign out", ko: "로그아웃")
    static let username = LocalizedLabel(en: "User name", ko: "사용자 이름")
    static let password = LocalizedLabel(en: "Password", ko: "비밀번호")
    static let code = LocalizedLabel(en: "Code from your authenticator app, or a recovery code",
                                     ko: "인증 앱의 코드 또는 복구 코드")
    static let codeHint = LocalizedLabel(en: "Leave empty only at your first sign-in, before you have enrolled an app.",
                                         ko: "인증 앱을 등록하기 전 첫 로그인 때만 비워 두십시오.")
    static let signInFailed = LocalizedLabel(en: "The user name, password or code is not right.",
                                             ko: "사용자 이름, 비밀번호 또는 코드가 맞지 않습니다.")
    static let tooManyAttempts = LocalizedLabel(en: "Too many attempts. Wait a little and try again.",
                                                ko: "시도가 너무 많습니다. 잠시 후 다시 시도하십시오.")
    static let busy = LocalizedLabel(en: "Haven is busy. Try again in a moment.", ko: "처리 중입니다. 잠시 후 다시 시도하십시오.")
    static let home = LocalizedLabel(en: "Home", ko: "홈")
    static func savedVersion(_ version: Int) -> LocalizedLabel {
        LocalizedLabel(en: "Saved: this is version \(version) of the record.", ko: "저장했습니다. 이 기록의 \(version)번째 버전입니다.")
    }
    static let inGroup = LocalizedLabel(en: "One of a group below?", ko: "아래 피해자 집단에 포함?")
    static let inGroupHint = LocalizedLabel(en: "If this person is one of the people counted in a group, choose it: they are counted once, in the group.",
                                            ko: "이 사람이 집단 인원에 이미 포함되어 있으면 그 집단을 고르십시오. 집단 안에서 한 번만 셉니다.")
    static let notInGroup = LocalizedLabel(en: "No — counted on their own", ko: "아니요 — 따로 셉니다")
    static func groupNumber(_ n: Int) -> LocalizedLabel { LocalizedLabel(en: "Yes — group \(n)", ko: "예 — 집단 \(n)") }
    static let dueSoon = LocalizedLabel(en: "Deadlines in the next two weeks", ko: "2주 안에 다가오는 답변 기한")
    static let awaitingVerification = LocalizedLabel(en: "Rescue requests to verify", ko: "확인을 기다리는 구출 요청")
    static let requesterRelation = LocalizedLabel(en: "The requester is their", ko: "요청자와 대상자의 관계 (요청자가 대상자의)")
    static let notRecorded = LocalizedLabel(en: "Not recorded", ko: "기록하지 않음")
    static let appearsIn = LocalizedLabel(en: "Appears in", ko: "등장하는 기록")
    static let mainNavigation = LocalizedLabel(en: "Main menu", ko: "주 메뉴")
    static let signedInAs = LocalizedLabel(en: "Signed in as", ko: "로그인 계정")
    static let welcome = LocalizedLabel(en: "Welcome", ko: "환영합니다")
    static let finishSetup = LocalizedLabel(en: "Before you can see any record, choose your own password and enrol an authenticator app.",
                                            ko: "기록을 보기 전에 새 비밀번호를 정하고 인증 앱을 등록하십시오.")
    static let protectedNotice = LocalizedLabel(
        en: "Everything here can put people in danger. Every page you open is recorded.",
        ko: "이곳의 모든 정보는 사람들을 위험에 빠뜨릴 수 있습니다. 여는 모든 페이지가 기록됩니다.")
    static let notFound = LocalizedLabel(en: "Not found", ko: "찾을 수 없습니다")
    static let notShown = LocalizedLabel(en: "This could not be shown. Correct the filter below; the default view is shown meanwhile.",
                                         ko: "요청한 보기를 표시할 수 없습니다. 아래 조건을 고치십시오. 그동안 기본 보기를 보여 드립니다.")
    static let changePassword = LocalizedLabel(en: "Choose your password", ko: "비밀번호 정하기")
    static let enrolReplaceIntro = LocalizedLabel(
        en: "This replaces the authenticator app you use now, and your recovery codes. Enter your current password to begin.",
        ko: "지금 쓰는 인증 앱과 복구 코드를 바꿉니다. 시작하려면 현재 비밀번호를 입력하십시오.")
    static func mostProbableOf(shown: Int, total: Int) -> LocalizedLabel {
        LocalizedLabel(en: "The \(shown) most probable of \(total) suggested pairs; decide these and the next appear.",
                       ko: "제안된 \(total)쌍 가운데 가능성이 가장 높은 \(shown)쌍입니다. 이들을 판단하면 다음 쌍이 나타납니다.")
    }
    static let currentPassword = LocalizedLabel(en: "Current (or one-time) password", ko: "현재 (또는 일회용) 비밀번호")
    static let newPassword = LocalizedLabel(en: "New password", ko: "새 비밀번호")
    static let newPasswordHint = LocalizedLabel(
        en: "At least 12 characters, in any script; a phrase is easiest to remember. Common passwords are refused.",
        ko: "12자 이상, 어떤 문자든 좋습니다. 문장이 기억하기 쉽습니다. 흔한 비밀번호는 쓸 수 없습니다.")
    static let repeatPassword = LocalizedLabel(en: "New password again", ko: "새 비밀번호 다시 입력")
    static let passwordsDiffer = LocalizedLabel(en: "The two new passwords differ.", ko: "새 비밀번호 두 개가 서로 다릅니다.")
    static let wrongCurrent = LocalizedLabel(en: "The current password is not right.", ko: "현재 비밀번호가 맞지 않습니다.")
    static let save = LocalizedLabel(en: "Save", ko: "저장")
    static let passwordChanged = LocalizedLabel(en: "Your password is changed. Sign in again with it.",
                                                ko: "비밀번호가 바뀌었습니다. 새 비밀번호로 다시 로그인하십시오.")
    static let enrol = LocalizedLabel(en: "Enrol an authenticator app", ko: "인증 앱 등록")
    static let enrolIntro = LocalizedLabel(
        en: "Haven asks for a code from an authenticator app at every sign-in. Start, then scan the code with the app.",
        ko: "Haven은 로그인할 때마다 인증 앱의 코드를 묻습니다. 시작을 누른 뒤 앱으로 코드를 스캔하십시오.")
    static let start = LocalizedLabel(en: "Start", ko: "시작")
    static let scanThis = LocalizedLabel(en: "Scan this code with your authenticator app, or type the key below into it.",
                                         ko: "인증 앱으로 이 코드를 스캔하거나 아래 키를 직접 입력하십시오.")
    static let setupKey = LocalizedLabel(en: "Key to type in", ko: "직접 입력할 키")
    static let codeFromApp = LocalizedLabel(en: "The 6-digit code the app now shows", ko: "앱에 지금 보이는 6자리 코드")
    static let confirm = LocalizedLabel(en: "Confirm", ko: "확인")
    static let codeMismatch = LocalizedLabel(en: "That code does not match. Check the app and try the current code.",
                                             ko: "코드가 맞지 않습니다. 앱을 확인하고 현재 코드를 입력하십시오.")
    static let recoveryCodes = LocalizedLabel(en: "Your recovery codes", ko: "복구 코드")
    static let recoveryCodesIntro = LocalizedLabel(
        en: "Each works once if you lose your phone. Write them on paper and keep them away from it. They are shown only now.",
        ko: "휴대전화를 잃어버렸을 때 각각 한 번씩 쓸 수 있습니다. 종이에 적어 휴대전화와 떨어진 곳에 두십시오. 지금 한 번만 보입니다.")
    static let signInAgain = LocalizedLabel(en: "Sign in with your app", ko: "인증 앱으로 다시 로그인")
    static let setUpAccount = LocalizedLabel(en: "Set up your account", ko: "계정 설정하기")
    static let records = LocalizedLabel(en: "Records", ko: "기록")
    static let search = LocalizedLabel(en: "Search", ko: "검색")
    static let searchText = LocalizedLabel(en: "Name or text (Hangul or Latin, two characters or more)",
                                           ko: "이름 또는 내용 (한글이나 로마자, 두 글자 이상)")
    static let kind = LocalizedLabel(en: "Kind", ko: "종류")
    static let allKinds = LocalizedLabel(en: "All kinds", ko: "모든 종류")
    static let mainKinds = LocalizedLabel(en: "Incidents, people, rescue requests and interventions", ko: "사건·인물·구출 요청·개입 요청")
    static let unknownPlace = LocalizedLabel(en: "No place of that name in the gazetteer; choose one from the list",
                                             ko: "그런 이름의 장소가 지명 목록에 없습니다. 목록에서 고르십시오")
    static let place = LocalizedLabel(en: "Place, by name in Korean, English or Chinese (a province finds its cities)",
                                      ko: "장소 — 한글·영문·한자 이름 (도를 고르면 그 안의 시·군도 찾습니다)")
    static let from = LocalizedLabel(en: "From (YYYY, YYYY-MM or YYYY-MM-DD)", ko: "시작 (예: 2024, 2024-08, 2024-08-21)")
    static let to = LocalizedLabel(en: "To", ko: "끝")
    static let results = LocalizedLabel(en: "Results", ko: "결과")
    static let noResults = LocalizedLabel(en: "Nothing found.", ko: "찾은 기록이 없습니다.")
    static let withheld = LocalizedLabel(en: "(withheld for your role)", ko: "(역할상 비공개)")
    static let textSearchNotAllowed = LocalizedLabel(
        en: "Your role sees names and narratives withheld, so it cannot search them; filter by kind, place or date.",
        ko: "역할상 이름과 내용이 비공개이므로 그것으로 검색할 수 없습니다. 종류, 장소, 날짜로 걸러 보십시오.")
    static let badFilter = LocalizedLabel(en: "A filter could not be read", ko: "검색 조건을 읽을 수 없습니다")
    static let found = LocalizedLabel(en: "found", ko: "건")
    static let history = LocalizedLabel(en: "History", ko: "변경 이력")
    static let version = LocalizedLabel(en: "Version", ko: "버전")
    static let deletedVersion = LocalizedLabel(en: "deleted", ko: "삭제됨")
    static let titleField = LocalizedLabel(en: "Title", ko: "제목")
    static let description = LocalizedLabel(en: "Description", ko: "설명")
    static let startDate = LocalizedLabel(en: "Start", ko: "시작일")
    static let endDate = LocalizedLabel(en: "End", ko: "종료일")
    static let placeField = LocalizedLabel(en: "Place", ko: "장소")
    static let placeDetail = LocalizedLabel(en: "Place detail", ko: "장소 세부")
    static let verification = LocalizedLabel(en: "Verification", ko: "검증 상태")
    static let names = LocalizedLabel(en: "Names", ko: "이름")
    static let sex = LocalizedLabel(en: "Sex", ko: "성별")
    static let birthDate = LocalizedLabel(en: "Birth date", ko: "생년월일")
    static let origin = LocalizedLabel(en: "From", ko: "출신지")
    static let notes = LocalizedLabel(en: "Notes", ko: "메모")
    static let phone = LocalizedLabel(en: "Phone", ko: "전화")
    static let address = LocalizedLabel(en: "Address", ko: "주소")
    static let duplicates = LocalizedLabel(en: "Possible duplicates", ko: "중복일 수 있는 인물 기록")
    static let duplicatesIntro = LocalizedLabel(
        en: "Person records that may describe the same person, however the name was spelled. Nothing is merged until someone reviews the pair; a merge keeps both records and their sources, and can be undone.",
        ko: "이름 표기가 달라도 같은 사람을 기록했을 수 있는 인물 기록입니다. 누군가 검토하기 전에는 아무것도 합쳐지지 않으며, 병합해도 두 기록과 출처가 모두 남고 되돌릴 수 있습니다.")
    static let matchProbability = LocalizedLabel(en: "Same person, probability", ko: "같은 사람일 확률")
    static let review = LocalizedLabel(en: "Review", ko: "검토")
    static let reviewDuplicate = LocalizedLabel(en: "Are these the same person?", ko: "같은 사람입니까?")
    static let comparison = LocalizedLabel(en: "Compared", ko: "비교 항목")
    static let agreement = LocalizedLabel(en: "Agreement", ko: "일치 정도")
    static let evidenceWeight = LocalizedLabel(en: "Weight of evidence (bits)", ko: "증거 가중치(비트)")
    static let keepAsMain = LocalizedLabel(en: "Same person — keep this record as the main one", ko: "같은 사람 — 이 기록을 주 기록으로 유지")
    static let differentPeople = LocalizedLabel(en: "Different people", ko: "다른 사람")
    static let sameAsNotice = LocalizedLabel(en: "Documented as the same person as", ko: "다음 기록과 같은 사람으로 기록됨:")
    static let undoMerge = LocalizedLabel(en: "Undo the merge", ko: "병합 취소")
    static let sameAsRecords = LocalizedLabel(en: "Other records of the same person", ko: "같은 사람의 다른 기록")
    static let compartment = LocalizedLabel(en: "Compartment", ko: "구획")
    static let summary = LocalizedLabel(en: "Summary", ko: "요약")
    static let recentIncidents = LocalizedLabel(en: "Recent incidents", ko: "최근 사건")
    static let rescueRequestsByStatus = LocalizedLabel(en: "Rescue requests by status", ko: "상태별 구출 요청")
    static let incidentsByMonth = LocalizedLabel(en: "Incidents by month (last 12 months, by start date)",
                                                 ko: "월별 사건 수 (최근 12개월, 시작일 기준)")
    static let none = LocalizedLabel(en: "None yet.", ko: "아직 없습니다.")
    static let accessTrail = LocalizedLabel(en: "Who viewed and changed it", ko: "열람·변경 기록")
    static func latestOf(shown: Int, total: Int) -> LocalizedLabel {
        LocalizedLabel(en: "The latest \(shown) of \(total) entries; the access log (GET /api/audit?record=…) has them all.",
                       ko: "전체 \(total)건 가운데 최근 \(shown)건입니다. 전체는 접근 기록(GET /api/audit?record=…)에 있습니다.")
    }
    static let when = LocalizedLabel(en: "When", ko: "일시")
    static let who = LocalizedLabel(en: "Who", ko: "누가")
    static let what = LocalizedLabel(en: "What", ko: "무엇을")
    static let newIncident = LocalizedLabel(en: "New incident", ko: "새 사건")
    static let editIncident = LocalizedLabel(en: "Edit incident", ko: "사건 고치기")
    static let edit = LocalizedLabel(en: "Edit", ko: "고치기")
    static let dateHint = LocalizedLabel(en: "YYYY, YYYY-MM or YYYY-MM-DD; start with ~ when approximate.",
                                         ko: "연도, 연-월, 연-월-일 (예: 2024, 2024-08, 2024-08-21). 대략적이면 앞에 ~를 붙이십시오.")
    static let placeHint = LocalizedLabel(en: "Type a place in Hangul or Latin and choose it from the list.",
                                          ko: "장소를 한글이나 로마자로 입력하고 목록에서 고르십시오.")
    static let notSaved = LocalizedLabel(en: "Not saved: correct the fields below.", ko: "저장하지 않았습니다. 아래 항목을 고치십시오.")
    static let changedMeanwhile = LocalizedLabel(
        en: "Someone saved this record while you edited it. Nothing was overwritten: reload it and make your change again.",
        ko: "고치는 동안 다른 사람이 이 기록을 저장했습니다. 덮어쓰지 않았습니다. 다시 불러온 뒤 고치십시오.")

    // The incident intake form.
    static let incident = LocalizedLabel(en: "Incident", ko: "사건")
    static let incidentIntro = LocalizedLabel(
        en: "Record the incident, its victims, who was involved and who reported it in one pass. Empty rows are skipped; nothing is saved until everything is valid.",
        ko: "사건, 피해자, 관련자, 제보자를 한 번에 기록합니다. 빈 줄은 건너뜁니다. 모두 올바를 때까지 아무것도 저장하지 않습니다.")
    static let actType = LocalizedLabel(en: "What was done to the victims", ko: "피해자에게 일어난 일")
    static let actTypeHint = LocalizedLabel(en: "Needed when the incident has victims or actors.", ko: "피해자나 관련자가 있으면 필요합니다.")
    static let chooseOne = LocalizedLabel(en: "— choose —", ko: "— 선택 —")
    static let namedVictims = LocalizedLabel(en: "Victim", ko: "피해자")
    static let victimGroups = LocalizedLabel(en: "Victim group (counted, not named)", ko: "피해자 집단 (이름 없이 인원수만)")
    static let actors = LocalizedLabel(en: "Perpetrator, broker or organisation", ko: "가해자·브로커·조직")
    static let sources = LocalizedLabel(en: "Source", ko: "출처")
    static let addVictim = LocalizedLabel(en: "Add a victim", ko: "피해자 추가")
    static let addGroup = LocalizedLabel(en: "Add a victim group", ko: "피해자 집단 추가")
    static let addActor = LocalizedLabel(en: "Add a perpetrator, broker or organisation", ko: "가해자·브로커·조직 추가")
    static let addSource = LocalizedLabel(en: "Add a source", ko: "출처 추가")
    static let victimName = LocalizedLabel(en: "Name", ko: "이름")
    static let nameHint = LocalizedLabel(en: "As written, in Hangul or Latin letters.", ko: "한글이나 로마자로, 적힌 그대로.")
    static let otherName = LocalizedLabel(en: "Other spelling (optional)", ko: "다른 표기 (선택)")
    static let age = LocalizedLabel(en: "Age", ko: "나이")
    static let ageHint = LocalizedLabel(en: "An age such as 52, or a range such as 50-59.", ko: "52처럼 나이, 또는 50-59처럼 범위.")
    static let victimStatus = LocalizedLabel(en: "Situation now", ko: "현재 상황")
    static let groupSize = LocalizedLabel(en: "How many people", ko: "전체 인원")
    static let women = LocalizedLabel(en: "Women", ko: "여성")
    static let men = LocalizedLabel(en: "Men", ko: "남성")
    static let children = LocalizedLabel(en: "Children", ko: "아동")
    static let actorName = LocalizedLabel(en: "Name or alias", ko: "이름 또는 별칭")
    static let actorKind = LocalizedLabel(en: "Person or kind of organisation", ko: "개인 또는 조직 종류")
    static let actorExisting = LocalizedLabel(en: "Already recorded?", ko: "이미 기록된 사람·조직인가요?")
    static let actorExistingHint = LocalizedLabel(
        en: "Records in this compartment with a name like this one. Choosing one adds this incident to its record, so that its track record is complete.",
        ko: "이 구획에 이름이 비슷한 기록이 있습니다. 하나를 고르면 이 사건이 그 기록에 더해져 이력이 온전해집니다.")
    static let actorNewRecord = LocalizedLabel(en: "No: a new record", ko: "아니요: 새 기록")
    static let actorsToChoose = LocalizedLabel(
        en: "Not saved yet: some names are like records already kept. Choose for each whether it is one of them, then save.",
        ko: "아직 저장하지 않았습니다. 이미 기록된 이름과 비슷한 이름이 있습니다. 각각 같은 기록인지 고른 뒤 저장하십시오.")
    static let individual = LocalizedLabel(en: "An individual person", ko: "개인")
    static let role = LocalizedLabel(en: "Role", ko: "역할")
    static let degree = LocalizedLabel(en: "Degree of involvement", ko: "관여 정도")
    static let sourceName = LocalizedLabel(en: "Source name or code name", ko: "출처 이름 또는 가명")
    static let sourceNameHint = LocalizedLabel(en: "Sealed like every name; a code name is enough.", ko: "모든 이름처럼 암호화됩니다. 가명으로 충분합니다.")
    static let sourceKind = LocalizedLabel(en: "Kind of source", ko: "출처 종류")
    static let connection = LocalizedLabel(en: "How they know", ko: "아는 경위")
    static let reliability = LocalizedLabel(en: "Reliability of the source (A–F)", ko: "출처 신뢰도 (A–F)")
    static let credibility = LocalizedLabel(en: "Credibility of the information (1–6)", ko: "정보 신빙성 (1–6)")
    static let receivedDate = LocalizedLabel(en: "Received", ko: "입수일")
    static let whatTheySaid = LocalizedLabel(en: "What they reported", ko: "제보 내용")
    static let rowProblem = LocalizedLabel(en: "A row could not be saved", ko: "저장할 수 없는 줄이 있습니다")

    // Rescue requests.
    static let newRescueRequest = LocalizedLabel(en: "New rescue request", ko: "새 구출 요청")
    static let editRescueRequest = LocalizedLabel(en: "Update rescue request", ko: "구출 요청 고치기")
    static let peopleInRequest = LocalizedLabel(en: "Who asked, and for whom", ko: "요청한 사람과 대상")
    static let requesterName = LocalizedLabel(en: "Who asked (e.g. a relative in South Korea)", ko: "요청한 사람 (예: 한국에 있는 가족)")
    static let requestedFor = LocalizedLabel(en: "Person to be rescued", ko: "구출 대상")
    static let addPerson = LocalizedLabel(en: "Add a person", ko: "대상 추가")
    static let brokerName = LocalizedLabel(en: "Broker (name or alias)", ko: "브로커 (이름 또는 별칭)")
    static let organisationName = LocalizedLabel(en: "Facilitating organisation", ko: "조력 조직")
    static let theCase = LocalizedLabel(en: "The case", ko: "사안")
    static let contactInitiatedBy = LocalizedLabel(en: "Who made contact first", ko: "먼저 연락한 쪽")
    static let contactHint = LocalizedLabel(en: "A broker who approached the family first is a warning sign.",
                                            ko: "브로커가 먼저 가족에게 접근했다면 경고 신호입니다.")
    static let feeAmount = LocalizedLabel(en: "Fee quoted", ko: "제시된 비용")
    static let feeCurrency = LocalizedLabel(en: "Currency", ko: "통화")
    static let groupSizeMoved = LocalizedLabel(en: "Group size", ko: "일행 인원")
    static let firstStatus = LocalizedLabel(en: "Status", ko: "상태")
    static let nextStatus = LocalizedLabel(en: "Status timeline", ko: "상태 경과")
    static let status = LocalizedLabel(en: "Status", ko: "상태")
    static let noChange = LocalizedLabel(en: "— no new status —", ko: "— 새 상태 없음 —")
    static let statusDate = LocalizedLabel(en: "Since", ko: "일자")
    static let statusNote = LocalizedLabel(en: "Note on this status", ko: "상태 메모")
    static let requester = LocalizedLabel(en: "Requester", ko: "요청자")
    static let broker = LocalizedLabel(en: "Broker", ko: "브로커")
    static let timeline = LocalizedLabel(en: "Status timeline", ko: "상태 경과")

    // Interventions.
    static let newIntervention = LocalizedLabel(en: "New intervention", ko: "새 개입 요청")
    static let editIntervention = LocalizedLabel(en: "Update intervention", ko: "개입 요청 고치기")
    static let about = LocalizedLabel(en: "About", ko: "대상 기록")
    static let theRequest = LocalizedLabel(en: "The request", ko: "요청")
    static let partyName = LocalizedLabel(en: "Addressed to", ko: "요청 대상 기관")
    static let partyHint = LocalizedLabel(en: "A government, embassy, UN body or agency.", ko: "정부, 대사관, 유엔 기구 또는 기관.")
    static let channel = LocalizedLabel(en: "Channel", ko: "경로")
    static let dateSent = LocalizedLabel(en: "Sent on", ko: "발송일")
    static let whatWasAsked = LocalizedLabel(en: "What was asked", ko: "요청 내용")
    static let deadline = LocalizedLabel(en: "Answer expected by", ko: "답변 기한")
    static let deadlineHint = LocalizedLabel(en: "When it passes without an answer, the request is overdue.",
                                             ko: "답변 없이 기한이 지나면 기한 경과로 표시됩니다.")
    static let priority = LocalizedLabel(en: "Priority", ko: "우선순위")
    static let theAnswer = LocalizedLabel(en: "The answer", ko: "답변")
    static let response = LocalizedLabel(en: "Response", ko: "응답")
    static let responseDate = LocalizedLabel(en: "Answered on", ko: "답변일")
    static let responseText = LocalizedLabel(en: "What they answered", ko: "답변 내용")
    static let overdue = LocalizedLabel(en: "Overdue: the deadline passed without an answer", ko: "기한 경과: 답변 없이 기한이 지났습니다")
    static let overdueInterventions = LocalizedLabel(en: "Overdue interventions", ko: "기한이 지난 개입 요청")
    static let newInterventionAbout = LocalizedLabel(en: "New intervention about this", ko: "이 기록에 대한 개입 요청")
    static let interventionsAbout = LocalizedLabel(en: "Interventions", ko: "개입 요청")
    static let create = LocalizedLabel(en: "Record", ko: "기록하기")

    // Drafts kept when a session ends.
    static let draftRestored = LocalizedLabel(
        en: "Your session ended before this was saved. What you typed is back: check it and save.",
        ko: "저장하기 전에 로그인 시간이 끝났습니다. 입력한 내용을 되살렸습니다. 확인한 뒤 저장하십시오.")
    static let draftKept = LocalizedLabel(
        en: "Your session ended. What you were typing is kept, sealed; sign in again to finish it.",
        ko: "로그인 시간이 끝났습니다. 입력하던 내용은 암호화해 보관했습니다. 다시 로그인해 마무리하십시오.")
    static let unsavedForms = LocalizedLabel(en: "Unsaved forms", ko: "저장하지 않은 양식")
    static let continueForm = LocalizedLabel(en: "Continue", ko: "이어서 작성")

    static let incidents = LocalizedLabel(en: "Incidents", ko: "관련 사건")
    static let rescueRequests = LocalizedLabel(en: "Rescue requests", ko: "구출 요청")
    static let overdueShort = LocalizedLabel(en: "overdue", ko: "기한 경과")

    static let anyStatus = LocalizedLabel(en: "Any status", ko: "모든 상태")
    static let typeFilter = LocalizedLabel(en: "Type", ko: "유형")
    static let anyType = LocalizedLabel(en: "Any type", ko: "모든 유형")
    static let allCompartments = LocalizedLabel(en: "All my compartments", ko: "내 모든 구획")
    static let nextPage = LocalizedLabel(en: "More results", ko: "결과 더 보기")

    // Trap indicators and the verification checklist.
    static let trapIndicators = LocalizedLabel(en: "Trap indicators", ko: "함정 징후")
    static let indicatorNotVerdict = LocalizedLabel(
        en: "Indicators are for review, never a verdict: each says exactly which records raise it. Check them before acting.",
        ko: "징후는 검토를 위한 것이며 판정이 아닙니다. 각 징후는 근거가 된 기록을 밝힙니다. 행동하기 전에 확인하십시오.")
    static let noIndicators = LocalizedLabel(en: "No indicator is raised by the records you can see.", ko: "볼 수 있는 기록에서는 징후가 없습니다.")
    static let verificationChecklist = LocalizedLabel(en: "Verification checklist", ko: "확인 목록")
    static let saveChecks = LocalizedLabel(en: "Record the checks", ko: "확인 내용 기록")
    static let answeredBy = LocalizedLabel(en: "Answered by the check", ko: "답하는 확인 항목")
    static let checkNotDone = LocalizedLabel(en: "not done yet", ko: "아직 하지 않음")
    static let reviewedEvidenceStays = LocalizedLabel(en: "reviewed; the evidence stays in the records", ko: "검토함. 근거는 기록에 남아 있습니다")
    static let answersIndicator = LocalizedLabel(en: "answers", ko: "해당 징후")

    // Track records of brokers and facilitating organisations.
    static let brokerRecords = LocalizedLabel(en: "Brokers and facilitators", ko: "브로커와 조력 조직")
    static let trackRecord = LocalizedLabel(en: "Track record", ko: "활동 이력")
    static let flagNotVerdict = LocalizedLabel(
        en: "A flag is an indicator for review, never a verdict: each says exactly which records raise it.",
        ko: "경고 표시는 검토를 위한 지표이며 판정이 아닙니다. 각 표시는 근거가 된 기록을 밝힙니다.")
    static let riskFlags = LocalizedLabel(en: "Risk flags", ko: "위험 표시")
    static let noFlags = LocalizedLabel(en: "No flag is raised by the records you can see.", ko: "볼 수 있는 기록에서는 위험 표시가 없습니다.")
    static let linkedArrests = LocalizedLabel(en: "Arrests linked", ko: "관련 체포")
    static let linkedArrestIncidents = LocalizedLabel(en: "Arrests linked (incidents)", ko: "관련 체포 (건)")
    static func peopleCount(_ count: Int) -> LocalizedLabel {
        LocalizedLabel(en: "\(count) \(count == 1 ? "person" : "people")", ko: "\(count)명")
    }
    static func incidentCount(_ count: Int) -> LocalizedLabel {
        LocalizedLabel(en: "\(count) incident\(count == 1 ? "" : "s")", ko: "\(count)건")
    }
    static let groupSizes = LocalizedLabel(en: "Group sizes moved at once", ko: "한 번에 이동한 일행 인원")
    static let feesOverTime = LocalizedLabel(en: "Fees quoted over time", ko: "시기별 제시 비용")
    static let allegations = LocalizedLabel(en: "Allegations", ko: "혐의")
    static let corroborated = LocalizedLabel(en: "Corroborated", ko: "교차 확인")
    static let weight = LocalizedLabel(en: "Weight", ko: "가중치")
    static let people = LocalizedLabel(en: "people", ko: "명")
    static let yes = LocalizedLabel(en: "yes", ko: "예")
    static let no = LocalizedLabel(en: "no", ko: "아니요")
    static let reports = LocalizedLabel(en: "Reports", ko: "보고서")

    static let partyResponses = LocalizedLabel(en: "Answers by party", ko: "기관별 응답")
    static let partyResponsesIntro = LocalizedLabel(
        en: "Requests sent to each government, embassy, UN body or agency, and how they were answered. A deadline that passes without an answer is recorded as no response.",
        ko: "각 정부, 대사관, 유엔 기구, 기관에 보낸 요청과 응답 현황입니다. 답변 없이 기한이 지나면 무응답으로 기록됩니다.")
    static let sentCount = LocalizedLabel(en: "Sent", ko: "발송")
    static let answeredCount = LocalizedLabel(en: "Answered", ko: "답변")
    static let unansweredCount = LocalizedLabel(en: "Unanswered", ko: "미답변")
    static let medianDays = LocalizedLabel(en: "Median days to answer", ko: "답변까지 걸린 날 (중앙값)")

    // Trends and surges.
    static let trends = LocalizedLabel(en: "Trends", ko: "동향")
    static let region = LocalizedLabel(en: "Region", ko: "지역")
    static let allRegions = LocalizedLabel(en: "All regions", ko: "모든 지역")
    static let allActs = LocalizedLabel(en: "All acts", ko: "모든 행위")
    static let fromMonth = LocalizedLabel(en: "From (YYYY-MM)", ko: "시작 (연-월, 예: 2024-01)")
    static let toMonth = LocalizedLabel(en: "To (YYYY-MM)", ko: "끝 (연-월, 예: 2025-12)")
    static let show = LocalizedLabel(en: "Show", ko: "보기")
    static let byMonth = LocalizedLabel(en: "By month", ko: "월별")
    static let byRegion = LocalizedLabel(en: "By region", ko: "지역별")
    static let byActType = LocalizedLabel(en: "By act type", ko: "행위 유형별")
    static let byPerpetrator = LocalizedLabel(en: "By perpetrator", ko: "가해자별")
    static let downloadCSV = LocalizedLabel(en: "Download the figures (CSV)", ko: "수치 내려받기 (CSV)")
    static let surges = LocalizedLabel(en: "Surges", ko: "급증")
    static let noSurges = LocalizedLabel(en: "No region-month stands out from its own baseline.", ko: "자체 기준보다 두드러진 지역·월이 없습니다.")
    static let incidentsBehind = LocalizedLabel(en: "The incidents behind it", ko: "해당 사건 보기")

    /// The rule in plain words; the statistics behind it are ``surgeMethod(_:)``.
    static func surgeTest(_ d: SurgeDetector) -> LocalizedLabel {
        let oneIn = Int((1 / d.alpha).rounded())
        return LocalizedLabel(
            en: "A month is marked as a surge in a region when at least \(d.minimumCount) acts were recorded there and a rise that large over the region's previous \(d.baselineMonths) months would come about by chance less than once in \(oneIn) times. A region is looked at only from \(d.baselineMonths) months after its first record: before that there is nothing to compare with.",
            ko: "한 지역에서 한 달에 \(d.minimumCount)건 이상 기록되었고, 그 지역의 직전 \(d.baselineMonths)개월 수준에서 우연히 그만큼 늘어날 가능성이 \(oneIn)번에 한 번도 안 될 때 급증으로 표시합니다. 지역은 처음 기록된 달로부터 \(d.baselineMonths)개월이 지난 뒤부터 살펴봅니다. 그 전에는 비교할 기록이 없습니다.")
    }

    /// The statistics behind the rule, one click away.
    static func surgeMethod(_ d: SurgeDetector) -> LocalizedLabel {
        LocalizedLabel(en: "Method: a one-sided Poisson test of the month's count against the mean of the previous \(d.baselineMonths) months (at least \(d.minimumBaseline)), at significance level \(d.alpha).",
                       ko: "방법: 직전 \(d.baselineMonths)개월 평균(최소 \(d.minimumBaseline))을 평균으로 하는 푸아송 분포에 대한 단측 검정, 유의수준 \(d.alpha).")
    }

    static let figures = LocalizedLabel(en: "The figures", ko: "수치 보기")

    static func notEnoughHistory(_ regions: String) -> LocalizedLabel {
        LocalizedLabel(en: "Not enough history to test (documented too recently): \(regions).",
                       ko: "기록 기간이 짧아 검정하지 않음: \(regions).")
    }

    /// A surge in plain words: what is usual, what was recorded, and how rarely chance alone
    /// would give that much (the p-value is ``surgeFigures(baseline:p:)``, one click away).
    static func surgeLine(count: String, baseline: Double, p: Double) -> LocalizedLabel {
        let b = String(format: "%.1f", baseline)
        let oneIn = p > 0 ? Int(min(1e9, (1 / p)).rounded()) : 1_000_000_000
        let rarity = oneIn >= 1_000_000 ? (en: "less than once in a million times", ko: "백만 번에 한 번도 안 됨")
            : (en: "about once in \(oneIn.formatted()) times", ko: "약 \(oneIn.formatted())번에 한 번")
        return LocalizedLabel(en: "\(count) acts recorded where about \(b) a month is usual; chance alone would give this many \(rarity.en).",
                              ko: "평소 한 달 약 \(b)건이던 곳에서 \(count)건이 기록됨. 우연히 이만큼 많아질 가능성: \(rarity.ko).")
    }

    static func surgeFigures(baseline: Double, p: Double) -> LocalizedLabel {
        let b = String(format: "%.2f", baseline), probability = String(format: "%.1e", p)
        return LocalizedLabel(en: "baseline mean \(b) a month, p = \(probability)", ko: "기준 평균 월 \(b)건, p = \(probability)")
    }

    static func suppressed(_ threshold: Int) -> LocalizedLabel {
        LocalizedLabel(en: "Counts from 1 to \(threshold - 1) are withheld (·) for your role, so that no figure points to identifiable people.",
                       ko: "역할상 1–\(threshold - 1)건의 수치는 가렸습니다(·). 어떤 수치도 특정인을 가리키지 않도록 하기 위해서입니다.")
    }

    // Dossiers.
    static let dossier = LocalizedLabel(en: "Dossier", ko: "자료집")
    static let confidential = LocalizedLabel(en: "CONFIDENTIAL — contains information that can endanger people", ko: "대외비 — 사람을 위험에 빠뜨릴 수 있는 정보가 있습니다")
    static let generated = LocalizedLabel(en: "Made", ko: "작성")
    static let printHint = LocalizedLabel(en: "Print this page (Ctrl+P) to put it on paper or save it as PDF; nothing is stored on the server.",
                                          ko: "이 페이지를 인쇄(Ctrl+P)하여 종이나 PDF로 저장하십시오. 서버에는 아무것도 저장되지 않습니다.")
    static let peopleAffected = LocalizedLabel(en: "People affected", ko: "피해 인원")
    static let chronology = LocalizedLabel(en: "Chronology", ko: "경과")
    static let corroboratedSources = LocalizedLabel(en: "corroborated by independent sources", ko: "독립된 출처로 교차 확인됨")
    static let singleSource = LocalizedLabel(en: "a single source", ko: "단일 출처")
    static let rating = LocalizedLabel(en: "Rating", ko: "평가")
    static let requestsMade = LocalizedLabel(en: "Requests made and their answers", ko: "요청과 응답")
    static let makeDossier = LocalizedLabel(en: "Dossier", ko: "자료집 만들기")

    // Statistics.
    static let statistics = LocalizedLabel(en: "Statistics", ko: "통계")
    static let fromYear = LocalizedLabel(en: "From (year)", ko: "시작 연도")
    static let toYear = LocalizedLabel(en: "To (year)", ko: "끝 연도")
    static let downloadShared = LocalizedLabel(en: "for sharing, small counts withheld (CSV)", ko: "공유용, 작은 수치 가림 (CSV)")
    static let affectedBySex = LocalizedLabel(en: "Documented persons affected, by act and sex", ko: "행위·성별 피해 인원 (기록 기준)")
    static let affectedByAge = LocalizedLabel(en: "Documented persons affected, by act and age group", ko: "행위·연령대별 피해 인원 (기록 기준)")
    static let arrivalsBeside = LocalizedLabel(en: "Official arrivals beside documented arrests and repatriations", ko: "공식 입국 통계와 기록된 체포·송환")
    static let officialSource = LocalizedLabel(en: "Source of the official figures", ko: "공식 통계 출처")
    static let importedOn = LocalizedLabel(en: "imported", ko: "가져온 날")
    static let noArrivals = LocalizedLabel(en: "No official figures imported yet.", ko: "가져온 공식 통계가 아직 없습니다.")
    static let officialArrivals = LocalizedLabel(en: "Official arrivals per year", ko: "연도별 공식 입국 인원")
    static let documentedArrests = LocalizedLabel(en: "Documented arrests and repatriations per year (people)", ko: "연도별 기록된 체포·송환 인원")
    static let year = LocalizedLabel(en: "Year", ko: "연도")
    static let arrivalsWomen = LocalizedLabel(en: "Arrivals, women", ko: "입국 여성")
    static let arrivalsMen = LocalizedLabel(en: "Arrivals, men", ko: "입국 남성")
    static let arrivalsTotal = LocalizedLabel(en: "Arrivals", ko: "입국 합계")
    static let documentedArrestsShort = LocalizedLabel(en: "Documented arrests", ko: "기록된 체포")
    static let documentedRepatriations = LocalizedLabel(en: "Documented repatriations", ko: "기록된 송환")
    static let importArrivals = LocalizedLabel(en: "Import official arrival figures", ko: "공식 입국 통계 가져오기")
    static let arrivalsCSV = LocalizedLabel(en: "Figures as CSV", ko: "CSV 수치")
    static let arrivalsCSVHint = LocalizedLabel(en: "A header line year,women,men (total optional), then one line per year. The import replaces the figures held.",
                                                ko: "첫 줄은 year,women,men (total은 선택), 그다음 연도마다 한 줄. 가져오면 기존 수치를 바꿉니다.")
    static let arrivalsImported = LocalizedLabel(en: "The official figures are imported.", ko: "공식 통계를 가져왔습니다.")

    static let downloadPDF = LocalizedLabel(en: "Download as PDF", ko: "PDF로 내려받기")
}
