"""A second generator of fictional Korean person records, written apart from Haven's own
(`KoreanRecordGenerator`, in Swift) and on other assumptions, so that a linkage model tuned to one
generator shows as such:

- given names follow a skewed distribution of common North Korean names (a few names are borne by
  many: namesakes are frequent), with a tail made of weighted syllables; surnames by their shares
  of the population;
- each source has its own habits: Hangul with Northern surnames (리, 림, 류), Hangul with Southern
  ones, passport spelling (Kim Young-hee, Lee, Park), McCune–Reischauer with or without breves,
  and press reports that give only an age, written as a range of birth years (`1983/1987`);
- birth dates with day and month swapped, the year one off, or known to the month or year only;
- records with a name and nothing else;
- a typo in a romanised name (a letter dropped, doubled, swapped or changed) or a neighbouring
  vowel or final in a Hangul one; now and then the wrong sex.

Every name is made by this script and any resemblance to a real person is chance. The romanisation
is this script's own, syllable by syllable, not Haven's.

    python3 second_generator.py --persons 20000 --seed 1 --output records.csv --truth truth.csv
"""
import argparse
import csv
import random

SURNAMES = [  # Southern Hangul, Northern Hangul, share (%), spellings seen in Latin script
    ("김", "김", 21.6, ["Kim", "Gim"]), ("이", "리", 14.8, ["Lee", "Yi", "Rhee", "I"]), ("박", "박", 8.5, ["Park", "Pak", "Bak"]),
    ("최", "최", 4.7, ["Choi", "Choe", "Chwe"]), ("정", "정", 4.3, ["Jung", "Jeong", "Chung", "Chong"]), ("강", "강", 2.4, ["Kang", "Gang"]),
    ("조", "조", 2.1, ["Cho", "Jo"]), ("윤", "윤", 2.1, ["Yoon", "Yun"]), ("장", "장", 2.0, ["Jang", "Chang"]),
    ("임", "림", 1.7, ["Lim", "Im", "Rim"]), ("한", "한", 1.5, ["Han"]), ("오", "오", 1.5, ["Oh", "O"]),
    ("서", "서", 1.5, ["Seo", "Suh", "So"]), ("신", "신", 1.5, ["Shin", "Sin"]), ("권", "권", 1.4, ["Kwon", "Gwon"]),
    ("황", "황", 1.4, ["Hwang"]), ("안", "안", 1.4, ["Ahn", "An"]), ("송", "송", 1.4, ["Song"]), ("유", "류", 1.3, ["Yoo", "Yu", "Ryu"]),
    ("전", "전", 1.1, ["Jeon", "Jun", "Chon"]), ("홍", "홍", 1.1, ["Hong"]), ("고", "고", 0.9, ["Ko", "Go"]),
    ("문", "문", 0.9, ["Moon", "Mun"]), ("양", "량", 0.9, ["Yang", "Ryang"]), ("손", "손", 0.9, ["Son", "Sohn"]),
    ("배", "배", 0.8, ["Bae", "Pae"]), ("백", "백", 0.8, ["Baek", "Paek"]), ("허", "허", 0.6, ["Heo", "Hur", "Ho"]),
    ("노", "로", 0.4, ["Noh", "Roh", "Ro"]), ("남", "남", 0.5, ["Nam"]), ("심", "심", 0.5, ["Sim", "Shim"]),
    ("하", "하", 0.5, ["Ha"]), ("곽", "곽", 0.4, ["Kwak"]), ("성", "성", 0.4, ["Sung", "Song"]), ("차", "차", 0.4, ["Cha"]),
    ("주", "주", 0.4, ["Joo", "Ju", "Chu"]), ("우", "우", 0.4, ["Woo", "U"]), ("구", "구", 0.4, ["Koo", "Ku"]),
    ("민", "민", 0.3, ["Min"]), ("진", "진", 0.3, ["Jin", "Chin"]), ("지", "지", 0.3, ["Ji", "Chi"]), ("엄", "엄", 0.3, ["Eom", "Um"]),
    ("채", "채", 0.3, ["Chae"]), ("원", "원", 0.3, ["Won"]), ("방", "방", 0.3, ["Bang", "Pang"]), ("공", "공", 0.2, ["Kong", "Gong"]),
]

# Common given names, most common first (a Zipf-like weight by rank).
FEMALE = ("영희 순희 정숙 영숙 명숙 옥순 영옥 경희 정희 미경 은정 혜경 금순 춘희 명희 선희 옥희 은희 영애 순덕 정옥 영실 경옥 금희 "
          "향미 은혜 성희 명옥 혜숙 영순 복순 경숙 순자 정순 정애 미숙 은경 설화 금옥 명실 은주 혜영 유경 수진 지혜 은심 송희 "
          "옥화 춘옥 순실 영란 명순 정화 혜련 경애 순영 영화 은하 금실 봉선").split()
MALE = ("영철 철수 명철 광철 성철 영남 영호 철남 광호 성호 영수 정호 명수 경철 혁철 영진 정철 국철 승철 광명 명호 동철 성일 "
        "영일 정남 광수 철민 영민 진혁 성민 현철 상철 창호 용철 용남 세철 명남 금철 은철 일남 학철 춘식 봉수 기철 남철 정일 "
        "영길 만수 덕수 창수 문철 경호 광일 성남 영식 철호 동수 명길 혁").split()
# Syllables for the rest of the names, with their own skew.
SYLLABLES = list("영정성명경광철순옥은혜금춘선미수진일남호민현동상창용세학기봉덕문향설유지송화실란애숙희자"
                 "국군권규근길덕두득만무범병보복부빈삼석섭승시식신아안양억연열예오완우욱운웅원월윤율을의이익인임재전제종주준중찬채천청초충태택평표필하한해헌혁형홍환황효훈휘흥")
PLACES = [("회령", "Hoeryong", "Hoeryŏng"), ("무산", "Musan", "Musan"), ("혜산", "Hyesan", "Hyesan"), ("청진", "Chongjin", "Ch'ŏngjin"),
          ("함흥", "Hamhung", "Hamhŭng"), ("평양", "Pyongyang", "P'yŏngyang"), ("신의주", "Sinuiju", "Sinŭiju"), ("온성", "Onsong", "Onsŏng"),
          ("김책", "Kimchaek", "Kimch'aek"), ("원산", "Wonsan", "Wŏnsan"), ("남포", "Nampo", "Namp'o"), ("강계", "Kanggye", "Kanggye")]

INITIALS_RR = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
INITIALS_MR = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"]
VOWELS_RR = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]
VOWELS_MR = ["a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"]
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# How passports and the press usually spell some syllables (Young, Hee, Sook, Chul …).
POPULAR = {"영": ["Young", "Yong"], "희": ["Hee", "Hui"], "숙": ["Sook", "Suk"], "철": ["Chul", "Cheol"], "순": ["Soon", "Sun"],
           "정": ["Jung", "Jeong"], "경": ["Kyung", "Kyong"], "은": ["Eun", "Un"], "명": ["Myung", "Myong"], "성": ["Sung", "Song"],
           "혜": ["Hye", "Hae"], "광": ["Kwang"], "옥": ["Ok"], "수": ["Soo", "Su"], "호": ["Ho"], "남": ["Nam"], "일": ["Il"]}


def jamo(syllable):
    code = ord(syllable) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


def romanise(hangul, system, rng):
    """Syllable by syllable: 'rr' (Revised), 'mr' (McCune–Reischauer with breves), 'plain'
    (McCune–Reischauer without them), 'popular' (the spellings passports use most)."""
    parts = []
    for s in hangul:
        if system == "popular" and s in POPULAR:
            parts.append(rng.choice(POPULAR[s]).lower())
            continue
        lead, vowel, tail = jamo(s)
        mr = system in ("mr", "plain")
        text = (INITIALS_MR if mr else INITIALS_RR)[lead] + (VOWELS_MR if mr else VOWELS_RR)[vowel] + FINALS[tail]
        if system == "plain":
            text = text.replace("ŏ", "o").replace("ŭ", "u").replace("'", "")
        parts.append(text)
    return parts


def typo_latin(text, rng):
    letters = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
    if not letters:
        return text
    i = rng.choice(letters)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + rng.choice("aeiouyng") + text[i + 1:]


def typo_hangul(name, rng):
    """A neighbouring vowel (ㅓ/ㅕ, ㅗ/ㅜ, ㅐ/ㅔ, ㅡ/ㅜ) or final (ㄴ/ㅇ) in one syllable of the given name."""
    i = rng.randrange(len(name))
    lead, vowel, tail = jamo(name[i])
    swaps = {4: 6, 6: 4, 8: 13, 13: 8, 1: 5, 5: 1, 18: 13}
    if vowel in swaps and rng.random() < 0.6:
        vowel = swaps[vowel]
    else:
        tail = {4: 21, 21: 4, 0: 4}.get(tail, 0)
    return name[:i] + chr(0xAC00 + lead * 588 + vowel * 28 + tail) + name[i + 1:]


def weighted(rng, items, exponent):
    return rng.choices(items, weights=[1 / (rank + 1) ** exponent for rank in range(len(items))])[0]


def person(rng):
    surname = rng.choices(SURNAMES, weights=[s[2] for s in SURNAMES])[0]
    female = rng.random() < 0.6
    if rng.random() < 0.15:
        given = weighted(rng, FEMALE if female else MALE, 0.6)
    else:
        given = weighted(rng, SYLLABLES, 0.4) + weighted(rng, SYLLABLES, 0.4)
    year = min(2012, max(1940, int(rng.gauss(1978, 14))))
    month, day = rng.randint(1, 12), rng.randint(1, 31)
    while day > [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]:
        day -= 1
    return {"surname": surname, "given": given, "female": female, "year": year, "month": month, "day": day,
            "place": rng.choice(PLACES)}


SOURCES = ["ngo-north", "ngo-south", "passport", "press", "un"]


def record(p, source, rng):
    row = {"source": source, "name": "", "sex": "", "birth_date": "", "birth_place": ""}
    south, north, _, spellings = p["surname"]
    given = p["given"]
    if source in ("ngo-north", "ngo-south"):
        if rng.random() < 0.04:
            given = typo_hangul(given, rng)
        row["name"] = (north if source == "ngo-north" else south) + (" " if rng.random() < 0.2 else "") + given
    else:
        system = {"passport": "popular", "press": rng.choice(["mr", "plain"]), "un": "rr"}[source]
        family = rng.choice(spellings) if source == "passport" else "".join(romanise(north if source == "press" else south, system, rng)).capitalize()
        syllables = romanise(given, system, rng)
        joined = rng.choice(["-", "", " "]).join(syllables).capitalize()
        if source == "un" and rng.random() < 0.5:
            row["name"] = f"{joined} {family.upper()}"
        else:
            row["name"] = f"{family} {joined}"
        if rng.random() < 0.06:
            row["name"] = typo_latin(row["name"], rng)
    # One record in eight names the person and says nothing else.
    if rng.random() < 0.125:
        return row
    if rng.random() < 0.85:
        female = p["female"] if rng.random() > 0.003 else not p["female"]
        row["sex"] = {"ngo-north": "여" if female else "남", "ngo-south": "여" if female else "남"}.get(source, "F" if female else "M")
    year, month, day = p["year"], p["month"], p["day"]
    roll = rng.random()
    if roll < 0.03:
        year += rng.choice([-1, 1])
    elif roll < 0.07 and day <= 12:
        month, day = day, month
    if source == "press":
        # An age at the time of the report, as a range of birth years around it.
        spread = rng.choice([2, 3, 5])
        low = year - rng.randint(0, spread)
        row["birth_date"] = f"{low}/{low + spread}" if rng.random() < 0.8 else ""
    else:
        precision = rng.random()
        if precision < 0.65:
            row["birth_date"] = f"{year:04d}-{month:02d}-{day:02d}"
        elif precision < 0.8:
            row["birth_date"] = f"{year:04d}-{month:02d}"
        elif precision < 0.93:
            row["birth_date"] = f"{year:04d}"
    if rng.random() < 0.4:
        hangul, plain, mr = p["place"]
        row["birth_place"] = hangul if source.startswith("ngo") else (mr if source == "press" else plain)
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", required=True)
    parser.add_argument("--truth", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows, names = [], []
    for number in range(args.persons):
        p = person(rng)
        names.append(p["surname"][0] + p["given"])
        count = rng.choices([1, 2, 3, 4], weights=[45, 30, 17, 8])[0]
        for source in rng.sample(SOURCES, count):
            rows.append((record(p, source, rng), number))
    rng.shuffle(rows)
    with open(args.output, "w", newline="") as records, open(args.truth, "w", newline="") as truth:
        out = csv.DictWriter(records, ["record_id", "source", "name", "sex", "birth_date", "birth_place"])
        out.writeheader()
        answers = csv.writer(truth)
        # The truth also says the person's name as the generator made it (Southern Hangul), for
        # oracles that know every name's true Hangul.
        answers.writerow(["record_id", "person", "true_name"])
        for index, (row, number) in enumerate(rows):
            out.writerow({"record_id": f"s{index + 1}", **row})
            answers.writerow([f"s{index + 1}", number, names[number]])


if __name__ == "__main__":
    main()
