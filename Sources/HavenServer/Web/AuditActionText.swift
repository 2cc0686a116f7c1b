import HavenCore
import HavenStore

/// Access-log actions in words, for the pages: a reader asks "who opened this record", not
/// which code the log stores. Every action has words (the switch is exhaustive, so a new action
/// cannot reach a page as a bare code).
enum AuditActionText {
    /// The words for an entry: its action, made precise by its detail where the code alone
    /// says too little (a list entry written for a report says the record was shown in one).
    static func label(action code: String, detail: String) -> LocalizedLabel {
        guard let action = AuditAction(rawValue: code) else { return LocalizedLabel(en: code, ko: code) }
        if action == .list, detail.hasPrefix("shown-by=report") {
            return LocalizedLabel(en: "shown in a report or dossier", ko: "보고서·문서에 표시")
        }
        if action == .list, detail.hasPrefix("referencing=") {
            return LocalizedLabel(en: "shown as linked from another record", ko: "다른 기록의 연결 목록에 표시")
        }
        return label(action)
    }

    static func label(_ action: AuditAction) -> LocalizedLabel {
        switch action {
        case .create: LocalizedLabel(en: "created", ko: "작성")
        case .update: LocalizedLabel(en: "changed", ko: "수정")
        case .delete: LocalizedLabel(en: "deleted", ko: "삭제")
        case .read: LocalizedLabel(en: "opened", ko: "열람")
        case .list: LocalizedLabel(en: "shown in a list", ko: "목록에 표시")
        case .search: LocalizedLabel(en: "found by a search", ko: "검색 결과에 표시")
        case .count: LocalizedLabel(en: "counted", ko: "건수 집계")
        case .lookup: LocalizedLabel(en: "looked up by an exact value", ko: "정확한 값으로 조회")
        case .report: LocalizedLabel(en: "report of figures", ko: "집계 보고서")
        case .readHistory: LocalizedLabel(en: "history opened", ko: "변경 이력 열람")
        case .import: LocalizedLabel(en: "imported", ko: "가져오기")
        case .vaultInit: LocalizedLabel(en: "vault created", ko: "보관소 생성")
        case .unlock: LocalizedLabel(en: "vault unlocked", ko: "보관소 열림")
        case .auditSealed: LocalizedLabel(en: "access log sealing started", ko: "접근 기록 봉인 시작")
        case .auditQuery: LocalizedLabel(en: "access log consulted", ko: "접근 기록 조회")
        case .keysSplit: LocalizedLabel(en: "master key split into shares", ko: "마스터 키 분할")
        case .keysRotateBegin: LocalizedLabel(en: "key rotation begun", ko: "키 교체 시작")
        case .keysRotateBatch: LocalizedLabel(en: "key rotation step", ko: "키 교체 진행")
        case .keysRotateResume: LocalizedLabel(en: "key rotation resumed", ko: "키 교체 재개")
        case .keysRotateDone: LocalizedLabel(en: "key rotation finished", ko: "키 교체 완료")
        case .accountCreate: LocalizedLabel(en: "account created", ko: "계정 생성")
        case .accountDisable: LocalizedLabel(en: "account disabled", ko: "계정 사용 중지")
        case .accountGrant: LocalizedLabel(en: "role or compartments changed", ko: "역할·구획 변경")
        case .accountPassword: LocalizedLabel(en: "password changed", ko: "비밀번호 변경")
        case .accountResetMFA: LocalizedLabel(en: "two-step sign-in reset", ko: "2단계 인증 초기화")
        case .accountRevoke: LocalizedLabel(en: "account revoked", ko: "계정 취소")
        case .loginSuccess: LocalizedLabel(en: "signed in", ko: "로그인")
        case .loginFailure: LocalizedLabel(en: "sign-in failed", ko: "로그인 실패")
        case .loginFactor: LocalizedLabel(en: "second step of sign-in", ko: "2단계 인증")
        case .loginThrottled: LocalizedLabel(en: "sign-in slowed after failures", ko: "로그인 지연(실패 반복)")
        case .mfaEnrolBegin: LocalizedLabel(en: "authenticator enrolment begun", ko: "인증 앱 등록 시작")
        case .mfaEnrol: LocalizedLabel(en: "authenticator enrolled", ko: "인증 앱 등록")
        case .mfaEnrolRefused: LocalizedLabel(en: "authenticator enrolment refused", ko: "인증 앱 등록 거부")
        case .sessionEnd: LocalizedLabel(en: "signed out", ko: "로그아웃")
        case .sessionEndAll: LocalizedLabel(en: "every session ended", ko: "모든 세션 종료")
        case .tokenCreate: LocalizedLabel(en: "API token created", ko: "API 토큰 발급")
        case .tokenRevoke: LocalizedLabel(en: "API token revoked", ko: "API 토큰 취소")
        case .draftSave: LocalizedLabel(en: "draft kept", ko: "임시 저장")
        case .draftRestore: LocalizedLabel(en: "draft reopened", ko: "임시 저장본 열기")
        case .draftDone: LocalizedLabel(en: "draft finished", ko: "임시 저장본 완료")
        case .exportRequest: LocalizedLabel(en: "export requested", ko: "내보내기 요청")
        case .exportApprove: LocalizedLabel(en: "export approved", ko: "내보내기 승인")
        case .exportReject: LocalizedLabel(en: "export refused", ko: "내보내기 거절")
        case .exportPlaintext: LocalizedLabel(en: "exported unsealed", ko: "암호화 없이 내보냄")
        case .exportSealed: LocalizedLabel(en: "exported sealed", ko: "암호화하여 내보냄")
        case .statisticsImport: LocalizedLabel(en: "official figures imported", ko: "공식 통계 가져오기")
        case .importBatch: LocalizedLabel(en: "spreadsheet imported", ko: "스프레드시트 가져오기")
        case .importUndo: LocalizedLabel(en: "spreadsheet import undone", ko: "스프레드시트 가져오기 취소")
        case .importMappingSave: LocalizedLabel(en: "import mapping saved", ko: "가져오기 대응표 저장")
        case .importMappingDelete: LocalizedLabel(en: "import mapping deleted", ko: "가져오기 대응표 삭제")
        case .compartmentLabel: LocalizedLabel(en: "compartment label changed", ko: "구획 이름 변경")
        case .backupMade: LocalizedLabel(en: "backup made", ko: "백업 작성")
        }
    }
}
