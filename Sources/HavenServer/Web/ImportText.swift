import HavenCore

/// The words of the import pages, in Korean and English.
enum ImportText {
    static let imports = LocalizedLabel(en: "Import a spreadsheet", ko: "스프레드시트 가져오기")
    static let intro = LocalizedLabel(
        en: "Bring in an organisation's records from a CSV file (UTF-8, or CP949 as Korean Excel saves it) or an Excel workbook, including KoboToolbox and ODK exports. The file is kept in memory only while you map and check it; nothing is written until every row is ready, and then all rows are written together as one batch that can be undone.",
        ko: "CSV 파일(UTF-8 또는 한국어 엑셀이 저장하는 CP949)이나 엑셀 통합 문서, KoboToolbox·ODK 내보내기에서 기관의 기록을 가져옵니다. 파일은 연결하고 확인하는 동안 메모리에만 보관됩니다. 모든 행이 준비되기 전에는 아무것도 저장하지 않으며, 준비되면 모든 행을 하나의 묶음으로 함께 저장하고 묶음 전체를 되돌릴 수 있습니다.")
    static let file = LocalizedLabel(en: "File (CSV or XLSX)", ko: "파일 (CSV 또는 XLSX)")
    static func fileHint(_ bytes: Int) -> LocalizedLabel {
        let megabytes = bytes / (1024 * 1024)
        return LocalizedLabel(en: "At most \(megabytes) MB.", ko: "최대 \(megabytes)MB.")
    }
    static let rowsAre = LocalizedLabel(en: "Each row is", ko: "각 행의 종류")
    static let encoding = LocalizedLabel(en: "Encoding of a CSV file", ko: "CSV 파일의 인코딩")
    static let encodingDetect = LocalizedLabel(en: "Detect", ko: "자동 감지")
    static let savedMapping = LocalizedLabel(en: "Saved mapping", ko: "저장된 연결 설정")
    static let noSavedMapping = LocalizedLabel(en: "None: suggest from the column names", ko: "없음: 열 이름으로 제안")
    static let uploadButton = LocalizedLabel(en: "Upload and check", ko: "올리고 확인하기")
    static let savedMappings = LocalizedLabel(en: "Saved mappings", ko: "저장된 연결 설정")
    static let remove = LocalizedLabel(en: "Remove", ko: "삭제")
    static let batches = LocalizedLabel(en: "Imported batches", ko: "가져온 묶음")
    static let noBatches = LocalizedLabel(en: "Nothing has been imported yet.", ko: "아직 가져온 것이 없습니다.")
    static let when = LocalizedLabel(en: "When", ko: "일시")
    static let who = LocalizedLabel(en: "By", ko: "실행자")
    static let rows = LocalizedLabel(en: "Rows", ko: "행")
    static let records = LocalizedLabel(en: "Records", ko: "기록")
    static let fileColumn = LocalizedLabel(en: "File", ko: "파일")
    static let state = LocalizedLabel(en: "State", ko: "상태")
    static let undo = LocalizedLabel(en: "Undo the whole batch", ko: "묶음 전체 되돌리기")
    static let undone = LocalizedLabel(en: "Undone", ko: "되돌림")
    static let kept = LocalizedLabel(en: "Kept", ko: "보관 중")

    static let skipRows = LocalizedLabel(en: "Rows to leave out", ko: "제외할 행")
    static let skipRowsHint = LocalizedLabel(
        en: "Row numbers as the spreadsheet shows them, separated by commas, e.g. 4, 17. Fix them in the file and import them later.",
        ko: "스프레드시트에 보이는 행 번호를 쉼표로 구분해 적으십시오(예: 4, 17). 파일에서 고친 뒤 나중에 가져오십시오.")
    static let skipRowsUnreadable = LocalizedLabel(
        en: "Rows to leave out must be row numbers separated by commas (at most 10,000); the previous ones still apply.",
        ko: "제외할 행은 쉼표로 구분한 행 번호여야 합니다(최대 10,000개). 이전에 적은 행이 그대로 적용됩니다.")
    static let chooseFile = LocalizedLabel(en: "Choose a CSV or XLSX file to upload.", ko: "올릴 CSV 또는 XLSX 파일을 선택하십시오.")
    static let chooseKind = LocalizedLabel(en: "Choose what each row is, or a saved mapping.", ko: "각 행의 종류나 저장된 연결 설정을 선택하십시오.")
    static let unknownEncoding = LocalizedLabel(en: "The encoding must be UTF-8 or CP949.", ko: "인코딩은 UTF-8 또는 CP949여야 합니다.")
    static let noSuchMapping = LocalizedLabel(en: "That saved mapping is no longer there, or cannot be read.", ko: "그 저장된 연결 설정이 없거나 읽을 수 없습니다.")
    static let workspaceFull = LocalizedLabel(
        en: "Too many files are being prepared for import right now. Try again in a while.",
        ko: "지금 가져오기를 준비 중인 파일이 너무 많습니다. 잠시 후 다시 시도하십시오.")
    static let undoOutsideReach = LocalizedLabel(
        en: "This batch holds records outside your compartments; nothing was undone.",
        ko: "이 묶음에는 담당 구획 밖의 기록이 있어 아무것도 되돌리지 않았습니다.")

    static let review = LocalizedLabel(en: "Map and check the file", ko: "파일 연결 및 확인")
    static let sheet = LocalizedLabel(en: "Sheet", ko: "시트")
    static let headerRow = LocalizedLabel(en: "Row with the column names", ko: "열 이름이 있는 행")
    static let columns = LocalizedLabel(en: "Columns", ko: "열")
    static let column = LocalizedLabel(en: "Column", ko: "열")
    static let feeds = LocalizedLabel(en: "Goes to", ko: "연결할 항목")
    static let notImported = LocalizedLabel(en: "— not imported —", ko: "— 가져오지 않음 —")
    static let wouldCreate = LocalizedLabel(en: "Would create", ko: "만들 기록")
    static let nothing = LocalizedLabel(en: "nothing", ko: "없음")
    static let problems = LocalizedLabel(en: "Problems", ko: "문제")
    static func problemsShown(_ shown: Int, of total: Int) -> LocalizedLabel {
        LocalizedLabel(en: "The first \(shown) of \(total) problems; fix these and check again to see the rest.",
                       ko: "문제 \(total)건 가운데 처음 \(shown)건입니다. 이들을 고치고 다시 확인하면 나머지가 보입니다.")
    }
    static let unknownWords = LocalizedLabel(en: "Words no vocabulary knows", ko: "어휘에 없는 값")
    static let unknownWordsIntro = LocalizedLabel(
        en: "Map each to a term, or to “not known”. An import never adds a term on its own.",
        ko: "각 값을 용어나 ‘알 수 없음’에 연결하십시오. 가져오기는 용어를 스스로 만들지 않습니다.")
    static let word = LocalizedLabel(en: "Word", ko: "값")
    static let field = LocalizedLabel(en: "Field", ko: "항목")
    static let count = LocalizedLabel(en: "Times", ko: "횟수")
    static let firstRows = LocalizedLabel(en: "First rows", ko: "처음 나오는 행")
    static let means = LocalizedLabel(en: "Means", ko: "뜻")
    static let undecided = LocalizedLabel(en: "— choose —", ko: "— 선택 —")
    static let notKnown = LocalizedLabel(en: "Not known", ko: "알 수 없음")
    static let placeCode = LocalizedLabel(en: "place code", ko: "장소 코드")
    static let wordsMapped = LocalizedLabel(en: "Words already mapped", ko: "이미 연결한 값")
    static let duplicates = LocalizedLabel(en: "Probably the same person", ko: "같은 인물일 가능성")
    static let duplicatesIntro = LocalizedLabel(
        en: "Rows whose person is probably one already kept, or another row's. Decide each: a new record, the same person (imported merged into the other, as on the duplicates page, and can be un-merged), or leave the row out.",
        ko: "인물이 이미 보관된 인물이나 다른 행의 인물과 같을 가능성이 높은 행입니다. 각각 정하십시오: 새 기록, 같은 인물(중복 페이지에서처럼 병합된 채로 가져오며 병합을 되돌릴 수 있음), 또는 행 제외.")
    static let row = LocalizedLabel(en: "Row", ko: "행")
    static let inTheSheet = LocalizedLabel(en: "In the sheet", ko: "시트의 인물")
    static let matches = LocalizedLabel(en: "Probably the same as", ko: "같을 가능성이 있는 인물")
    static let decision = LocalizedLabel(en: "Decision", ko: "결정")
    static let decideNew = LocalizedLabel(en: "New record", ko: "새 기록")
    static let decideSame = LocalizedLabel(en: "Same person", ko: "같은 인물")
    static let decideSkip = LocalizedLabel(en: "Leave the row out", ko: "행 제외")
    static func keptPerson(_ id: String) -> LocalizedLabel { LocalizedLabel(en: "kept person \(id)", ko: "보관된 인물 \(id)") }
    static func sheetRow(_ row: String) -> LocalizedLabel { LocalizedLabel(en: "row \(row)", ko: "\(row)행") }
    static let checkAgain = LocalizedLabel(en: "Check again", ko: "다시 확인")
    static let importButton = LocalizedLabel(en: "Import all rows", ko: "모든 행 가져오기")
    static let discard = LocalizedLabel(en: "Discard the file", ko: "파일 버리기")
    static let mappingName = LocalizedLabel(en: "Save this mapping as", ko: "이 연결 설정을 저장할 이름")
    static let saveMapping = LocalizedLabel(en: "Save the mapping", ko: "연결 설정 저장")
    static let mappingSaved = LocalizedLabel(en: "The mapping was saved.", ko: "연결 설정을 저장했습니다.")
    static let mappingNameNeeded = LocalizedLabel(en: "Give the mapping a name of 1 to 200 characters.", ko: "연결 설정에 1~200자의 이름을 붙이십시오.")
    static let ready = LocalizedLabel(en: "Every row is ready. Importing writes them all as one batch.", ko: "모든 행이 준비되었습니다. 가져오면 모두 하나의 묶음으로 저장합니다.")
    static let notReady = LocalizedLabel(
        en: "Nothing can be imported yet: fix the problems and map the unknown words, then check again.",
        ko: "아직 가져올 수 없습니다. 문제를 고치고 모르는 값을 연결한 뒤 다시 확인하십시오.")
    static let nothingToImport = LocalizedLabel(en: "The sheet has no rows to import.", ko: "시트에 가져올 행이 없습니다.")
    static func invalidRecord(row: Int?, fields: [String]) -> LocalizedLabel {
        let at = row.map { "row \($0)" } ?? "a row"
        let atKo = row.map { "\($0)행" } ?? "한 행"
        return LocalizedLabel(en: "Nothing was written: \(at) makes a record that is not valid (\(fields.joined(separator: ", "))).",
                              ko: "아무것도 저장하지 않았습니다: \(atKo)에서 만든 기록이 올바르지 않습니다 (\(fields.joined(separator: ", "))).")
    }
    static func summary(rows: Int, sheet: String, header: Int) -> LocalizedLabel {
        LocalizedLabel(en: "Sheet \(sheet): \(rows) data rows below row \(header).", ko: "\(sheet) 시트: \(header)행 아래 데이터 \(rows)행.")
    }
}
