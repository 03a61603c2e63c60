"""Find the people and organizations mentioned in meeting notes.

Pure standard library, no network, deterministic.  Rule-based: word lists shipped in
``data/gazetteers`` (given names, surnames, organizations with short forms, stop lists)
plus shape and context rules written for notes typed live in networking meetings.

Two entry points:

* :func:`find_mentions` - whole text in, list of :class:`Mention` out.
* :class:`MentionTracker` - the same result kept incrementally for an editor: one
  changed line costs one line of work; document-level facts (full names seen, links
  between a person and an organization) are kept as per-line contributions and
  re-aggregated cheaply.

Detection runs per line in two passes.  The *local* pass looks only at the line (and
the user's known people/companies) and yields the line's facts: full person names and
multi-word organization names.  The document aggregates those facts into alias tables
("susan" -> "susan smith", "valley" -> "valley health system", "JP" -> "jean-pierre
lafleur") and a *final* pass re-reads the lines that contain an alias.  Facts come only
from the local pass, so the result does not depend on the order lines are edited in.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Iterable

__all__ = [
    "Mention",
    "MentionKind",
    "MentionSource",
    "MentionTracker",
    "Entity",
    "find_mentions",
    "load_data",
]


class MentionKind(str, Enum):
    PERSON = "person"
    COMPANY = "company"


class MentionSource(str, Enum):
    KNOWN = "known"  # from known_people / known_companies (contact book, user-tagged)
    SUGGESTED = "suggested"  # the detector's guess


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    kind: MentionKind
    text: str
    key: str
    source: MentionSource
    org_key: str | None = None


@dataclass(slots=True)
class Entity:
    key: str
    kind: MentionKind
    display: str
    count: int
    first_line: int
    org_key: str | None
    source: MentionSource


PERSON = MentionKind.PERSON
COMPANY = MentionKind.COMPANY
KNOWN = MentionSource.KNOWN
SUGGESTED = MentionSource.SUGGESTED

# ---------------------------------------------------------------------------
# Closed word classes (small, kept in code)

_HONORIFICS = frozenset(
    "1sg sgm csm msg smsgt cmsgt tsgt spc pfc lcpl cpo scpo mcpo po1 po2 po3 ens ltjg lcdr cdr radm vadm "
    "wo1 cw2 cw3 cw4 cw5 gysgt gunny "
    "dr prof professor mr mrs ms miss mx sgt sergeant capt captain col lt maj gen "
    "adm cmdr rev fr sir dame hon judge sgm cpl pvt officer det major colonel general "
    "lieutenant sergeant commander admiral ret retired pastor rabbi imam reverend deacon "
    "msgt ssgt sfc cpt ltc ltg maj. brig "
    # non-English titles (excluded from the span like Mr./Ms.)
    "frau herr monsieur madame mme mlle senor senora senorita sra srta dott dottssa signor signora "
    "sig sig.ra dona".split()
)
_PARTICLES = frozenset(
    "de la del della di da do dos das du van von der den ter le al el bin ibn ben bint y st".split()
)
# organization suffixes / heads.  strong: make an org of any proper-looking run before them.
_ORG_STRONG = frozenset(
    "inc incorporated llc llp lp plc ltd limited corp corporation co company gmbh ag sa nv bv pllc pc "
    "bank bancorp university univ college hospital hospitals foundation association assn society "
    "institute alliance council federation coalition consortium fund trust credit union "
    "agency authority commission bureau dept department ministry "
    "academy seminary museum conservatory clinic laboratories labs pharmaceuticals pharma "
    "therapeutics biosciences bioscience biotech insurance assurance healthcare "
    "meetup chamber club league guild network networks partnership church churches temple "
    "synagogue mosque parish ministries cathedral diocese archdiocese congregation "
    "library libraries depository clubs charities".split()
)
_ORG_WEAK = frozenset(
    "group partners associates services solutions system systems technologies technology tech "
    "consulting consultants advisors advisory capital holdings enterprises industries "
    "international global worldwide logistics management media communications labs studio "
    "studios health medical center centre centers office school schools academy "
    "mechanical electric electrical plumbing construction contracting builders engineering "
    "realty properties development ventures energy foods brands financial securities "
    "investments analytics software digital designs design marketing staffing recruiting "
    "resources manufacturing products supply hardware motors auto automotive arts "
    "dental pharmacy bakery catering landscaping roofing transport transportation trucking "
    "express airlines airways bio sciences research labs lab store stores markets market "
    "restaurant restaurants hotel hotels resorts apparel entertainment records music "
    "publishing press news works board boards terminal terminals brothers bros shipping lines rail "
    "railroad transit farms farm kitchen cafe grill pizza law pediatrics orthopedics imaging "
    "rehab therapy homecare nursing homes contractors solar steel metals plastics packaging "
    "printing chemicals beverages brewing brewery distillery winery wealth cpas accountants "
    "attorneys sons daughters bookkeeping tutoring cleaning staffing dentistry veterinary vet optical eyecare clinics pharmacy collective cooperative "
    "co-op coop outfitters interiors furniture flooring electronics robotics aerospace "
    "defense security semiconductor semiconductors biologics diagnostics devices "
    "scientific medicine district body freight architects architecture aviation airline games "
    "professionals care".split()
)
# heads that take an "of ..." complement: "University of X", "Council of New Jersey Grantmakers"
_ORG_OF_HEADS = _ORG_STRONG | frozenset(
    "university college school institute council department dept bank society association "
    "authority board bureau office center centre museum academy federation foundation "
    "chamber division commission league church order city county state port alliance "
    "coalition network union club partners group services".split()
)
_CONNECT = frozenset(["of", "and", "&", "for", "the", "on", "in", "at"])
# suffix words distinctive enough to make an org of any capitalised run before them, even a
# run that is an ordinary word or a person's name ("Falcon Logistics", "Dennis Electric")
_ORG_DISTINCT = frozenset(
    "logistics scientific bank library libraries district partners group labs lab studio studios "
    "design designs electric electrical construction contracting builders plumbing roofing "
    "landscaping trucking transport freight staffing realty properties ventures capital holdings "
    "industries enterprises brands foods motors automotive apparel bakery catering brewing brewery "
    "distillery winery pharmacy dental dentistry orthopedics pediatrics imaging rehab veterinary "
    "homecare interiors furniture flooring outfitters robotics aerospace steel metals plastics "
    "packaging printing chemicals consulting consultants advisors associates foundation "
    "pharmaceuticals therapeutics biosciences insurance architects aviation".split())
# words that may follow a known organization and belong to its name ("Emory Healthcare",
# "Baylor Medicine", "fedex ground", "X University Medical Center")
_ORG_TAILS = (("medical", "center"), ("medical", "centre"), ("medical", "group"), ("health", "care"),
              ("health", "system"), ("health", "systems"), ("medicine",), ("healthcare",), ("health",),
              ("hospital",), ("hospitals",), ("freight",), ("ground",), ("logistics",), ("foundation",),
              ("labs",), ("ventures",), ("bank",), ("insurance",), ("aerospace",), ("pharmaceuticals",),
              ("scientific",), ("children's",))
# capitalised words that continue a known organization's name ("Jazz" + "Aviation", "WestJet
# Encore", "X Health Africa", "X Dental Care", "X Professionals"); never places or person names
_ORG_TAIL_WORDS = frozenset(
    "aviation encore global care africa professionals architects architecture dental group energy "
    "airlines airways air games studios studio entertainment capital partners solutions services "
    "systems technologies consulting digital labs media holdings international foods brands pharma "
    "healthcare insurance bank financial securities advisory ventures interactive software "
    "engineering construction developments homes logistics networks telecom communications "
    "motors mining minerals resources metals petroleum oil gas power utilities water "
    "foundation trust charity institute academy college university hospital hospitals clinic "
    "clinics laboratories therapeutics biosciences diagnostics vision eyecare optometry pharmacy "
    "wealth investments investment retail stores supermarkets markets express freight "
    "rail transit transport shipping marine ports airport airports estates vineyards wines "
    "winery agri agribusiness nutrition beverages breweries industries enterprises corporation "
    "company limited plc llp llc inc ltd gmbh ag".split())
_ORG_TAIL_LOWER = frozenset("medicine healthcare health hospital hospitals freight ground logistics "
                            "foundation".split())
# heads after which "of <Place>" belongs to the name ("United Way of Central Ohio")
_OF_PLACE_MODS = frozenset("greater metro metropolitan north south east west northern southern eastern "
                           "western central upper lower coastal mid inland the".split())
_PAYSCALE_NEXT = frozenset("scale grade grades level step pay band series".split())
_CAMEL_PREFIX = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du", "St", "Fitz", "O'", "Ja", "Ka")
_STRONG_PERSON_CUE = frozenset("ask asked asking ping pinged cc text texted email emailed w/ with "
                               "thank thanked tell told call called".split())
_SUFFIX_ALL = _ORG_STRONG | _ORG_WEAK | _ORG_OF_HEADS
_OF_PLACE_HEADS = _ORG_OF_HEADS | frozenset(
    "way clubs goodwill ymca ywca humanity sisters achievement scouts easterseals charities league legion "
    "corps rotary kiwanis services health hospital network urban arc".split())
# generic words that never make an organization name by themselves ("Career Services")
_GENERIC = frozenset(
    "career careers human customer client student students employee employer professional "
    "information technical technology shared business corporate global internal legal "
    "financial finance sales marketing project program programs product operations "
    "support service services talent people research development data digital health "
    "medical public private general community member members alumni office new my our "
    "your the a this that hr it pmo dept department team teams group national regional "
    "local state federal central executive management admissions advancement accounting "
    "engineering design strategy risk security compliance quality supply chain tax audit "
    "graduate undergraduate continuing education training learning job jobs placement "
    "benefits payroll facilities communications relations investor staff small".split()
)
# verbs / words that open a line and are capitalised only because they open it
_LEAD_VERBS = frozenset(
    "met meet called call emailed email texted text ask asked talk talked spoke speak "
    "check checked apply applied try tried see saw visit visited contact contacted follow "
    "followed thank thanked join joined read send sent ping pinged intro introduced also "
    "maybe via per thanks lunch coffee dinner breakfast drinks info interview recruiter "
    "todo note notes reminder remember look looking attend attended go went reach "
    "update told tell review reviewed connect connected".split()
)
# previous-word cues that the next name is a person
_PERSON_CUE_PREV = frozenset(
    "w/ with met meet meeting call called calling email emailed emailing text texted "
    "ping pinged ask asked asking tell told thank thanked thanks cc intro introduced "
    "introduce contact contacted reach dm dmed message messaged invite invited "
    "speaker moderator panelist host mentor friend friends colleague coworker co-worker "
    "boss manager mgr supervisor director vp svp evp avp agm gm ceo cfo cto coo cmo chro "
    "recruiter sister brother wife husband partner son daughter cousin mom dad mother "
    "father uncle aunt neighbor neighbour classmate roommate cofounder co-founder founder "
    "owner admin assistant hiring head lead chair chairperson president dean professor "
    "coach advisor adviser sponsor referred referral by per and + & or".split()
)
_PERSON_CUE_PREV2 = frozenset(["talk to", "talked to", "spoke to", "spoke with", "speak to",
                               "speak with", "intro to", "introduced to", "introduce to",
                               "reach out to", "reached out to", "follow up with",
                               "followed up with", "meeting with", "coffee with",
                               "lunch with", "me to", "connect with", "connected with",
                               "catch up with", "sit down with", "chat with", "chatted with",
                               "sent to", "send to", "forward to", "friends with",
                               "married to", "reports to", "introduced me"])
# next-word cues that the previous name is a person
_PERSON_CUE_NEXT = frozenset(
    "said says mentioned thinks thought recommends recommended recommend suggests "
    "suggested knows told asked offered agreed promised introduced intro'd referred "
    "wants wanted advised warned explained shared emailed texted called replied "
    "responded confirmed noted added laughed admitted".split()
)
# previous-word cues for an organization
_ORG_CUE_PREV = frozenset(
    "at @ from ex ex- joined join joining left leaving leave @ works worked working "
    "employer company firm client vendor booth sponsor sponsored partner acquired "
    "acquisition competitor competitors".split()
)
_ORG_CUE_PREV_MOVE = frozenset("moved went switched jumped transferred applied apply "
                               "referral referred interviewing interviewed".split())
_ORG_CUE_NEXT = frozenset(
    "hiring hires hired corporate hq headquarters recruiter recruiters recruiting "
    "careers internship internships booth office offices campus site team teams has "
    "pays paid spun acquired bought laid layoffs layoff uses posted postings posting "
    "jobs openings employees culture benefits alumni stock merger reorg reorganization "
    "division subsidiary's contract contracts rotational returnship dc store stores restructuring "
    "restructure restructured "
    "warehouse plant location locations branch branches facility hub".split()
)
_ORG_CUE_PREV2 = frozenset(["moved from", "came from", "switched from", "moved to", "went to",
                            "left for", "jumped to", "transferred to", "works at", "worked at",
                            "working at", "works for", "worked for", "now at", "job at",
                            "role at", "interview at", "interviewing at", "interviewed at",
                            "offer from", "recruiter from", "someone from", "someone at",
                            "people at", "contact at", "friend at", "was at", "is at",
                            "apply to", "applied to", "retired from", "laid off from",
                            "part of", "acquired by", "bought by", "owned by", "subsidiary of",
                            "division of", "spun off from", "merged with", "contract with",
                            "drives for", "drive for", "driver for", "driver at", "nurse at",
                            "shifts at", "hired at", "hired by", "started at", "intern at"])
_ORG_CUE_PREV2_STRONG = frozenset(["part of", "acquired by", "bought by", "owned by", "subsidiary of",
                                   "division of", "works at", "worked at", "working at", "works for",
                                   "worked for", "job at", "role at", "offer from", "recruiter from",
                                   "interview at", "interviewing at", "interviewed at", "now at",
                                   "drives for", "driver at", "nurse at", "hired at", "hired by"])
_ADVERBS = frozenset("still also is are was were now just really def definitely always "
                     "actively currently".split())
# words after a brand that make it a product/tool, not the company
_PRODUCT_NEXT = frozenset(
    "meet analytics sheets docs drive cloud ads adwords certificate certification "
    "certifications cert certs learning premium excel teams word office outlook "
    "workspace suite search maps calendar forms slides classroom sites 365 pay wallet "
    "prime card sheet doc dashboard dashboards studio terminal ratings".split()
)
_STATES = frozenset("al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt "
                     "ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc".split())
_STATES_LOWER = frozenset("fl nj ny pa ca tx ct md nc sc ga va wa az nv".split())
_PLACE_PREFIX = frozenset("lake mount mt fort ft port san santa los las upper lower".split())
_PLACE_NEXT = frozenset("twp township county city heights park falls hills borough boro village "
                        "beach lake lakes springs valley junction sq square plaza ave avenue blvd "
                        "rd road st street station neighborhood neighbourhood".split())
_LOCAL_CLUBS = frozenset(["rotary", "kiwanis", "lions club", "toastmasters", "ymca", "ywca", "jaycees",
                          "elks", "optimist club", "chamber of commerce", "junior league", "bni",
                          "habitat for humanity", "goodwill", "meetup", "knights of columbus"])
_NO_KEYS: frozenset = frozenset()
_CERT_WORDS = frozenset("certificate certification certifications cert course courses program bootcamp "
                        "exam degree diploma credential badge training".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds "
                      "thu thur thurs fri sat sun january february march july september october "
                      "november december".split())
_COORD = frozenset([" + ", "+", ", ", " and ", " & ", " or ", "/", " / ", " vs ", " vs. ", " + the "])
_ORG_CUE_NEXT_STRONG = frozenset("hiring hires corporate hq headquarters recruiter recruiters "
                                 "careers layoffs acquired spun".split())
_SUBJ_VERBS = _PERSON_CUE_NEXT | frozenset(
    "left joined moved works worked runs ran is was has had went started leads manages owns "
    "got took switched retired quit heads".split())
_NEVER_LOWER_ALIAS = frozenset("will may can mark hope bill art pat sue rob guy frank chase "
                               "grant dean rich jack sunny joy june april august".split())
_LEGAL = frozenset("inc llc corp co ltd lp llp plc pllc gmbh ag sa nv bv pty limited incorporated "
                   "corporation company se kgaa oyj asa spa srl bhd sdn".split())
# cues after which an unknown all-caps short word is an employer ("left KPLX", "interned at QRMV")
_ACRO_CUE = frozenset("at @ from ex ex- joined join joining left leaving".split())
_ACRO_CUE2 = frozenset(["works for", "worked for", "working for", "moved to", "went to", "switched to",
                        "jumped to", "recruiter at", "interned at", "intern at", "internship at",
                        "recruiter from", "offer from", "transferred to", "hired by", "contract with"])
_CN_SURNAMES = frozenset(
    "tan lim lee ng ong goh chua teo koh wong chan lau yeo tay sim low ho chong foo lai toh quek seah yap "
    "chia khoo heng pang phua soh ang neo liew loh kwek tham chew chin chen li wang zhang liu yang huang "
    "zhao wu zhou xu sun zhu hu guo lin luo gao zheng liang xie song tang han feng deng cao peng zeng "
    "xiao tian dong pan yuan cai jiang yu du ye cheng su lu ding ren shen yao jin fu zhong leong cheong "
    "yeoh teh ooi khor tee lum fong kwan tsang cheung leung yip kwok mok".split())
_CN_GIVEN = frozenset(
    "wei ling mei jun hui xin yi jia zhi min hao yu xiao li ying hong jing yan qing lin fang hua jie ming "
    "kai tian yong cheng feng bo chen rui xuan zi han yue lan ping qiang lei bin bao an kang siew kim boon "
    "keng seng hock beng choon chee kok wai yee yoke poh geok swee teck guan huat leong meng soon peng hwee "
    "lay ai xiu shu si wen jian liang jin lian yun xiang zhen hai jiang long jun yang zhong guo kwang "
    "shan shi hua ka ki man kit wing chi sze tsz hoi fai ho lok".split())
_ROLE_BEFORE_AT = frozenset(
    "partner partners manager mgr senior associate analyst auditor accountant consultant director intern "
    "internship recruiter engineer lead head vp principal staff job role roles now currently works worked "
    "working employed someone friend contact people tax audit advisory cpa controller bookkeeper".split())
_EDU_BEFORE = frozenset(
    "masters master's msc ma mba phd doctorate degree undergrad undergraduate studied studies study "
    "graduated grad graduate alum alumna alumnus lecturer professor prof postdoc teaches taught "
    "lecturing bachelors bachelor's bsc ba llb llm mphil mres beng meng diploma exchange semester".split())
_EVENT_PREV = frozenset("hurricane cyclone typhoon storm bsides tropical".split())
_PLACE_AFTER = frozenset("airport airports intl terminal station bridge tunnel expressway highway hwy "
                         "parkway stadium arena".split())
_BREAK_RE = re.compile(r"[.;:!?()\[\]\"|>]| - ")
_PRONOUNS = frozenset("i me my mine he him his she her hers they them their we us our you your it its".split())

# ---------------------------------------------------------------------------
# Data loading (lazy, once)

_DATA = None


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _read_lines(name: str) -> list[str]:
    from netbook.resources import data_path

    try:
        with open(data_path("gazetteers", name), encoding="utf-8") as f:
            raw = f.read()
    except OSError:
        return []
    return [ln for ln in raw.splitlines() if ln and not ln.startswith("#")]


def _read_words(name: str) -> list[str]:
    """Whitespace-separated entries of a big list whose comments are a leading block."""
    from netbook.resources import data_path

    try:
        with open(data_path("gazetteers", name), encoding="utf-8") as f:
            raw = f.read()
    except OSError:
        return []
    while raw.startswith("#"):
        nl = raw.find("\n")
        raw = raw[nl + 1:] if nl >= 0 else ""
    return raw.split()


class _Data:
    __slots__ = ("fn", "fn_amb", "sn", "common", "stop", "places", "place_phrases", "skip_lower", "place_first",
                 "software", "org_index", "org_tokens", "nick", "nick_rev", "skip_cap", "lower_start",
                 "soft_phrases")

    def __init__(self, build: bool = True) -> None:
        if build:
            self._build()

    def _build(self) -> None:
        self.fn = frozenset(_read_words("first_names.txt"))
        self.sn = frozenset(_read_words("surnames.txt"))
        self.common = frozenset(_read_words("english_common.txt"))
        stop: set[str] = set()
        for ln in _read_lines("stop_words.txt"):
            stop.update(ln.split())
        self.stop = frozenset(stop)
        soft: set[str] = set()
        for ln in _read_lines("software.txt"):
            soft.update(ln.split())
        self.software = frozenset(soft)
        self.soft_phrases = frozenset(" ".join(_tok_key(t) for t in _TOKEN_RE.findall(ln))
                                      for ln in _read_lines("software_phrases.txt") if ln.strip())
        places = [ln.strip().lower().replace(".", "") for ln in _read_lines("places.txt") if ln.strip()]
        self.places = frozenset(p for p in places if " " not in p)
        self.place_phrases = frozenset(places)
        self.place_first = frozenset(p.split()[0] for p in places)
        self.fn_amb = frozenset(w for w in self.fn if w in self.common or w in self.stop
                                or w in self.places or w in self.software)
        nick: dict[str, list[str]] = {}
        nick_rev: dict[str, set[str]] = {}
        for ln in _read_lines("nicknames.txt"):
            parts = ln.split()
            if len(parts) >= 2:
                nick.setdefault(parts[0], []).extend(parts[1:])
                for p in parts[1:]:
                    nick_rev.setdefault(p, set()).add(parts[0])
        self.nick = nick
        self.nick_rev = nick_rev
        # organizations: first token key -> list of (token keys tuple, canonical, flags)
        index: dict[str, list] = {}
        org_tokens: set[str] = set()
        for ln in _read_lines("organizations.txt"):
            amb = ln.startswith("~")
            if amb:
                ln = ln[1:]
            names = [p.strip() for p in ln.split("|") if p.strip()]
            if not names:
                continue
            canon = names[0]
            ckey = _norm_org_key(canon)
            for n_i, name in enumerate(names):
                _add_org(index, org_tokens, name, ckey, amb, is_canon=(n_i == 0), data=self)
        for lst in index.values():
            lst.sort(key=lambda e: -len(e[0]))
        self.org_index = index
        self.org_tokens = frozenset(org_tokens)
        self.skip_lower = frozenset(w for w in self.common if w not in index)
        self.lower_start = frozenset(self.fn | set(index))
        keep = self.fn | self.sn | _SUFFIX_ALL | _HONORIFICS | _PARTICLES
        self.skip_cap = frozenset(w for w in (self.stop | self.software)
                                  if w not in index and w not in keep and len(w) > 3)


def _norm_org_key(name: str) -> str:
    return " ".join(_fold(name).replace("’", "'").split())


# org entry flags
_O_CASE = 1  # must match case-sensitively (acronym written in capitals)
_O_AMB = 2  # ordinary word / name / product: needs capitals and not a person alias
_O_LOWER_CTX = 4  # lowercase use needs org context


def _add_org(index, org_tokens, name, ckey, amb, is_canon, data) -> None:
    toks = _TOKEN_RE.findall(name)
    if not toks:
        return
    keys = tuple(map(_tok_key, toks))
    flags = 0
    has_upper = name != name.lower()
    single = len(keys) == 1
    k0 = keys[0]
    if not is_canon and has_upper:
        flags |= _O_CASE
    if is_canon and single and name.isupper() and (len(k0) <= 3 or k0 in data.common
                                                    or k0 in data.stop or k0 in data.places
                                                    or k0 in _PRONOUNS):
        flags |= _O_CASE
    if amb:
        flags |= _O_AMB
    if single:
        if k0 in data.software or k0 in data.stop:
            flags |= _O_AMB | _O_LOWER_CTX | 8  # 8: tool/site/title, needs org context whatever the case
        if k0 in data.common or k0 in data.fn or k0 in data.places or k0 in data.stop:
            flags |= _O_AMB
        if k0 in data.sn and not (flags & _O_CASE):
            flags |= _O_AMB
        if len(k0) <= 2 and not (flags & _O_CASE):
            flags |= _O_LOWER_CTX
    else:
        if all(k in data.common or k in _CONNECT for k in keys):
            flags |= _O_AMB  # "waste management", "general assembly"
    entry = (keys, ckey, flags, tuple(toks) if flags & _O_CASE else None)
    index.setdefault(k0, []).append(entry)
    for k in keys:
        org_tokens.add(k)


_GAZETTEERS = ("first_names.txt", "surnames.txt", "english_common.txt", "stop_words.txt",
               "software.txt", "places.txt", "nicknames.txt", "organizations.txt",
               "software_phrases.txt")
_CACHE_FORMAT = 2


def _cache_file():
    """(path, signature) of the processed-word-list cache, or (None, None)."""
    try:
        from netbook.resources import data_path

        sig = [_CACHE_FORMAT, sys.version_info[:2]]
        for name in _GAZETTEERS:
            st = os.stat(data_path("gazetteers", name))
            sig.append((name, st.st_size, st.st_mtime_ns))
        st = os.stat(__file__)
        sig.append(("code", st.st_size, st.st_mtime_ns))
        base = os.environ.get("NETBOOK_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "netbook")
        return os.path.join(base, "mentions-wordlists.marshal"), repr(sig)
    except Exception:
        return None, None


def _load_cached(path, sig):
    import marshal

    try:
        with open(path, "rb") as f:
            blob = marshal.load(f)
        if blob[0] != sig:
            return None
        data = _Data(build=False)
        for name, value in zip(_Data.__slots__, blob[1]):
            setattr(data, name, value)
        return data
    except Exception:
        return None


def _save_cached(path, sig, data) -> None:
    import marshal

    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        tmp = "%s.%d.tmp" % (path, os.getpid())
        blob = (sig, [getattr(data, name) for name in _Data.__slots__])
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            marshal.dump(blob, f)
        os.replace(tmp, path)
    except Exception:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except Exception:
            pass


def load_data() -> _Data:
    """Load the word lists (once per process).  Called lazily by the detector.

    The processed tables are cached (marshal, owner-only file) under
    ``$NETBOOK_CACHE_DIR`` or ``~/.cache/netbook``, keyed by the word lists' and this
    module's size and mtime; the cache is optional and rebuilt when stale or unusable.
    """
    global _DATA
    if _DATA is None:
        path, sig = _cache_file()
        data = _load_cached(path, sig) if path else None
        if data is None:
            data = _Data()
            if path:
                _save_cached(path, sig, data)
        _DATA = data
    return _DATA


# ---------------------------------------------------------------------------
# Tokenizer

_TOKEN_RE = re.compile(r"[^\W_](?:[\w]|[-'’&.+](?=[^\W_]))*(?:['’](?![^\W_]))?")
_MASK_RE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|io|edu|gov|ai|co|us|info|biz)(?:/\S*)?\b|"
    r"\+?\d[\d().\s-]{7,}\d"
)
_DOT_ABBR = frozenset("inc corp co ltd llc lp llp plc dept univ assn assoc bros intl natl st ste jr sr mt ft "
                      "cos mfg svc svcs grp hosp ctr".split())
_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]{1,3}-[a-z]{2,4}$")
_INITIALS_RE = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")
_KEYCACHE: dict[str, str] = {}


def _tok_key(t: str) -> str:
    k = _KEYCACHE.get(t)
    if k is None:
        k = _fold(t).replace("’", "'").replace(".", "")
        if len(_KEYCACHE) < 200_000:
            _KEYCACHE[t] = k
    return k


# token shapes
_LOWER, _TITLE, _UPPER, _OTHER = 0, 1, 2, 3

# token tuple layout
# (start, end, text, key, shape, poss)


_MASK_HINT = re.compile(r"@|//|www\.|\.(?:com|net|io|edu|gov|ai|co|us|info|biz)\b|\d[\d().\s-]{7,}\d")
_TINFO: dict[str, tuple] = {}


def _tinfo(t: str, org_tokens) -> tuple:
    """(key, shape, plain, dot_ok) for a raw token; plain = no special handling needed."""
    info = _TINFO.get(t)
    if info is None:
        key = _tok_key(t)
        shape = _mk(0, 0, t, False)[4]
        plain = not (t[-1] in "'’" or (len(t) > 2 and t[-2] in "'’") or ("-" in t and t[0].islower()))
        dot_ok = (len(t) <= 4 or "." in t) and (
            len(key) == 1 or bool(_INITIALS_RE.match(t)) or key in _HONORIFICS or key in _DOT_ABBR)
        info = (key, shape, plain, dot_ok)
        if len(_TINFO) < 200_000:
            _TINFO[t] = info
    return info


def _tokenize(line: str, data: _Data):
    masks = None
    if _MASK_HINT.search(line):
        masks = [(m.start(), m.end()) for m in _MASK_RE.finditer(line)]
        # keep org names that look like domains (AnitaB.org, booking.com)
    toks = []
    org_tokens = data.org_tokens
    L = len(line)
    for m in _TOKEN_RE.finditer(line):
        s, e = m.span()
        t = m.group()
        if not masks:
            info = _tinfo(t, org_tokens)
            if info[2]:
                if info[3] and e < L and line[e] == ".":
                    t = t + "."
                    toks.append((s, e + 1, t, _tok_key(t), info[1], False))
                else:
                    toks.append((s, e, t, info[0], info[1], False))
                continue
        if masks:
            hit = False
            for ms, me in masks:
                if s < me and ms < e:
                    hit = True
                    break
            if hit and _tok_key(t) not in org_tokens:
                continue
        # trailing apostrophe (Dunkin') only kept for known org tokens
        if t[-1] in "'’" and _tok_key(t) not in org_tokens:
            t = t[:-1]
            e -= 1
            if not t:
                continue
        # trailing period for initials, titles, suffixes (J. / Dr. / Corp. / Co.)
        if e < len(line) and line[e] == "." and (len(t) <= 4 or "." in t):
            kt = _tok_key(t)
            if (len(kt) == 1 or _INITIALS_RE.match(t) or kt in _HONORIFICS
                    or kt in _DOT_ABBR):
                t = t + "."
                e += 1
        poss = False
        if len(t) > 2 and t[-2] in "'’" and t[-1] in "sS":
            kt = _tok_key(t)
            if kt not in org_tokens:
                t = t[:-2]
                e -= 2
                poss = True
        # split "ex-IDEO", "pre-Merck": lowercase prefix, capitalised rest
        if "-" in t and t[0].islower():
            i = t.find("-")
            rest = t[i + 1:]
            if rest and (rest[0].isupper() or rest[0].isdigit()) and _tok_key(t) not in org_tokens:
                toks.append(_mk(s, s + i, t[:i], False))
                s = s + i + 1
                t = rest
        toks.append(_mk(s, e, t, poss))
    return toks


def _mk(s, e, t, poss):
    c = t[0]
    if c.isupper():
        if len(t) > 1 and t.isupper():
            shape = _UPPER
        else:
            shape = _TITLE
    elif c.islower():
        shape = _LOWER if t.islower() else _OTHER  # iPhone, eBay
    else:
        shape = _OTHER  # 3M, 7-Eleven
    return (s, e, t, _tok_key(t), shape, poss)


# ---------------------------------------------------------------------------
# Context passed to the line detector


class _Ctx:
    """Known lists plus document-level alias tables."""

    __slots__ = ("data", "known_person_full", "known_person_alias", "known_org_index",
                 "known_org_alias", "doc_person_alias", "doc_org_alias", "doc_person_full",
                 "org_known_keys", "all_keys")

    def __init__(self, data: _Data, known_people=(), known_companies=()):
        self.data = data
        # known people: full token tuple -> key ; alias token key -> key
        self.known_person_full: dict[str, list] = {}
        self.known_person_alias: dict[str, str] = {}
        self.known_org_index: dict[str, list] = {}
        self.known_org_alias: dict[str, str] = {}
        self.org_known_keys: dict[str, str] = {}
        self.doc_person_alias: dict[str, str] = {}
        self.doc_org_alias: dict[str, str] = {}
        self.doc_person_full: dict[str, list] = {}
        self.all_keys = None
        for name in known_people or ():
            self._add_known_person(name)
        for name in known_companies or ():
            self._add_known_org(name)
        self.set_doc({}, {})

    def set_doc(self, person_alias, org_alias) -> None:
        """Install the document alias tables (the dicts are shared, not copied)."""
        self.doc_person_alias = person_alias
        self.doc_org_alias = org_alias
        if self.all_keys is None:
            self.all_keys = frozenset(set(self.known_person_alias) | set(self.known_org_alias)
                                      | set(self.known_person_full) | set(self.known_org_index))

    def _add_known_person(self, name) -> None:
        if not isinstance(name, str):
            return
        toks = [m.group() for m in _TOKEN_RE.finditer(name)]
        if not toks:
            return
        keys = tuple(_tok_key(t) for t in toks)
        key = " ".join(_fold(name).split())
        self.known_person_full.setdefault(keys[0], []).append((keys, key))
        if len(keys) >= 2:
            # "Last, First"
            rev = (keys[-1], ",", keys[0])
            self.known_person_full.setdefault(keys[-1], []).append((rev, key))
        data = self.data
        for k in keys:
            if k in _PARTICLES or len(k) < 2:
                continue
            self.known_person_alias.setdefault(k, key)
            for part in k.split("-"):
                if len(part) >= 2 and part not in _PARTICLES:
                    self.known_person_alias.setdefault(part, key)
        first = keys[0]
        for nk in data.nick.get(first, ()):
            self.known_person_alias.setdefault(nk, key)
        for formal in data.nick_rev.get(first, ()):
            self.known_person_alias.setdefault(formal, key)
        if len(keys) >= 2:
            ini = _initials(toks)
            if ini:
                self.known_person_alias.setdefault("\0" + ini, key)
            # first name + last initial ("stan o")
            self.known_person_alias.setdefault(first + " " + keys[-1][0], key)
            for nk in data.nick.get(first, ()):
                self.known_person_alias.setdefault(nk + " " + keys[-1][0], key)

    def _add_known_org(self, name) -> None:
        if not isinstance(name, str):
            return
        toks = [m.group() for m in _TOKEN_RE.finditer(name)]
        if not toks:
            return
        keys = tuple(_tok_key(t) for t in toks)
        key = _norm_org_key(name)
        self.known_org_index.setdefault(keys[0], []).append((keys, key))
        self.org_known_keys[key] = key
        content = [k for k in keys if k not in _CONNECT and k not in _ORG_STRONG
                   and k not in _ORG_WEAK]
        for k in content:
            if len(k) >= 3:
                self.known_org_alias.setdefault(k, key)
            if "-" in k:
                for part in k.split("-"):
                    if len(part) >= 3:
                        self.known_org_alias.setdefault(part, key)
        words = [t for t, k in zip(toks, keys) if k not in _CONNECT]
        if len(words) >= 3:
            acro = "".join(w[0] for w in words).upper()
            self.known_org_alias.setdefault("\0" + acro, key)
        # canonical keys of gazetteer entries this known name matches
        ent = _gaz_lookup(self.data, keys)
        if ent is not None:
            self.org_known_keys[ent] = key


def _lower_surname_shape(k: str, sn, fn) -> bool:
    """o'rourke, mcallister, santos-ferreira: surname-shaped lowercase words."""
    if len(k) >= 5 and (k.startswith("o'") or k.startswith("mc") or k.startswith("mac")) \
            and k.replace("'", "").isalpha():
        return True
    if "-" in k:
        parts = k.split("-")
        return len(parts) == 2 and all(p.isalpha() and len(p) >= 2 for p in parts) and \
            any(p in sn for p in parts) and all(p in sn or p in fn for p in parts)
    return False


_STOP_MID_OK = frozenset("innovation learning education community development leadership training "
                         "research technology career workforce".split())
_STREET_NEXT = frozenset("sq square plaza ave avenue blvd rd road street station twp township county "
                         "borough boro junction".split())


def _gaz_lookup(data: _Data, keys) -> str | None:
    for ent in data.org_index.get(keys[0], ()):
        if ent[0] == tuple(keys):
            return ent[1]
    return None


def _initials(toks) -> str:
    """'Jean-Pierre Lafleur' -> 'JPL'? no: first + last initials: 'JL'; hyphen parts of the
    first name each count ('JP' for Jean-Pierre alone is added separately)."""
    first = toks[0].replace(".", " ").replace("-", " ").split()
    last = toks[-1]
    ini = "".join(p[0] for p in first if p) + last[0]
    return ini.upper()


def _initial_aliases(toks) -> list[str]:
    out = []
    first = toks[0]
    parts = [p for p in first.replace(".", " ").replace("-", " ").split() if p]
    if len(parts) >= 2:  # Jean-Pierre -> JP, R.J. -> RJ
        out.append("".join(p[0] for p in parts).upper())
    if len(toks) >= 2 and toks[-1][:1].isalpha():
        out.append(("".join(p[0] for p in parts) + toks[-1][0]).upper())
    return out


# ---------------------------------------------------------------------------
# Line detector

# raw mention: (start, end, kind, key, source, facts_tag)
# facts: list of ("P", key, token_texts) full person names, ("O", key, alias_keys) orgs


class _Line:
    """Detection over one line; pure function of (line, ctx, use_doc)."""

    __slots__ = ("line", "toks", "ctx", "data", "use_doc", "out", "facts", "n", "gaps")

    def __init__(self, line: str, ctx: _Ctx, use_doc: bool):
        self.line = line
        self.ctx = ctx
        self.data = ctx.data
        self.use_doc = use_doc
        self.toks = toks = _tokenize(line, self.data)
        self.n = len(toks)
        if toks:
            ends = [0] + [t[1] for t in toks]
            starts = [t[0] for t in toks] + [len(line)]
            self.gaps = [line[a:b] for a, b in zip(ends, starts)]
        else:
            self.gaps = [line]
        self.out: list = []
        self.facts: list = []

    # --- helpers -----------------------------------------------------------
    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        toks = self.toks
        a = toks[i - 1][1] if i > 0 else 0
        return self.line[a:toks[i][0]] if i < self.n else self.line[a:]

    def prev_key(self, i: int) -> str:
        if i <= 0:
            return ""
        g = self.gaps[i]
        if g == " ":
            return self.toks[i - 1][3]
        if "@" in g:
            return "@"
        if "/" in g and self.toks[i - 1][3] == "w":
            return "w/"
        if _BREAK_RE.search(g):
            return ""
        return self.toks[i - 1][3]

    def prev2(self, i: int) -> str:
        if i <= 1:
            return ""
        g1 = self.gaps[i]
        g0 = self.gaps[i - 1]
        if g1.strip() or g0.strip():
            return ""
        return self.toks[i - 2][3] + " " + self.toks[i - 1][3]

    def line_start(self, i: int) -> bool:
        """token i begins the line or a sentence/bullet/clause (after timestamps, bullets)."""
        if i == 0:
            return True
        g = self.gaps[i]
        if "\t" in g:
            return True
        st = g.strip()
        if st and st[-1] in ".!?:;]->*•|":
            return True
        # after a timestamp "[6:05]" tokens are digits
        prev = self.toks[i - 1]
        if prev[2].isdigit() and (i == 1 or self.toks[i - 2][2].isdigit()):
            return True
        return False

    def person_cue_before(self, i: int) -> bool:
        pk = self.prev_key(i)
        if pk and pk in _PERSON_CUE_PREV:
            if pk in ("and", "+", "&", "or"):
                # "ramon + trish": only if previous token is itself a person mention
                return bool(self.out) and self.out[-1][2] is PERSON and self.out[-1][1] <= self.toks[i][0] \
                    and self.out[-1][1] >= self.toks[i - 1][0] - 3
            return True
        p2 = self.prev2(i)
        if p2 and p2 in _PERSON_CUE_PREV2:
            return True
        if i > 0:
            g = self.gaps[i]
            if "@" in g:
                return False
            if g.strip() in ("(", "(=", "= ", "=") and self.out and self.out[-1][2] is PERSON \
                    and self.toks[i][4] == _TITLE and self.toks[i][3] in self.data.fn:
                return True
        return False

    def person_cue_after(self, j: int) -> bool:
        if j >= self.n:
            return False
        g = self.gaps[j]
        if g.strip():
            return False
        k = self.toks[j][3]
        if k in _PERSON_CUE_NEXT:
            return True
        if k in ("will", "can", "could", "would", "might", "should") and j + 1 < self.n:
            k2 = self.toks[j + 1][3]
            return k2 in ("intro", "introduce", "refer", "send", "email", "text", "call",
                          "forward", "connect", "share", "review", "check", "ask", "set",
                          "talk", "reach", "help", "mentor", "pass", "put")
        return False

    def org_context(self, i: int, j: int, strict: bool = False) -> bool:
        pk = self.prev_key(i)
        if pk in _ORG_CUE_PREV:
            return True
        if i > 0 and self.toks[i - 1][3] == "ex" and self.toks[i - 1][1] == self.toks[i][0] - 1:
            return True
        if pk == "to" and i >= 2 and self.toks[i - 2][3] in _ORG_CUE_PREV_MOVE:
            return True
        if i >= 2 and self.prev2(i) in _ORG_CUE_PREV2_STRONG:
            return True
        if pk == "for" and i >= 2 and self.toks[i - 2][3] in ("works", "worked", "work", "working", "interviewing", "contractor", "consultant", "consulting"):
            return True
        if pk == "the" and i >= 2 and self.toks[i - 2][3] in ("at", "from", "joined", "left") and not self.gaps[i - 1].strip():
            return True
        if i > 0 and self.gaps[i].strip() == "(" and self.out and self.out[-1][2] is PERSON and (
                not strict or self.gaps[j].strip()[:1] == ")"):
            return True  # "Eduardo Paz (Organon PMO)", "Dev Mehta (Figma)"
        if pk in ("both", "the") and i >= 2 and self.gaps[i - 1].strip() == "(":
            return True
        k = j
        steps = 0
        while k < self.n and steps < 2:
            g = self.gaps[k]
            if g.strip() not in ("", "'", "’"):
                break
            nk = self.toks[k][3]
            if nk in _ORG_CUE_NEXT:
                return True
            if nk in _ADVERBS:
                k += 1
                steps += 1
                continue
            break
        if self.toks[j - 1][5] and j < self.n and self.toks[j][3] in ("hq", "office", "recruiter", "careers", "culture", "team"):
            return True
        return False

    def coordinated_org(self, i: int) -> bool:
        """'TCS + Wipro', 'Lavazza, Barilla and Ferrero': an unknown word listed with an org."""
        t = self.toks[i]
        out = self.out
        if out and out[-1][2] is COMPANY and i > 0:
            between = self.line[out[-1][1]:t[0]]
            if between in _COORD:
                return True
        j = i + 1
        if j + 1 < self.n and self.gaps[j] == " " and self.toks[j][3] in ("and", "or", "vs") \
                and self.gaps[j + 1] == " ":
            j += 1  # "Toro and Medtronic"
        if j < self.n and (self.gaps[j] in _COORD or j > i + 1):
            k2 = self.toks[j][3]
            if k2 in self.data.org_index and self.toks[j][4] != _LOWER:
                ents = self.data.org_index[k2]
                return any(len(e[0]) == 1 and not (e[2] & (_O_AMB | 8)) for e in ents)
        return False

    def product_next(self, j: int) -> bool:
        return j < self.n and not self.gaps[j].strip() and self.toks[j][3] in _PRODUCT_NEXT

    # --- matchers ------------------------------------------------------------
    def match_known_person(self, i):
        best = None
        toks = self.toks
        for keys, key in self.ctx.known_person_full.get(toks[i][3], ()):
            j = i
            ok = True
            for k in keys:
                if k == ",":
                    if j >= self.n or self.gaps[j].strip() != ",":
                        ok = False
                        break
                    continue
                if j >= self.n or toks[j][3] != k:
                    ok = False
                    break
                if j > i and self.gaps[j].strip() not in ("", ","):
                    ok = False
                    break
                j += 1
            if ok and (best is None or j > best[0]):
                best = (j, key)
        return best

    def match_org_list(self, i, index, known):
        """Longest organization from an index at token i -> (end_idx, key, flags) or None."""
        toks = self.toks
        fallback = None
        for ent in index.get(toks[i][3], ()):
            keys = ent[0]
            L = len(keys)
            if i + L > self.n:
                continue
            ok = True
            for d in range(1, L):
                t = toks[i + d]
                if t[3] != keys[d]:
                    ok = False
                    break
                g = self.gaps[i + d]
                gs = g.strip()
                if gs not in ("", "-", "&", "+") or (gs == "-" and g != "-"):
                    ok = False
                    break
                if toks[i + d - 1][5]:  # possessive inside
                    ok = False
                    break
                if t[4] == _LOWER and toks[i][4] != _LOWER and keys[d] in self.data.common \
                        and keys[d] not in _CONNECT:
                    ok = False  # "Accenture song (the marketing side)"
                    break
            if not ok:
                continue
            if known:
                return (i + L, ent[1], 0)
            flags = ent[2]
            if flags & _O_CASE:
                orig = ent[3]
                if any(toks[i + d][2].replace(".", "") != orig[d].replace(".", "") for d in range(L)):
                    if L == 1 and fallback is None and toks[i][4] == _LOWER and len(keys[0]) >= 2 \
                            and not (flags & 8):
                        # "cvs", "ups", "gs" typed in lowercase: only in an employer slot
                        fallback = (i + 1, ent[1], flags | 16)
                    continue
            return (i + L, ent[1], flags)
        return fallback

    def org_ok(self, i, j, flags) -> bool:
        """Accept a gazetteer org match at tokens i..j-1 given its ambiguity flags."""
        t = self.toks[i]
        if self.product_next(j):
            return False
        if j - i == 1 and j < self.n and self.gaps[j] == " " and self.toks[j][3] in _PAYSCALE_NEXT \
                and len(t[3]) <= 3:
            return False  # "GS scale", "GS grade": the federal pay scale
        if j - i == 1 and t[4] == _UPPER and len(t[3]) <= 4 and j + 1 < self.n and (
                (self.gaps[j] == " " and self.toks[j][3] == "at") or self.gaps[j].strip() == "@") \
                and self.toks[j + 1][4] != _LOWER and not self.org_context(i, j):
            return False  # "BD at Fervo", "SWE @ Duolingo": a role before its employer
        if j - i == 1 and t[4] == _TITLE and i > 0 and self.gaps[i] == " " \
                and self.toks[i - 1][3] in ("in", "near", "outside") and t[3] in self.data.places:
            return False  # "plant in Littleton"
        if flags & 16:  # lowercase form of a capitalised short name ("ups", "cvs")
            return self.org_context(i, j, strict=True)
        if flags & 8:  # tool / website: only when the company itself is meant
            return self.org_context(i, j, strict=True)
        if flags & _O_AMB:
            if j - i == 1 and self.use_doc and t[3] in self.ctx.doc_person_alias:
                return False
            if t[4] == _LOWER:
                return self.org_context(i, j)
            if j - i == 1 and self.line_start(i) and t[4] == _TITLE and t[3] in self.data.common:
                # "Target" at line start: need context
                return self.org_context(i, j) or (j < self.n and self.gaps[j].strip() in ("-", ":", ",", "(", "+")) \
                    or self.org_tail(i, j) > j
            if j - i == 1 and t[3] in self.data.fn and t[4] == _TITLE and self.person_cue_after(j):
                return False
            if j - i == 1 and t[3] in _STREET_NEXT and i > 0 and self.gaps[i] == " " \
                    and self.toks[i - 1][4] == _TITLE:
                return False  # "Kendall Square", "Union Station"
            if j - i == 1 and t[3] in self.data.places:
                # "Bellevue", "Cambridge": a city unless the slot says employer
                return self.org_context(i, j) or self.coordinated_org(i)
            return True
        if flags & _O_LOWER_CTX and t[4] == _LOWER:
            return self.org_context(i, j)
        return True

    def match_suffix_org(self, i):
        """Proper-looking run ending in an org suffix (Blue Harbor Logistics LLC,
        Council of New Jersey Grantmakers, Bergen County Sheriff's Office)."""
        toks = self.toks
        data = self.data
        t0 = toks[i]
        if t0[4] == _LOWER or t0[5]:
            return None
        k0 = t0[3]
        if k0 in _CONNECT or k0 in _HONORIFICS or k0 in _PRONOUNS:
            return None
        if k0 in _LEAD_VERBS and self.line_start(i):
            return None
        pre = self.line[:t0[0]]
        if (pre.count('"') % 2 == 1) or pre.count("“") > pre.count("”"):
            return None  # a quoted title ("Just Enough Research")
        end = None
        j = i
        content = 0
        proper = 0
        while j < self.n and j - i < 8:
            t = toks[j]
            if j > i:
                g = self.gaps[j]
                gs = g.strip()
                if gs not in ("", "&") or len(g) > 3:
                    break
                if toks[j - 1][5] and toks[j - 1][3] not in data.org_tokens:
                    break
            k = t[3]
            if t[4] == _LOWER:
                if k in ("of", "and", "for", "&", "on", "de", "du", "des", "la") and j > i:
                    if k == "and" and (toks[j - 1][3] in _LEGAL or (
                            j + 1 < self.n and toks[j + 1][3] in data.org_index
                            and self.match_org_list(j + 1, data.org_index, False))):
                        break  # "X LLP and Y LLP", "Bupa Dental Care and NHS Professionals"
                    j += 1
                    continue
                break
            if k in _ORG_STRONG or k in _ORG_WEAK:
                if j > i and (content > 0):
                    if k in _ORG_STRONG or proper >= 1 or (end is not None and end == j) or (
                            k in _ORG_DISTINCT and proper >= 0.5):
                        end = j + 1
                if j == i and k in _ORG_OF_HEADS:
                    pass
                elif j == i:
                    # leading suffix word ("Health", "Group") is just a word
                    content += 1
                    if k not in _GENERIC:
                        proper += 1
            else:
                if k in data.stop and k not in data.places and k not in data.fn and k not in data.sn \
                        and not (t[4] == _UPPER and len(k) <= 4 and k in ("nj", "ny", "us", "nyc")):
                    if k not in ("st", "saint", "mount", "mt", "port", "new", "north", "south", "east",
                                 "west", "american", "national", "united", "first", "city") and not (
                            j > i and k in _STOP_MID_OK):
                        break
                content += 1
                if k in data.software:
                    pass
                elif k not in _GENERIC and k not in data.common:
                    proper += 1
                elif (t[4] == _UPPER and k not in data.stop) or k in data.places:
                    proper += 1
                elif k not in _GENERIC:
                    proper += 0.5
            j += 1
        # "X of Y": head followed by of + proper run
        if end is None:
            # head-first form "University of Michigan", "Dept. of Labor"
            pass
        # extend "... Institute of Business Forecasting"
        jj = end if end is not None else None
        if jj is None:
            # allow head words anywhere in the run followed by "of"
            for h in range(i, min(j, self.n)):
                if toks[h][3] in _ORG_OF_HEADS and h + 1 < self.n and toks[h + 1][3] in ("of", "for"):
                    if h > i or toks[h][3] in _ORG_OF_HEADS:
                        jj = h + 1
                        break
            if jj is None:
                return None
        # try "of" extension
        if jj < self.n and toks[jj - 1][3] in _ORG_OF_HEADS and toks[jj][3] in ("of", "for") \
                and not self.gaps[jj].strip():
            m = jj + 1
            last_ok = None
            while m < self.n and m - jj <= 5:
                t = toks[m]
                if self.gaps[m].strip() not in ("", "&"):
                    break
                if t[4] == _LOWER:
                    if t[3] in ("and", "&", "of") and m > jj + 1:
                        m += 1
                        continue
                    break
                if t[3] in data.stop and t[3] not in data.places and t[3] not in ("nj", "ny", "us", "labor"):
                    break
                last_ok = m + 1
                if t[5]:
                    break
                m += 1
            if last_ok:
                end = last_ok
        if end is None:
            return None
        # need something proper in the run
        span_keys = [toks[x][3] for x in range(i, end)]
        if all(k in _GENERIC or k in _CONNECT or k in _ORG_STRONG or k in _ORG_WEAK or k in data.software
               for k in span_keys):
            return None
        # "AWS Solutions Architect", "Google Data Analytics Certificate": a title or a product
        if end < self.n and self.gaps[end] == " " and toks[end][4] != _LOWER and (
                toks[end][3] in data.stop or toks[end][3] in _PRODUCT_NEXT or toks[end][3] in _CERT_WORDS):
            if toks[end - 1][3] not in _ORG_STRONG:
                return None
        return end

    def match_person(self, i):
        """Multi-token person name starting at i -> (end_idx, strength) or None."""
        toks = self.toks
        data = self.data
        fn, sn, common = data.fn, data.sn, data.common
        t0 = toks[i]
        k0 = t0[3]
        title_cue = i > 0 and toks[i - 1][3] in _HONORIFICS and toks[i - 1][4] != _LOWER
        if t0[4] == _LOWER and (k0 not in fn or k0 in data.fn_amb) and not (title_cue and k0 in _PARTICLES):
            return None
        j = i
        names = []  # (idx, class) class: F first, S surname, U unknown-proper, I initial, P particle
        lower_mode = t0[4] == _LOWER and k0 not in _PARTICLES
        while j < self.n and len(names) < 5:
            t = toks[j]
            if j > i:
                g = self.gaps[j]
                if g not in (" ",) and not (g == ". " and names and names[-1][1] == "I"):
                    if not (g == "" and t[2][0] == "."):
                        break
                if toks[j - 1][5]:
                    break
            k = t[3]
            if t[4] == _LOWER:
                if k in _PARTICLES and (names or title_cue) and not lower_mode:
                    m = j + 1
                    while m < self.n and m - j < 3 and toks[m][4] == _LOWER and toks[m][3] in _PARTICLES:
                        m += 1
                    if m < self.n and toks[m][4] != _LOWER and m - j < 3:
                        for x in range(j, m):
                            names.append((x, "P"))
                        j = m
                        continue
                if not lower_mode:
                    # "stan o" / "bobby k": single-letter initial after a name
                    if len(k) == 1 and names and k not in ("a", "i") and names[-1][1] in "FSU":
                        names.append((j, "I"))
                        j += 1
                    break
                # lowercase mode
                if len(k) == 1 and names and k not in ("a", "i") and names[-1][1] == "F":
                    if j + 1 >= self.n or self.gaps[j + 1].strip():
                        names.append((j, "I"))
                        j += 1
                    break
                if not names:
                    if k in fn and k not in data.fn_amb and len(k) >= 3:
                        names.append((j, "F"))
                        j += 1
                        continue
                    break
                if k in sn and k not in common and k not in data.stop and k not in data.places \
                        and k not in data.software and len(k) >= 2 and not (
                            k in data.org_index and any(len(e[0]) == 1 for e in data.org_index[k])):
                    names.append((j, "S"))
                    j += 1
                    continue
                if len(names) == 1 and _lower_surname_shape(k, sn, fn):
                    names.append((j, "S"))
                    j += 1
                    continue
                break
            # capitalised token
            if lower_mode:
                break
            if k in _HONORIFICS and not names:
                break
            if _INITIALS_RE.match(t[2].rstrip(".")) and len(k) <= 3 and ("." in t[2] or len(k) == 1):
                if k in ("a", "i") and not t[2].endswith("."):
                    break
                names.append((j, "I"))
                j += 1
                continue
            if (k in _ORG_STRONG or k in _ORG_WEAK) and names:
                return None  # let the org matcher have it ("Kelly Services")
            if k in data.stop or k in data.software or k in _PRONOUNS:
                if not (k in fn or k in sn) or k in _WEEKDAYS:
                    break
                if k in ("will", "may", "can") and names:
                    break
            if k in data.places and not (k in fn or k in sn):
                break
            if names and k in _STREET_NEXT:
                return None  # "Porter Sq", "Jackson Ave"
            if t[4] == _UPPER and len(k) > 1 and not (k in fn or k in sn) :
                break
            if k in fn and not (names and k in sn):
                names.append((j, "F"))
            elif k in sn:
                names.append((j, "S"))
            elif _KOREAN_GIVEN.match(t[2]) and not names:
                names.append((j, "F"))
            elif "-" in k and any(p in fn or p in sn for p in k.split("-")):
                names.append((j, "S"))
            elif k in common or k in data.org_tokens:
                if names and names[-1][1] in "FI" and k not in data.org_tokens and k in sn:
                    names.append((j, "S"))
                else:
                    break
            elif k.isalpha() or "'" in k or "-" in k:
                names.append((j, "U"))
            else:
                break
            j += 1
            if t[5]:
                break
        # trim trailing particles / trailing bare initial after full name
        if len(names) < 2:
            return None
        while names and names[-1][1] == "P":
            names.pop()
        real = [c for _, c in names if c != "P"]
        if len(real) < 2:
            if title_cue and real and names[0][1] == "P":
                return (names[-1][0] + 1, 2)  # "Ms. de la Cruz"
            return None
        if names[0][1] == "P" and not title_cue:
            return None
        end = names[-1][0] + 1
        if end < self.n and self.gaps[end] == " " and toks[end][3] in _PLACE_AFTER:
            return None  # "Billy Bishop airport", "Jomo Kenyatta International": a place
        if lower_mode:
            return (end, 2)
        first = real[0]
        ks = [toks[x][3] for x, c in names if c != "P"]
        # reject place phrases ("New York", "Jersey City")
        if ks[0] in data.place_first and " ".join(ks) in data.place_phrases:
            return None
        if first == "F":
            if ks[0] in data.fn_amb and not title_cue:
                # "Will Smith" ok when the rest is clearly a surname; "Grace Period" not
                if not any(c in "SU" for c in real[1:]) or all(
                        k in common for k in ks[1:]):
                    return None
                if self.line_start(i) and ks[0] in common and real[1] == "U":
                    # "Ray Waihenga - ops lead": a rare surname then a separator or a verb
                    g = self.gaps[end] if end < self.n else ""
                    if not (len(real) == 2 and (end >= self.n or g.strip()[:1] in ("-", "(", ",", ":", "–", "—")
                                                or self.person_cue_after(end))):
                        return None
            return (end, 2)
        if first == "I":
            if any(c in "FSU" for c in real[1:]):
                return (end, 2)
            return None
        if first == "S":
            if any(c == "F" for c in real[1:]):
                return (end, 2)
            if title_cue:
                return (end, 2)
            if any(c == "S" for c in real[1:]) and self.person_cue_before(i):
                return (end, 1)
            return self._line_start_pair(i, end, names)
        # first unknown
        if title_cue:
            return (end, 2)
        if k0 in common:
            return None
        if real[1] in "FS" and (real[1] == "S" or len(real) > 2):
            return (end, 1)
        if self.person_cue_before(i) or self.person_cue_after(end):
            return (end, 1)
        return self._line_start_pair(i, end, names)

    def _line_start_pair(self, i, end, names):
        """'Torrey Podmajersky - content strategist': two unknown proper words opening a
        line and followed by a role/affiliation separator."""
        if len(names) == 2 and self.line_start(i) and end < self.n and \
                self.gaps[end] in (" - ", " (", ", ", ": ", " – ", " — ") and \
                all(c in "SU" for _, c in names) and \
                not any(self.toks[x][3] in self.data.common or self.toks[x][3] in self.data.org_tokens
                        or self.toks[x][4] != _TITLE for x, _ in names):
            return (end, 1)
        return None

    # --- main loop -------------------------------------------------------------
    def run(self):
        toks = self.toks
        n = self.n
        ctx = self.ctx
        data = self.data
        use_doc = self.use_doc
        out = self.out
        skip_lower = data.skip_lower
        skip_cap = data.skip_cap
        lower_start = data.lower_start
        org_index = data.org_index
        ctx_keys = ctx.all_keys
        dpa = ctx.doc_person_alias if use_doc else _NO_KEYS
        doa = ctx.doc_org_alias if use_doc else _NO_KEYS
        has_suffix = not _SUFFIX_ALL.isdisjoint([t[3] for t in toks])
        soft_phrases = data.soft_phrases
        i = 0
        while i < n:
            t = toks[i]
            k = t[3]
            shape = t[4]
            # fast skip: lowercase common words
            if (shape == _LOWER and (k in skip_lower or len(k) < 2 or k not in lower_start)
                    or k in skip_cap or (shape == _OTHER and k[0].isdigit() and k not in org_index
                                                      and k not in _HONORIFICS)) \
                    and k not in ctx_keys and k not in dpa and k not in doa \
                    and not (use_doc and len(k) <= 3 and ("\0" + t[2].upper()) in dpa) \
                    and not (shape == _LOWER and i > 0 and toks[i - 1][3] in _STRONG_PERSON_CUE
                             and k in data.fn and len(k) >= 3) \
                    and not (shape == _LOWER and i + 1 < n and toks[i + 1][4] == _LOWER
                             and (toks[i + 1][3] in _ORG_DISTINCT or toks[i + 1][3] == "auto")):
                i += 1
                continue
            if soft_phrases and i + 1 < n and self.gaps[i + 1] == " ":
                sp_end = self.soft_phrase(i)
                if sp_end and not self.org_context(i, sp_end, strict=True):
                    i = sp_end
                    continue
            if shape == _TITLE and len(k) >= 3 and k[-1] == "s" and t[2][:-1].isupper() and k[:-1] in data.stop:
                i += 1  # "PMs", "VPs", "MBAs": plural roles and degrees
                continue
            if k in data.place_first and i + 1 < n and self.gaps[i + 1] == " " and k not in ctx_keys:
                pe = self.place_phrase(i)
                if pe:
                    go = self.match_org_list(i, org_index, False) if k in org_index else None
                    if (go is None or go[0] <= pe) and not (pe < n and self.gaps[pe] == " " and toks[pe][4] != _LOWER
                                                           and toks[pe][3] in _SUFFIX_ALL):
                        i = pe  # "Kings Cross", "Canary Wharf", "Port Harcourt": a place
                        continue
            if i > 0 and k not in ctx_keys and self.gaps[i] == " " and toks[i - 1][3] in _EVENT_PREV \
                    and toks[i - 1][4] != _LOWER:
                i += 1  # "Hurricane Helene", "BSides Leeds": an event, not a person
                continue
            cands = []  # (end_idx, prio, kind, key, source, start_tok)
            # known people / companies
            kp = self.match_known_person(i) if k in ctx.known_person_full else None
            if kp:
                cands.append((kp[0], 9, PERSON, kp[1], KNOWN, i))
            ko = self.match_org_list(i, ctx.known_org_index, True) if k in ctx.known_org_index else None
            if ko:
                cands.append((ko[0], 9, COMPANY, ko[1], KNOWN, i))
            # gazetteer orgs
            go = self.match_org_list(i, data.org_index, False) if k in data.org_index else None
            if go and self.org_ok(i, go[0], go[2]):
                key = ctx.org_known_keys.get(go[1], go[1])
                src = KNOWN if go[1] in ctx.org_known_keys else SUGGESTED
                e = go[0]
                # absorb legal suffixes: "Campbell Soup Co.", "Acme Inc"
                while e < n and not self.gaps[e].strip(",").strip() and toks[e][3] in (
                        "inc", "llc", "corp", "co", "ltd", "lp", "llp", "plc", "group", "company",
                        "corporation", "incorporated") and toks[e][4] != _LOWER:
                    e += 1
                e = self.org_tail(i, e)
                if e < n and self.gaps[e] == " " and toks[e][4] == _TITLE and toks[e - 1][4] != _LOWER \
                        and ("university" in go[1] or "college" in go[1]) and not toks[e - 1][5] \
                        and self._school_name(e):
                    e += 1
                if e + 1 < n and toks[e][3] == "local" and toks[e][4] == _TITLE and toks[e + 1][2].isdigit() \
                        and self.gaps[e] == " " and self.gaps[e + 1] == " ":
                    e += 2  # "IBEW Local 3"
                s0 = i
                if go[1] in _LOCAL_CLUBS and i > 0 and self.gaps[i] == " " and toks[i - 1][4] == _TITLE \
                        and toks[i - 1][3] in data.places and not (out and out[-1][1] > toks[i - 1][0]):
                    s0 = i - 1  # "Teaneck Rotary", "Montclair Kiwanis"
                    if out and out[-1][1] == toks[i - 1][1]:
                        s0 = i
                    key = toks[i - 1][3] + " " + key
                cands.append((e, 7 if go[0] - i > 1 else 5, COMPANY, key, src, s0))
            # "St. Rose of Lima", "St. Peter's" (parishes, schools, hospitals)
            if k in ("st", "saint") and shape == _TITLE and i + 1 < n and toks[i + 1][4] == _TITLE \
                    and len(self.gaps[i + 1]) <= 1:
                e = i + 2
                if e + 1 < n and toks[e][3] == "of" and toks[e + 1][4] == _TITLE and not toks[i + 1][5]:
                    e += 2
                if (e > i + 2 or self.org_context(i, e)) and \
                        " ".join(x[3] for x in toks[i:e]) not in data.place_phrases:
                    cands.append((e, 6, COMPANY, None, SUGGESTED, i))
            # suffix pattern orgs
            if shape != _LOWER and has_suffix:
                so = self.match_suffix_org(i)
                if so:
                    key = " ".join(toks[x][3] for x in range(i, so))
                    cands.append((so, 6, COMPANY, ctx.org_known_keys.get(key, key), SUGGESTED, i))
            # titles: "Dr. Patel", "Sgt. Romero", "Ms. de la Cruz"
            if k in _HONORIFICS and shape != _LOWER and i + 1 < n and (
                    toks[i + 1][4] != _LOWER or toks[i + 1][3] in _PARTICLES) and len(self.gaps[i + 1]) <= 2 \
                    and toks[i + 1][3] not in _HONORIFICS:
                pm = self.match_person(i + 1)
                if pm:
                    cands.append((pm[0], 8, PERSON, None, SUGGESTED, i + 1))
                else:
                    t1 = toks[i + 1]
                    if t1[4] == _TITLE and t1[3] not in data.stop and t1[3] not in data.places:
                        cands.append((i + 2, 8, PERSON, None, SUGGESTED, i + 1))
            # "Vu, Thao" (Last, First) opening a line
            if shape == _TITLE and i + 1 < n and self.gaps[i + 1] == ", " and k in data.sn \
                    and (k not in data.fn or toks[i + 1][3] not in data.sn) \
                    and toks[i + 1][4] == _TITLE and toks[i + 1][3] in data.fn \
                    and toks[i + 1][3] not in data.fn_amb and self.line_start(i) and not t[5]:
                g = self.gaps[i + 2] if i + 2 < n else ""
                if i + 2 >= n or g.strip()[:1] in ("-", "(", ":", "–", "—", "|", "@"):
                    cands.append((i + 2, 6, PERSON, toks[i + 1][3] + " " + k, SUGGESTED, i))
            # multi-token person
            pm = self.match_person(i)
            if pm:
                if self.surname_firm(i, pm[0]):
                    cands.append((pm[0], 6, COMPANY, None, SUGGESTED, i))  # "partner at Whitley Penn"
                else:
                    cands.append((pm[0], 6 if pm[1] >= 2 else 4, PERSON, None, SUGGESTED, i))
            elif shape == _TITLE and k in _CN_SURNAMES and i + 1 < n:
                ce = self.surname_first(i)
                if ce:
                    cands.append((ce, 6, PERSON, None, SUGGESTED, i))  # "Tan Wei Ling"
            # doc-level aliases
            if use_doc and shape == _LOWER and i + 1 < n and k in ctx.doc_person_alias \
                    and toks[i + 1][4] == _LOWER and self.gaps[i + 1] == " " \
                    and (toks[i + 1][3] in _ORG_WEAK or toks[i + 1][3] in _ORG_STRONG) \
                    and toks[i + 1][3] not in _GENERIC:
                cands.append((i + 2, 8, COMPANY, k + " " + toks[i + 1][3], SUGGESTED, i))
            if use_doc:
                pa = ctx.doc_person_alias.get(k)
                if pa is None and 2 <= len(k) <= 3 and (shape == _UPPER or (
                        shape == _LOWER and k not in data.common and k not in data.stop)):
                    pa = ctx.doc_person_alias.get("\0" + t[2].upper())
                if pa is not None and self.alias_ok(i, person=True):
                    cands.append((i + 1, 7, PERSON, pa, SUGGESTED, i))
                oa = ctx.doc_org_alias.get(k)
                if oa is not None and self.alias_ok(i, person=False):
                    cands.append((i + 1, 6, COMPANY, oa, SUGGESTED, i))
            # known aliases (first name, surname, nickname, initials)
            ka = ctx.known_person_alias.get(k)
            if ka is None and shape == _UPPER and 2 <= len(k) <= 3:
                ka = ctx.known_person_alias.get("\0" + t[2].upper())
            if ka is not None and self.alias_ok(i, person=True, known=True):
                e = i + 1
                if e < n and toks[e][4] == _LOWER and len(toks[e][3]) == 1 and self.gaps[e] == " ":
                    k2 = ctx.known_person_alias.get(k + " " + toks[e][3])
                    if k2 is not None:
                        e += 1
                        ka = k2
                cands.append((e, 9, PERSON, ka, KNOWN, i))
            oka = ctx.known_org_alias.get(k)
            if oka is None and shape == _UPPER:
                oka = ctx.known_org_alias.get("\0" + t[2])
            if oka is not None and (shape != _LOWER or k not in data.common) and not self.product_next(i + 1):
                cands.append((i + 1, 8, COMPANY, oka, KNOWN, i))
            # single first name
            if not cands and shape == _UPPER and 2 <= len(k) <= 6 and out and out[-1][2] is COMPANY \
                    and self.gaps[i].strip() == "(" and i + 1 <= n and (i + 1 == n or self.gaps[i + 1].strip()[:1] == ")"):
                words = [w for w in self.line[out[-1][0]:out[-1][1]].split() if w.lower() not in _CONNECT]
                if "".join(w[0] for w in words).upper() == t[2]:
                    cands.append((i + 1, 6, COMPANY, out[-1][3], SUGGESTED, i))  # "(MHA)"
            if not cands and shape == _TITLE and not t[5] and self.edu_slot(i):
                cands.append((i + 1, 2, COMPANY, None, SUGGESTED, i))  # "masters at Leicester"
            if not cands and shape == _UPPER and self.acronym_employer(i):
                cands.append((i + 1, 2, COMPANY, None, SUGGESTED, i))  # "left KPLX", "interned at QRMV"
            if not cands and shape == _TITLE and not t[5] and k in data.fn and self.employer_slot(i):
                cands.append((i + 1, 2, COMPANY, None, SUGGESTED, i))  # "works at Aurora"
            elif not cands or max(c[0] for c in cands) == i + 1:
                sp = self.single_person(i)
                if sp:
                    cands.append((sp, 3, PERSON, None, SUGGESTED, i))
                elif shape != _LOWER and not cands:
                    ua = self.unknown_org(i)
                    if ua:
                        cands.append((ua, 2, COMPANY, None, SUGGESTED, i))
                    elif shape == _TITLE and self.camel_org(i):
                        cands.append((i + 1, 2, COMPANY, None, SUGGESTED, i))
                elif shape == _LOWER and not cands:
                    lo = self.lower_suffix_org(i)
                    if lo:
                        cands.append((lo, 2, COMPANY, None, SUGGESTED, i))
            if shape == _TITLE and i + 2 < n and not t[5]:
                lf = self.firm_names(i)
                if lf:
                    cands.append((lf, 6, COMPANY, None, SUGGESTED, i))
            if not cands:
                i += 1
                continue
            best = max(cands, key=lambda c: (c[0] - c[5], c[1]))
            e_idx, prio, kind, key, src, s_idx = best
            if kind is COMPANY:
                # a legal suffix belongs to the name: "Osler, Hoskin & Harcourt LLP", "X Pty Ltd", "Y GmbH"
                while e_idx < n and self.gaps[e_idx] in (" ", ", ") and toks[e_idx][4] != _LOWER \
                        and toks[e_idx][3] in _LEGAL and not toks[e_idx - 1][5]:
                    e_idx += 1
            s = toks[s_idx][0]
            e = toks[e_idx - 1][1]
            if kind is COMPANY and prio == 2 and toks[e_idx - 1][5]:
                e += 2  # "shift lead at Bubba's": the 's is the name's
            if kind is PERSON and key is None:
                key = self.person_key(s_idx, e_idx)
                if e_idx - s_idx >= 2 or "." in toks[s_idx][2] or prio == 8:
                    self.facts.append(("P", key, tuple(toks[x][2] for x in range(s_idx, e_idx)),
                                      tuple(toks[x][3] for x in range(s_idx, e_idx))))
            elif kind is COMPANY and key is None:
                key = " ".join(toks[x][3] for x in range(s_idx, e_idx))
            if kind is COMPANY and (prio in (6, 7) and e_idx - s_idx >= 2 or prio == 2):
                self.facts.append(("O" if prio == 6 else "G", key, tuple(toks[x][2] for x in range(s_idx, e_idx)),
                                   tuple(toks[x][3] for x in range(s_idx, e_idx))))
            out.append((s, e, kind, key, src))
            i = e_idx
        return out

    def surname_first(self, i):
        """'Tan Wei Ling', 'Lim Boon Keng': a Chinese surname then one or two given-name syllables."""
        toks = self.toks
        j = i + 1
        while j < self.n and j - i <= 2 and self.gaps[j] == " " and toks[j][4] == _TITLE \
                and not toks[j - 1][5] and all(p in _CN_GIVEN for p in toks[j][3].split("-")):
            j += 1
        if j == i + 1:
            return None
        if j < self.n and self.gaps[j] == " " and toks[j][4] == _TITLE and toks[j][3] not in self.data.stop \
                and toks[j][3] not in self.data.places and toks[j][3] not in _SUFFIX_ALL:
            return None  # longer capitalised run: not sure
        return j

    def surname_firm(self, i, e) -> bool:
        """'at Whitley Penn', 'Baker Tilly-type firm': surnames only (no given name) in an employer
        slot or before a firm word -> an accounting / law / consulting firm."""
        toks = self.toks
        data = self.data
        if e - i < 2 or any(toks[x][4] != _TITLE or "." in toks[x][2] or (
                toks[x][3] in data.fn and (x > i or toks[x][3] not in data.sn or toks[x][3] in data.common))
                            for x in range(i, e)):
            return False
        if e < self.n and self.gaps[e] == " " and toks[e][3] in ("cpas", "cpa", "accountants", "llp",
                                                                 "firm", "audit", "law", "attorneys"):
            return True
        pk = self.prev_key(i)
        if self.prev2(i) in _ORG_CUE_PREV2_STRONG:
            return True
        return pk in ("at", "@") and i >= 2 and toks[i - 2][3] in _ROLE_BEFORE_AT

    def edu_slot(self, i) -> bool:
        """'did her masters at Leicester', 'grad of Carleton', 'Concordia alum': a one-word
        university short form (often a place name) in a study slot."""
        toks = self.toks
        k = toks[i][3]
        data = self.data
        if k in data.stop or k in data.software or k in _PRONOUNS or k in _HONORIFICS or not k.isalpha() \
                or (k in data.fn and k not in data.places) or (self.use_doc and k in self.ctx.doc_person_alias):
            return False
        if i + 1 < self.n and self.gaps[i + 1] == " " and toks[i + 1][4] == _TITLE:
            return False  # a longer capitalised run: leave it to the other rules
        pk = self.prev_key(i)
        if pk in ("at", "from", "of") and i >= 2 and toks[i - 2][3] in _EDU_BEFORE and self.gaps[i - 1] == " ":
            return True
        if i + 1 < self.n and self.gaps[i + 1] == " " and toks[i + 1][3] in ("alum", "alumni", "alumna",
                                                                              "alumnus", "grad", "grads"):
            return True
        return False

    def place_phrase(self, i):
        """End index of a multi-word place name starting at token i, or None."""
        toks = self.toks
        phrases = self.data.place_phrases
        key = toks[i][3]
        best = None
        for m in range(i + 1, min(self.n, i + 4)):
            if self.gaps[m] != " " or toks[m - 1][5]:
                break
            key = key + " " + toks[m][3]
            if key in phrases:
                best = m + 1
        return best

    def acronym_employer(self, i) -> bool:
        """An all-caps 2-5 letter word right after an employer cue, not a role, degree, tool or place."""
        t = self.toks[i]
        k = t[3]
        w = t[2].rstrip(".")
        if not (2 <= len(w) <= 5) or not w.replace("&", "").isalpha() or i == 0:
            return False
        data = self.data
        if k in data.stop or k in data.software or k in data.places or k in _STATES or k in _HONORIFICS \
                or k in _PRONOUNS or (self.use_doc and k in self.ctx.doc_person_alias):
            return False
        if i > 0 and self.toks[i - 1][3] == "ex" and self.toks[i - 1][1] == t[0] - 1:
            return True
        pk = self.prev_key(i)
        if pk in _ACRO_CUE:
            if pk in ("at", "from") and self.out and self.out[-1][2] is COMPANY \
                    and self.out[-1][1] >= self.toks[i - 1][0] - 2:
                return False  # "Infosys at CII": a qualifier after an org
            return True
        return self.prev2(i) in _ACRO_CUE2

    def employer_slot(self, i) -> bool:
        """A lone capitalised word in a slot that only an employer fills: '@ X', 'works at X',
        'job at X' (not 'met at', 'with')."""
        if i == 0:
            return False
        if self.prev_key(i) == "@" and not (self.out and self.out[-1][2] is PERSON):
            return self.gaps[i].strip() == "@"
        if self.prev2(i) in _ORG_CUE_PREV2_STRONG:
            j = i + 1
            if j < self.n and self.gaps[j] == " " and self.toks[j][4] == _TITLE:
                return False  # "works at Grace Kim's office"? leave it to the name rules
            return True
        return False

    def _school_name(self, e) -> bool:
        """'Pritzker' in 'Northwestern Pritzker': a named school after a university."""
        t = self.toks[e]
        k = t[3]
        data = self.data
        if k in data.common or k in data.stop or k in data.places or k in data.software or k in _PRONOUNS \
                or k in _HONORIFICS or (k in data.fn and k not in data.sn) or not k.isalpha():
            return False
        if self.person_cue_after(e + 1) or self.match_person(e):
            return False
        return True

    def soft_phrase(self, i):
        """End index of a multi-word tool name at token i ("Blue Yonder", "Power BI") or None."""
        toks = self.toks
        phrases = self.data.soft_phrases
        key = toks[i][3]
        best = None
        for m in range(i + 1, min(self.n, i + 4)):
            if self.gaps[m] != " ":
                break
            key = key + " " + toks[m][3]
            if key in phrases:
                best = m + 1
        return best

    def org_tail(self, i, e):
        """Extend a gazetteer org ending at e with org words that belong to its name
        ("Emory Healthcare", "Loyola University Medical Center", "fedex ground") and with an
        "of <Place>" complement ("United Way of Central Ohio")."""
        toks = self.toks
        n = self.n
        lower = toks[e - 1][4] == _LOWER
        changed = True
        while changed and e < n:
            changed = False
            if toks[e - 1][5] or self.gaps[e] != " ":
                break
            for tail in _ORG_TAILS:
                L = len(tail)
                if e + L > n or toks[e][3] != tail[0]:
                    continue
                if any(toks[e + d][3] != tail[d] or (d and self.gaps[e + d] != " ") for d in range(L)):
                    continue
                if lower:
                    if any(toks[e + d][4] != _LOWER for d in range(L)) or tail[0] not in _ORG_TAIL_LOWER:
                        continue
                elif any(toks[e + d][4] == _LOWER for d in range(L)):
                    continue
                if self.product_next(e + L):
                    continue
                e += L
                changed = True
                break
            if not changed and not lower and toks[e][4] != _LOWER and toks[e][3] in _ORG_TAIL_WORDS \
                    and not self.product_next(e + 1) and not (e + 1 < n and self.gaps[e + 1] == " "
                                                               and toks[e + 1][3] in _PERSON_CUE_NEXT):
                e += 1
                changed = True
        # "of <Place>"
        if e + 1 < n and toks[e][3] == "of" and toks[e][4] == _LOWER and self.gaps[e] == " " \
                and toks[e - 1][3] in _OF_PLACE_HEADS and not toks[e - 1][5]:
            data = self.data
            m = e + 1
            last = None
            while m < n and m - e <= 4 and (m == e + 1 or self.gaps[m] == " "):
                t = toks[m]
                k = t[3]
                if (t[4] == _LOWER) != lower and not (t[4] == _LOWER and k == "the"):
                    break
                if k in _OF_PLACE_MODS:
                    m += 1
                    continue
                if k in data.places or k in data.place_first or k in _STATES and t[4] == _UPPER or (
                        not lower and t[4] == _TITLE and k not in data.stop and k not in data.common
                        and k not in data.fn and k not in _PRONOUNS):
                    last = m + 1
                    if t[5]:
                        break
                    m += 1
                    continue
                break
            if last is not None:
                e = last
        return e

    def camel_org(self, i) -> bool:
        """'BioHive', 'MassRobotics': a capitalised word with an inner capital is a brand,
        unless it is a name shape (McKenna, DeShawn, LaToya, MaryBeth)."""
        t = self.toks[i]
        w = t[2]
        if len(w) < 5 or not w.isalpha() or w.startswith(_CAMEL_PREFIX):
            return False
        pos = -1
        for x in range(2, len(w)):
            if w[x].isupper() and w[x - 1].islower():
                pos = x
                break
        if pos < 0:
            return False
        k = t[3]
        data = self.data
        if k in data.fn or k in data.sn or k in data.software or k in data.stop or k in data.places:
            return False
        a, b = k[:pos], k[pos:]
        if a in data.fn and b in data.fn or a in data.fn and b in data.sn:
            return False
        if self.person_cue_after(i + 1):
            return False
        return True

    def firm_names(self, i):
        """'Harlow, Beck & Strand', 'Pryor & Vance': surnames joined by commas and '&'
        (law / accounting firms) -> end index or None."""
        toks = self.toks
        data = self.data
        names = [i]
        j = i + 1
        amp = False
        while j < self.n and len(names) < 6:
            g = self.gaps[j]
            t = toks[j]
            if t[4] != _TITLE or toks[j - 1][5]:
                break
            if g in (", ", ","):
                names.append(j)
            elif g in (" & ", ", & ", "&"):
                names.append(j)
                amp = True
                j += 1
                break
            else:
                break
            j += 1
        if not amp or len(names) < 2:
            return None
        ks = [toks[x][3] for x in names]
        if any(k in data.stop or k in data.places or k in data.software or k in _PRONOUNS or not k.isalpha()
               for k in ks):
            return None
        if len(names) == 2:
            # "Ramon & Trish" are people; "Pryor & Vance" a firm: both surnames, not first names
            if not all(k in data.sn and k not in data.fn for k in ks):
                return None
        elif sum(1 for k in ks if k in data.fn and k not in data.sn) > 0:
            return None
        return names[-1] + 1

    def lower_suffix_org(self, i):
        """lowercase notes: 'garza plumbing', 'okafor auto body' in an employer slot."""
        toks = self.toks
        t = toks[i]
        k = t[3]
        data = self.data
        if k in data.common or k in data.stop or k in data.places or len(k) < 3 or not k.isalpha():
            return None
        j = i + 1
        while j < self.n and j - i <= 2 and self.gaps[j] == " " and toks[j][4] == _LOWER and (
                toks[j][3] in _ORG_DISTINCT or toks[j][3] in ("auto", "body", "shop", "electric")):
            j += 1
        if j == i + 1 or toks[j - 1][3] not in _ORG_DISTINCT and toks[j - 1][3] not in ("body", "shop"):
            return None
        if not self.org_context(i, j):
            return None
        return j

    def person_key(self, s_idx, e_idx):
        toks = self.toks
        if e_idx - s_idx == 1 and self.use_doc:
            t = toks[s_idx]
            k = self.ctx.doc_person_alias.get(t[3])
            if k is not None:
                return k
        return " ".join(toks[x][3] for x in range(s_idx, e_idx))

    def alias_ok(self, i, person, known=False) -> bool:
        t = self.toks[i]
        k = t[3]
        data = self.data
        if t[4] == _LOWER:
            if len(k) < 2:
                return False
            if k in data.common or k in data.stop:
                # "grace left Etsy", "ray = 22 yrs": a lowercase alias that is also a word
                # needs a person-like slot
                if not person or k in _NEVER_LOWER_ALIAS:
                    return False
                nxt = self.toks[i + 1][3] if i + 1 < self.n and self.gaps[i + 1] == " " else ""
                return (nxt in _SUBJ_VERBS or self.gaps[i + 1 if i + 1 <= self.n else self.n].strip() == "="
                        or self.person_cue_before(i))
            if known:
                return True
            return k not in data.places
        if self.product_next(i + 1):
            return False
        if t[4] == _TITLE and k in _NEVER_LOWER_ALIAS and self.line_start(i) and not t[5]:
            # "Will send the deck" opening a line: the name only with evidence
            nxt = self.toks[i + 1][3] if i + 1 < self.n and self.gaps[i + 1] == " " else ""
            if not (self.person_cue_after(i + 1) or nxt in _SUBJ_VERBS or i + 1 >= self.n
                    or self.gaps[i + 1].strip()[:1] in ("(", "=", ":", ",", "-", "+", "&")):
                return False
        return True

    def single_person(self, i):
        """A lone first name (or a cue-marked unknown proper word).  -> end idx or None."""
        t = self.toks[i]
        k = t[3]
        data = self.data
        j = i + 1
        if j < self.n and self.gaps[j] in (" ", ", ") and (
                (self.toks[j][4] == _UPPER and self.toks[j][3] in _STATES)
                or (self.toks[j][4] == _LOWER and self.toks[j][3] in _STATES_LOWER)
                or self.toks[j][3] in _PLACE_NEXT):
            return None  # "cary NC", "logan twp", "lake mary fl"
        if i > 0 and self.gaps[i] == " " and (self.toks[i - 1][3] in _PLACE_PREFIX or (
                self.toks[i - 1][3] in ("in", "near", "outside", "around") and not t[5])):
            return None  # "lake mary", "tellers in verona"
        m = j
        while m < self.n and m - i <= 3 and self.gaps[m] == " " and self.toks[m][4] == _TITLE:
            m += 1
        if m < self.n and m > i and self.gaps[m] == " " and self.toks[m][3] in _PLACE_AFTER:
            return None  # "Billy Bishop airport"
        if t[4] == _LOWER:
            if len(k) >= 3 and k in data.fn and k not in data.fn_amb:
                # lowercase: "talk to susan", "kenji's mgr alana"
                if k in data.software or k in data.places:
                    return None
                return self._with_initial(j)
            if len(k) >= 3 and k in data.fn and k not in data.stop and k not in data.software \
                    and k not in data.places and k not in ("may", "can", "guy", "rich", "august", "sunny") \
                    and k not in _PRONOUNS:
                # "ask faith if ...", "cc hope on it": a word-name right after a strong cue
                pk = self.prev_key(i)
                if pk in _STRONG_PERSON_CUE and (j >= self.n or self.gaps[j].strip() or self.toks[j][3] in (
                        "if", "about", "abt", "re", "whether", "when", "on", "for")):
                    return j
            return None
        if t[4] == _UPPER:
            if 2 <= len(k) <= 3 and self.person_cue_before(i) and k not in data.stop \
                    and k not in data.software and k not in data.places and k not in data.org_index:
                return j
            return None
        if t[4] != _TITLE:
            return None
        if k in data.fn:
            if k not in data.fn_amb:
                if k in data.sn and k in data.common:
                    return None
                return self._with_initial(j)
            # ambiguous: Will, Hope, June, Grace, Chase...
            if self.person_cue_before(i) or self.person_cue_after(j) or self.toks[i][5] or (
                    j + 1 < self.n and self.gaps[j] == " " and self.toks[j][3] == "from"
                    and self.gaps[j + 1] == " " and (self.toks[j + 1][3] == "the" or self.toks[j + 1][4] != _LOWER)
                    and k not in data.software and k not in data.places):
                # "Will from the council said hi", "Hope from Unilever"
                if k in data.software and not self.person_cue_after(j):
                    return None
                return self._with_initial(j)
            return None
        if k in data.stop or k in data.software or k in data.places or k in _PRONOUNS:
            return None
        if not k.replace("-", "").replace("'", "").isalpha():
            return None
        cue_b = self.person_cue_before(i)
        cue_a = self.person_cue_after(j)
        if k in data.common:
            if cue_a and not self.line_start(i) and (cue_b or t[5]):
                return j
            return None
        if cue_b or cue_a:
            return j
        if k in data.sn and (t[5] and self.toks[i + 1][3] in ("advice", "email", "number", "team", "boss", "mgr")
                             if i + 1 < self.n else False):
            return j
        return None

    def _with_initial(self, j):
        toks = self.toks
        if j < self.n and len(toks[j][3]) == 1 and self.gaps[j] == " " and toks[j][3] not in ("a", "i") \
                and toks[j][2].isalpha() and not toks[j - 1][5] and not toks[j][5]:
            if j + 1 >= self.n or self.gaps[j + 1][:1] not in ("'", "’", "&", "/"):
                return j + 1
        return j

    def unknown_org(self, i):
        """Unknown proper word(s) in a strong org slot: 'at Zorblax', '@ Zorblax', 'ex-Zorblax'."""
        toks = self.toks
        t = toks[i]
        k = t[3]
        data = self.data
        if k in data.stop or k in data.software or k in data.places or k in _PRONOUNS \
                or k in data.fn or k in _HONORIFICS:
            return None
        pk = self.prev_key(i)
        strong = pk in ("@", "ex", "joined") or (i > 0 and toks[i - 1][3] == "ex" and toks[i - 1][1] == t[0] - 1)
        if not strong and self.prev2(i) in _ORG_CUE_PREV2:
            strong = True
        if not strong and self.out and self.out[-1][2] is PERSON and i > 0:
            between = self.line[self.out[-1][1]:t[0]]
            if len(between) <= 50 and _LINK_RE.match(between) and "\t" not in between:
                strong = True
        if not strong and self.coordinated_org(i):
            strong = True
        if not strong and i + 1 < self.n and self.gaps[i + 1] == " " and toks[i + 1][3] in _ORG_CUE_NEXT_STRONG:
            strong = True
        if not strong and pk in ("at", "from", "joined", "left"):
            strong = i >= 2 and toks[i - 2][3] in (
                "works", "worked", "working", "job", "role", "analyst", "engineer", "manager", "mgr",
                "director", "recruiter", "intern", "internship", "now", "currently", "career",
                "someone", "people", "person", "friend", "contact", "guy", "woman", "girl", "lady",
                "team", "jobs", "roles", "was", "is", "hiring", "position", "vp", "head", "lead",
                "consultant", "specialist", "associate", "coordinator", "designer", "developer", "nurse") \
                or toks[i - 2][3] in _ROLE_BEFORE_AT
        if not strong:
            return None
        if k in data.common and t[4] == _TITLE and not self.coordinated_org(i) and not (
                (pk in ("@", "joined") or self.prev2(i) in _ORG_CUE_PREV2_STRONG
                 or (i > 0 and toks[i - 1][3] == "ex" and toks[i - 1][1] == t[0] - 1))
                and not self.line_start(i) and k not in _GENERIC and len(k) >= 4
                and not (i + 1 < self.n and self.gaps[i + 1] == " " and toks[i + 1][4] != _LOWER)):
            return None  # an ordinary word ("Guess", "Revolve") only in a clear employer slot
        if t[4] == _LOWER or (len(k) < 2) or (t[4] == _UPPER and len(k) < 3):
            return None
        e = i + 1
        while e < self.n and e - i < 3 and self.gaps[e] == " " and toks[e][4] in (_TITLE, _UPPER) \
                and toks[e][3] not in data.stop and toks[e][3] not in data.places \
                and toks[e][3] not in data.software and not toks[e - 1][5] \
                and toks[e][3] not in _ORG_CUE_NEXT and toks[e][3] not in data.common:
            e += 1
        if e < self.n and self.gaps[e] == " " and toks[e][3] in ("at", "for", "with") or \
                e < self.n and "@" in self.gaps[e]:
            return None  # "- DS at Pfizer": a job title, not an employer
        return e


# ---------------------------------------------------------------------------
# Document level


def _line_spans(text: str):
    """(start, end) of each line, without the newline."""
    spans = []
    pos = 0
    n = len(text)
    while True:
        j = text.find("\n", pos)
        if j < 0:
            spans.append((pos, n))
            break
        spans.append((pos, j))
        pos = j + 1
    return spans


class _Facts:
    """Per-line facts -> document alias tables (ref-counted so lines can be removed)."""

    __slots__ = ("person_alias", "org_alias", "pa", "oa")

    def __init__(self):
        # alias -> {key: count}
        self.person_alias: dict[str, dict[str, int]] = {}
        self.org_alias: dict[str, dict[str, int]] = {}
        # resolved alias -> key, kept up to date incrementally
        self.pa: dict[str, str] = {}
        self.oa: dict[str, str] = {}

    @staticmethod
    def _expand(fact, data):
        typ, key, texts, keys = fact
        out = []
        if typ == "P":
            for t, k in zip(texts, keys):
                if k in _PARTICLES or len(k) < 2 or k in data.stop and k not in data.fn:
                    continue
                out.append(("p", k, key))
                if "-" in k:
                    for part in k.split("-"):
                        if len(part) >= 3 and part not in data.common:
                            out.append(("p", part, key))
            for ini in _initial_aliases(list(texts)):
                if len(ini) >= 2 and ini.lower() not in data.org_index:
                    out.append(("p", "\0" + ini, key))
            first = keys[0]
            for nk in data.nick.get(first, ()):
                out.append(("p", nk, key))
        else:
            content = [(t, k) for t, k in zip(texts, keys)
                       if k not in _CONNECT and k not in _ORG_STRONG and k not in _ORG_WEAK]
            if len(content) == 1:
                t, k = content[0]
                if k not in data.places and k not in _GENERIC and k not in data.stop:
                    out.append(("o", k, key))
            elif len(content) >= 2:
                t, k = content[-1]
                named = len(content) >= 3 and content[0][1] in data.fn and k in data.sn
                if (named or (typ == "O" and k not in data.common and k not in data.fn)) \
                        and k not in data.places and k not in _GENERIC and len(k) >= 3 and "." not in t:
                    out.append(("o", k, key))
                t, k = content[0]
                if k not in data.common and k not in data.places and k not in data.fn and k not in _GENERIC \
                        and k not in data.stop and len(k) >= 3:
                    out.append(("o", k, key))
        return out

    def add(self, facts, data, sign=1) -> bool:
        """Add (sign=1) or remove (sign=-1) facts; update the resolved tables for the
        touched aliases only.  Returns True if a resolved alias changed."""
        touched = None
        for fact in facts:
            for typ, alias, key in self._expand(fact, data):
                tab = self.person_alias if typ == "p" else self.org_alias
                d = tab.get(alias)
                if d is None:
                    if sign < 0:
                        continue
                    d = tab[alias] = {}
                after = d.get(key, 0) + sign
                if after <= 0:
                    d.pop(key, None)
                    if not d:
                        del tab[alias]
                else:
                    d[key] = after
                if touched is None:
                    touched = set()
                touched.add(alias)
        if not touched:
            return False
        changed = False
        for alias in touched:
            changed = self._resolve_one(alias) or changed
        return changed

    @staticmethod
    def _best(d):
        # a full name beats a lone surname key; then support; then length
        return max(d.items(), key=lambda kv: (" " in kv[0], kv[1], len(kv[0]), kv[0]))[0]

    def _resolve_one(self, alias) -> bool:
        d = self.person_alias.get(alias)
        new_p = self._best(d) if d else None
        od = self.org_alias.get(alias)
        new_o = self._best(od) if (od and new_p is None) else None
        old_p = self.pa.get(alias)
        old_o = self.oa.get(alias)
        if new_p is None:
            self.pa.pop(alias, None)
        else:
            self.pa[alias] = new_p
        if new_o is None:
            self.oa.pop(alias, None)
        else:
            self.oa[alias] = new_o
        return old_p != new_p or old_o != new_o

    def resolve(self):
        return self.pa, self.oa


_LINK_RE = re.compile(
    r"^\s*(?:,|\(|@|at|from|of|w/|with|-|–|—|\|)\s*$|"
    r"^\s*(?:[-,–—(]|\bis\b)\s*[^()\n]{0,45}?\s(?:at|@|with|from|of|,|-|–)\s*(?:the\s+)?$|"
    r"^\s*(?:[-,–—(])\s*[^()\n]{0,45}?,\s*$",
    re.I,
)


def _link_map(pairs, pa) -> dict[str, str]:
    """person key -> org key from {(local person key, org key): count}.  The org linked
    most often wins, ties broken by name, so the result does not depend on line order."""
    score: dict[str, dict[str, int]] = {}
    for (p, o), c in pairs.items():
        d = score.setdefault(pa.get(p, p) if " " not in p else p, {})
        d[o] = d.get(o, 0) + c
    return {p: min(d.items(), key=lambda kv: (-kv[1], kv[0]))[0] for p, d in score.items()}


def _links_for_line(line: str, raw) -> list[tuple[str, str]]:
    """Pairs (person_key, org_key) linked within one line: 'Susan Smith at Citibank',
    'Susan (Citibank)', 'Susan, Citibank', 'Susan - VP @ Citibank'."""
    links = []
    for a, b in zip(raw, raw[1:]):
        if a[2] is PERSON and b[2] is COMPANY:
            between = line[a[1]:b[0]]
            if len(between) <= 50 and _LINK_RE.match(between):
                links.append((a[3], b[3]))
    return links


def _detect_lines(lines, ctx: _Ctx, line_cache=None):
    """Run local pass over all lines, aggregate, then final pass where needed."""
    data = ctx.data
    facts = _Facts()
    local = []
    pairs: dict = {}
    for ln in lines:
        raw, lfacts, ltoks = _run(ln, ctx, False)
        local.append((raw, lfacts, ltoks))
        if lfacts:
            facts.add(lfacts, data)
        if len(raw) > 1:
            for pair in _links_for_line(ln, raw):
                pairs[pair] = pairs.get(pair, 0) + 1
    pa, oa = facts.resolve()
    ctx.set_doc(pa, oa)
    results = []
    for ln, (raw, f, toks) in zip(lines, local):
        if pa or oa:
            raw = _final_pass(ln, raw, toks, ctx, pa, oa)
        results.append(raw)
    return results, _link_map(pairs, pa)


def _final_pass(ln, raw, toks, ctx, pa, oa):
    """Re-run a line with the document aliases only when they could change it."""
    patch = None
    r = 0
    nraw = len(raw)
    for t in toks:
        k = t[3]
        hit_p = k in pa or (2 <= len(k) <= 3 and ("\0" + t[2].upper()) in pa)
        if not hit_p and k not in oa:
            continue
        while r < nraw and raw[r][1] <= t[0]:
            r += 1
        if r < nraw and raw[r][0] <= t[0] < raw[r][1]:
            m = raw[r]
            if m[0] == t[0] and m[1] == t[1]:
                # single-token mention: same kind -> only the key may change
                if hit_p and m[2] is PERSON and m[4] is SUGGESTED:
                    nk = pa.get(k) or pa.get("\0" + t[2].upper())
                    if nk != m[3]:
                        if patch is None:
                            patch = {}
                        patch[r] = nk
                    continue
                return _run(ln, ctx, True)[0]
            continue  # inside a longer mention: unaffected
        return _run(ln, ctx, True)[0]
    if patch:
        raw = [(m[0], m[1], m[2], patch[x], m[4]) if x in patch else m for x, m in enumerate(raw)]
    return raw


def _ctx_delta_words(old: _Ctx, new: _Ctx) -> set[str]:
    """Lowercase words whose presence in a line can make it detect differently under
    ``new`` than under ``old`` known lists (a superset is fine: it only costs a re-run)."""
    words: set[str] = set()
    for a, b in ((old.known_person_full, new.known_person_full),
                 (old.known_person_alias, new.known_person_alias),
                 (old.known_org_index, new.known_org_index),
                 (old.known_org_alias, new.known_org_alias)):
        for k in set(a) | set(b):
            if a.get(k) != b.get(k):
                k = k.lstrip("\0").split(" ")[0].lower()
                if k:
                    words.add(k)
    ok_a, ok_b = old.org_known_keys, new.org_known_keys
    canon = {k for k in set(ok_a) | set(ok_b) if ok_a.get(k) != ok_b.get(k)}
    if canon:
        for lst in new.data.org_index.values():
            for ent in lst:
                if ent[1] in canon:
                    words.add(ent[0][0])
        words.update(c.split(" ")[0] for c in canon)
    return words


def _make_ctx(known_people, known_companies) -> _Ctx:
    data = load_data()
    kp = _clean_names(known_people)
    kc = _clean_names(known_companies)
    return _Ctx(data, kp, kc)


def _clean_names(names) -> list[str]:
    out = []
    try:
        for n in names or ():
            if isinstance(n, str) and n.strip() and len(n) < 200:
                out.append(n)
    except TypeError:
        pass
    return out


_CHUNK = 2000


def _safe_line(ln: str) -> str:
    return ln


def _run(line: str, ctx: _Ctx, use_doc: bool):
    """Detect one line -> (raw mentions, facts, tokens).  Very long lines (pastes without
    newlines) are cut at spaces into chunks of about 2,000 characters so the cost stays
    linear; a name cut in two at a chunk border may be missed."""
    if len(line) <= 2 * _CHUNK:
        d = _Line(line, ctx, use_doc)
        return d.run(), d.facts, d.toks
    raw: list = []
    facts: list = []
    toks: list = []
    pos = 0
    L = len(line)
    while pos < L:
        end = min(L, pos + _CHUNK)
        if end < L:
            sp = line.rfind(" ", pos + _CHUNK // 2, end)
            if sp > pos:
                end = sp
        d = _Line(line[pos:end], ctx, use_doc)
        raw.extend((a + pos, b + pos, k, key, src) for a, b, k, key, src in d.run())
        facts.extend(d.facts)
        toks.extend((t[0] + pos, t[1] + pos) + t[2:] for t in d.toks)
        pos = end
    return raw, facts, toks


def find_mentions(text: str, known_people: Iterable[str] = (), known_companies: Iterable[str] = ()) -> list[Mention]:
    """All person / organization mentions in ``text``, sorted, non-overlapping."""
    if not isinstance(text, str) or not text:
        return []
    ctx = _make_ctx(known_people, known_companies)
    spans = _line_spans(text)
    lines = [_safe_line(text[a:b]) for a, b in spans]
    results, links = _detect_lines(lines, ctx)
    out = []
    for (a, _b), raw in zip(spans, results):
        for s, e, kind, key, src in raw:
            out.append(Mention(a + s, a + e, kind, text[a + s:a + e], key, src,
                               links.get(key) if kind is PERSON else None))
    return out


# ---------------------------------------------------------------------------
# Incremental tracker


class MentionTracker:
    """Mentions of a document kept up to date line by line (for the note editor).

    Per line it keeps the facts of the local pass (full names, organization names,
    person-organization links).  An edit re-runs the local pass on the changed line
    only and updates ref-counted alias tables for the touched aliases only, so one
    keystroke costs one line of work whatever the length of the note.
    ``line_mentions`` is computed lazily and cached per line until document-level
    facts change (then every cache is stale and lines are recomputed on demand).

    ``update_line`` / ``replace_lines`` return True when document-level facts changed:
    other lines may then show different mentions and should be restyled.
    """

    def __init__(self, known_people: Iterable[str] = (), known_companies: Iterable[str] = ()):
        self._known = (_clean_names(known_people), _clean_names(known_companies))
        self._ctx = _make_ctx(*self._known)
        self._facts = _Facts()
        self._ctx.set_doc(self._facts.pa, self._facts.oa)
        self._lines: list[str] = [""]
        self._lfacts: list = [((), ())]  # per line: (facts, links)
        self._cache: list = [None]  # per line: (generation, raw mentions)
        self._links: dict[tuple[str, str], int] = {}
        self._gen = 0
        self._links_gen = 0
        self._lm_gen: tuple[int, int] = (-1, -1)
        self._lm: dict[str, str] = {}
        self._stale = False
        self._last_local = None

    # -- configuration ---------------------------------------------------------------
    def set_known(self, known_people: Iterable[str], known_companies: Iterable[str]) -> bool:
        """Replace the known people / companies (user tagged a name).

        Only the lines that contain a word of a name whose entry changed (a known name, its
        aliases, nicknames, initials, or a gazetteer organization it renames) can detect
        differently, so only their local pass is re-run; every other line keeps its facts and
        its cached mentions.  Returns True if document-level facts changed."""
        known = (_clean_names(known_people), _clean_names(known_companies))
        if known == self._known:
            return False
        old_ctx = self._ctx
        new_ctx = _make_ctx(*known)
        new_ctx.set_doc(self._facts.pa, self._facts.oa)
        words = _ctx_delta_words(old_ctx, new_ctx)
        self._known = known
        self._ctx = new_ctx
        if not words:
            return False
        pat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        changed = False
        for i, ln in enumerate(self._lines):
            if not ln:
                continue
            f = ln.lower() if ln.isascii() else _fold(ln)
            if "." in f or "’" in f:
                f = f.replace(".", "").replace("’", "'")
            if pat.search(f) is None:
                continue
            self._cache[i] = None
            old = self._lfacts[i]
            lf = self._local(ln)
            if lf != old:
                self._lfacts[i] = lf
                changed = self._update(old, lf) or changed
        return changed

    def _ensure(self) -> None:
        if self._stale:
            self._stale = False
            self._ctx = _make_ctx(*self._known)
            self.set_text("\n".join(self._lines))

    def set_text(self, text: str) -> None:
        """Replace the whole document (load, paste)."""
        if not isinstance(text, str):
            text = ""
        if self._stale:
            self._stale = False
            self._ctx = _make_ctx(*self._known)
        self._lines = [_safe_line(text[a:b]) for a, b in _line_spans(text)]
        self._facts = _Facts()
        self._ctx.set_doc(self._facts.pa, self._facts.oa)
        self._links = {}
        self._lfacts = []
        data = self._ctx.data
        for ln in self._lines:
            lf = self._local(ln)
            self._lfacts.append(lf)
            if lf[0]:
                self._facts.add(lf[0], data)
            for pair in lf[1]:
                self._links[pair] = self._links.get(pair, 0) + 1
        self._cache = [None] * len(self._lines)
        self._gen += 1

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def text(self) -> str:
        return "\n".join(self._lines)

    def line(self, line_no: int) -> str:
        return self._lines[line_no] if 0 <= line_no < len(self._lines) else ""

    # -- edits --------------------------------------------------------------------------
    def update_line(self, line_no: int, new_line: str) -> bool:
        """Replace one line.  True if document-level facts changed (other lines may restyle)."""
        self._ensure()
        if not (0 <= line_no < len(self._lines)):
            return False
        if not isinstance(new_line, str):
            new_line = ""
        if "\n" in new_line:
            return self.replace_lines(line_no, line_no + 1, new_line.split("\n"))
        new_line = _safe_line(new_line)
        if self._lines[line_no] == new_line:
            return False
        old = self._lfacts[line_no]
        lf = self._local(new_line)
        self._lines[line_no] = new_line
        self._lfacts[line_no] = lf
        self._cache[line_no] = None
        if old == lf:
            return False
        return self._update(old, lf)

    def replace_lines(self, start: int, end: int, new_lines: list[str]) -> bool:
        """Replace lines[start:end] with new_lines (insert: start == end; delete: new_lines=[])."""
        self._ensure()
        start = max(0, min(start, len(self._lines)))
        end = max(start, min(end, len(self._lines)))
        new_lines = [_safe_line(x if isinstance(x, str) else "") for x in new_lines]
        flat = []
        for x in new_lines:
            flat.extend(x.split("\n"))
        new_lines = flat
        facts_changed = links_changed = False
        for lf in self._lfacts[start:end]:
            f, lk = self._apply(lf, -1)
            facts_changed, links_changed = facts_changed or f, links_changed or lk
        new_lf = [self._local(ln) for ln in new_lines]
        for lf in new_lf:
            f, lk = self._apply(lf, +1)
            facts_changed, links_changed = facts_changed or f, links_changed or lk
        changed = facts_changed or links_changed
        self._lines[start:end] = new_lines
        self._lfacts[start:end] = new_lf
        self._cache[start:end] = [None] * len(new_lines)
        if not self._lines:
            self._lines, self._lfacts, self._cache = [""], [((), ())], [None]
        if facts_changed:
            self._gen += 1
        return changed

    def insert_lines(self, line_no: int, new_lines: list[str]) -> bool:
        return self.replace_lines(line_no, line_no, new_lines)

    def delete_lines(self, start: int, end: int) -> bool:
        return self.replace_lines(start, end, [])

    # -- queries --------------------------------------------------------------------------
    def line_mentions(self, line_no: int) -> list[Mention]:
        """Mentions of one line, offsets relative to the line."""
        self._ensure()
        if not (0 <= line_no < len(self._lines)):
            return []
        raw = self._raw(line_no)
        ln = self._lines[line_no]
        lm = self._link_map() if any(r[2] is PERSON for r in raw) else {}
        return [Mention(s, e, kind, ln[s:e], key, src, lm.get(key) if kind is PERSON else None)
                for s, e, kind, key, src in raw]

    def all_mentions(self) -> list[Mention]:
        """Mentions of the whole document, document offsets (lines joined by "\\n")."""
        self._ensure()
        out = []
        pos = 0
        lm = self._link_map()
        for i, ln in enumerate(self._lines):
            for s, e, kind, key, src in self._raw(i):
                out.append(Mention(pos + s, pos + e, kind, ln[s:e], key, src,
                                   lm.get(key) if kind is PERSON else None))
            pos += len(ln) + 1
        return out

    def entities(self) -> dict[str, Entity]:
        """key -> Entity(kind, display (fullest form seen), count, first_line, org_key, source)."""
        self._ensure()
        ents: dict[str, Entity] = {}
        lm = self._link_map()
        for i, ln in enumerate(self._lines):
            for s, e, kind, key, src in self._raw(i):
                text = ln[s:e]
                ent = ents.get(key)
                if ent is None:
                    ents[key] = Entity(key, kind, text, 1, i, lm.get(key) if kind is PERSON else None, src)
                else:
                    ent.count += 1
                    if len(text) > len(ent.display) or (len(text) == len(ent.display)
                                                        and text[:1].isupper() and not ent.display[:1].isupper()):
                        ent.display = text
                    if src is KNOWN:
                        ent.source = KNOWN
        return ents

    # -- internals -------------------------------------------------------------------------
    def _local(self, line: str):
        raw, facts, toks = _run(line, self._ctx, False)
        self._last_local = (line, raw, toks)  # reused by _raw right after an edit
        links = tuple(_links_for_line(line, raw)) if len(raw) > 1 else ()
        return (tuple(facts), links)

    def _apply(self, lf, sign) -> tuple[bool, bool]:
        """Add (sign +1) or remove (-1) one line's facts and links: (facts changed, links changed).

        Links only decide a person's org_key, looked up at query time, so a link change
        leaves every line's cached mentions valid; only a change of facts (full names,
        aliases) can change how other lines read."""
        facts, links = lf
        facts_changed = self._facts.add(facts, self._ctx.data, sign) if facts else False
        links_changed = False
        for pair in links:
            c = self._links.get(pair, 0) + sign
            if c <= 0:
                self._links.pop(pair, None)
            else:
                self._links[pair] = c
            links_changed = True
        if links_changed:
            self._links_gen += 1
        return facts_changed, links_changed

    def _update(self, old, new) -> bool:
        """Swap one line's facts ``old`` for ``new``; True if anything document-level changed."""
        f1, l1 = self._apply(old, -1)
        f2, l2 = self._apply(new, +1)
        if f1 or f2:
            self._gen += 1
        return f1 or f2 or l1 or l2

    def _link_map(self) -> dict[str, str]:
        stamp = (self._gen, self._links_gen)
        if self._lm_gen != stamp:
            self._lm = _link_map(self._links, self._facts.pa)
            self._lm_gen = stamp
        return self._lm

    def _raw(self, i):
        c = self._cache[i]
        if c is not None and c[0] == self._gen:
            return c[1]
        ln = self._lines[i]
        fa = self._facts
        last = self._last_local
        if last is not None and last[0] is ln:
            raw, toks = last[1], last[2]
        else:
            raw, _f, toks = _run(ln, self._ctx, False)
        if fa.pa or fa.oa:
            # exactly what find_mentions does: local pass, then the final pass where needed
            raw = _final_pass(ln, raw, toks, self._ctx, fa.pa, fa.oa)
        self._cache[i] = (self._gen, raw)
        return raw
