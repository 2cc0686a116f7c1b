import HavenCore

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
    static let signedInAs = LocalizedLabel(en: "Signed in as", ko: "로그인 계정")
    static let welcome = LocalizedLabel(en: "Welcome", ko: "환영합니다")
    static let finishSetup = LocalizedLabel(en: "Before you can see any record, choose your own password and enrol an authenticator app.",
                                            ko: "기록을 보기 전에 새 비밀번호를 정하고 인증 앱을 등록하십시오.")
    static let protectedNotice = LocalizedLabel(
        en: "Everything here can put people in danger. Every page you open is recorded.",
        ko: "이곳의 모든 정보는 사람들을 위험에 빠뜨릴 수 있습니다. 여는 모든 페이지가 기록됩니다.")
    static let notFound = LocalizedLabel(en: "Not found", ko: "찾을 수 없습니다")
}
